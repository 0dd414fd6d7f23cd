// Every built-in activation, and the type list that tests, benchmarks and
// runtime selection iterate over. A new element-wise activation is its
// header, its include here and one entry in elementwise_activations.
#pragma once

#include <tuple>

#include "apply.hpp"
#include "relu.hpp"
#include "sigmoid.hpp"
#include "swish.hpp"
#include "relu6.hpp"
#include "leaky_relu.hpp"
#include "prelu.hpp"
#include "rrelu.hpp"
#include "hardtanh.hpp"
#include "hardsigmoid.hpp"
#include "hardswish.hpp"
#include "threshold.hpp"
#include "hardshrink.hpp"
#include "softshrink.hpp"
#include "sign.hpp"
#include "softsign.hpp"
#include "elu.hpp"
#include "selu.hpp"
#include "celu.hpp"
#include "softplus.hpp"
#include "logsigmoid.hpp"
#include "mish.hpp"
#include "tanh.hpp"
#include "tanhshrink.hpp"
#include "gelu.hpp"
#include "gelu_tanh.hpp"

// Row-wise activations: not in elementwise_activations (they read whole rows).
#include "softmax.hpp"
#include "log_softmax.hpp"
#include "maxout.hpp"
#include "glu.hpp"
#include "prelu_channels.hpp"

namespace activ {

// Every element-wise activation, in the order of the README's tables.
using elementwise_activations =
    std::tuple<relu, sigmoid, swish, silu,
               relu6, leaky_relu, prelu, rrelu, hardtanh, hardsigmoid, hardswish, threshold,
               hardshrink, softshrink, sign, softsign,
               elu, selu, celu, softplus, logsigmoid, mish,
               tanh, tanhshrink, gelu, gelu_tanh>;

}  // namespace activ
