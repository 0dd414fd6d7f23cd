// Every built-in activation, and the type list that tests, benchmarks and
// runtime selection iterate over. A new element-wise activation is its
// header, its include here and one entry in elementwise_activations.
#pragma once

#include <tuple>

#include "apply.hpp"
#include "celu.hpp"
#include "elu.hpp"
#include "gelu.hpp"
#include "gelu_tanh.hpp"
#include "hardshrink.hpp"
#include "hardsigmoid.hpp"
#include "hardswish.hpp"
#include "hardtanh.hpp"
#include "leaky_relu.hpp"
#include "logsigmoid.hpp"
#include "mish.hpp"
#include "prelu.hpp"
#include "relu.hpp"
#include "relu6.hpp"
#include "rrelu.hpp"
#include "selu.hpp"
#include "sigmoid.hpp"
#include "sign.hpp"
#include "softplus.hpp"
#include "softshrink.hpp"
#include "softsign.hpp"
#include "swish.hpp"
#include "tanh.hpp"
#include "tanhshrink.hpp"
#include "threshold.hpp"

// Row-wise activations: not in elementwise_activations (they read whole rows).
#include "glu.hpp"
#include "log_softmax.hpp"
#include "maxout.hpp"
#include "prelu_channels.hpp"
#include "softmax.hpp"

namespace activ {

// Every element-wise activation, in the order of the README's tables.
using elementwise_activations =
    std::tuple<relu, sigmoid, swish, silu, relu6, leaky_relu, prelu, rrelu, hardtanh, hardsigmoid,
               hardswish, threshold, hardshrink, softshrink, sign, softsign, elu, selu, celu,
               softplus, logsigmoid, mish, tanh, tanhshrink, gelu, gelu_tanh>;

}  // namespace activ
