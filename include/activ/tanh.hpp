// tanh (hyperbolic tangent)
//
//   f(x)  = tanh(x) = (e^x - e^-x) / (e^x + e^-x)
//   f'(x) = 1 - tanh(x)^2 = 4 e^-2|x| / (1 + e^-2|x|)^2
//   f'(y) = 1 - y^2 = (1 - y)(1 + y)         (derivative_from_output)
//
// math::tanh works on |x| and restores the sign bit (odd, tanh(-0) = -0):
// a polynomial below 1, 1 - 2 e^-2|x| / (1 + e^-2|x|) above, exactly 1 from
// math::detail_tanh::k<T>::k_saturation (9.0109 float, 19.062 double) on.
// f' is never 1 - tanh^2 (that cancels where tanh is near 1): the same
// rounded e^-2|x| goes into numerator and denominator, so f' is accurate in
// ulps everywhere, 4 e^-2|x| rounded once into the subnormal tail.
//
// Edges: f(-inf) = -1, f(+inf) = 1, f(-0) = -0; f'(+-inf) = +0, f'(+-0) = 1;
//        NaN in, NaN out (forward and derivative).
// Accuracy (ulp, whole range, see `accuracy`): tests/elementwise.cpp sweeps
//   float and double in ulp space against long double; measured with g++ 12
//   and clang 14 -O2 at SSE2 (no FMA) and AVX2+FMA.
// derivative_from_output: (1 - y)(1 + y) is within 1.75 ulp of f'(x) for
//   |y| <= 1/2; for |y| > 1/2 the error of y itself (1 - y carries it) is the
//   error, so it is bounded in absolute terms there: 2 * 2^-24 (float),
//   2 * 2^-53 (double). Prefer derivative(x) when x is at hand.
// Reference: PyTorch torch.tanh / torch.nn.Tanh.
#pragma once

#include <string_view>

#include "detail/simd.hpp"
#include "math/tanh.hpp"

namespace activ {

struct tanh {
  static constexpr std::string_view name = "tanh";
  static constexpr ulp_bounds accuracy{1, 2, 1, 2};

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) { return math::tanh(v); });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) { return math::tanh_derivative(v); });
  }

  template <class T>
  T derivative_from_output(T y) const {
    return detail::lift(y, [](auto v) {
      using V = decltype(v);
      return (V(1) - v) * (V(1) + v);
    });
  }
};

}  // namespace activ
