// activ: neural-network activation functions, forward and derivative, for
// float, double and xsimd::batch, with SIMD array drivers. Include this one
// header; see README.md for the list and each header for its formula.
#pragma once

#include "apply.hpp"
#include "relu.hpp"
#include "sigmoid.hpp"
#include "swish.hpp"

#include <tuple>

namespace activ {
// Every element-wise activation, for code that iterates over all of them
// (tests, benchmarks, runtime selection).
using elementwise_activations = std::tuple<relu, sigmoid, swish, silu>;
}  // namespace activ
