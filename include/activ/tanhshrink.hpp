// tanhshrink
//
//   f(x)  = x - tanh(x)
//   f'(x) = tanh(x)^2
//
// x - tanh(x) cancels near 0 (it is x^3/3 - 2x^5/15 + ...), so it is never
// computed as a difference there: math::x_minus_tanh uses x^3 (1/3 + x^2 Q)
// with x^3 and x^3/3 exact as double words for |x| < 1, and (|x| - 1) +
// (1 - tanh|x|) above, where |x| - 1 is exact (see math/tanh.hpp). Odd, by
// the sign bit.
//
// Edges: f(-inf) = -inf, f(+inf) = +inf, f(-0) = -0; f'(+-inf) = 1,
//        f'(+-0) = +0; NaN in, NaN out (forward and derivative).
// Accuracy (ulp, whole range, see `accuracy`): tests/elementwise.cpp, g++ 12
//   and clang 14 -O2 at SSE2 and AVX2+FMA, float and double, subnormal
//   results (|x| < 2^-42 in float) included.
// No derivative_from_output: tanh(x)^2 is not a closed function of x - tanh x.
// Reference: PyTorch torch.nn.Tanhshrink.
#pragma once

#include <string_view>

#include "detail/simd.hpp"
#include "math/tanh.hpp"

namespace activ {

struct tanhshrink {
  static constexpr std::string_view name = "tanhshrink";
  static constexpr ulp_bounds accuracy{2, 2.5, 2, 2.5};

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) { return math::x_minus_tanh(v); });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) { return math::tanh_squared(v); });
  }
};

}  // namespace activ
