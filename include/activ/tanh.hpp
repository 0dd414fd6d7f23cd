// tanh (hyperbolic tangent)
//
//   f(x)  = tanh(x) = (e^x - e^-x) / (e^x + e^-x)
//   f'(x) = 1 - tanh(x)^2 = 4 e^-2|x| / (1 + e^-2|x|)^2
//   f'(y) = 1 - y^2 = (1 - y)(1 + y)         (derivative_from_output)
//
// Both work on |x| and restore the sign bit (odd, tanh(-0) = -0); f' is
// never 1 - tanh^2 (that cancels where tanh is near 1).
// float: evaluated in double and rounded once (math/wide_tanh.hpp, after
// math/wide.hpp): tanh|x| = E / (E + 2), E = e^2|x| - 1 (relative to |x|
// near 0, e^700 and so exactly 1 far out); f' = 4t / (1 + t)^2, t = e^-2|x|.
// double: math::tanh, a polynomial below 1, 1 - 2 e^-2|x| / (1 + e^-2|x|)
// above, exactly 1 from math::detail_tanh::k<double>::k_saturation (19.062)
// on; f' from the same rounded e^-2|x| in numerator and denominator, so
// accurate in ulps everywhere, 4 e^-2|x| rounded once into the subnormal tail.
//
// Edges: f(-inf) = -1, f(+inf) = 1, f(-0) = -0; f'(+-inf) = +0, f'(+-0) = 1;
//        NaN in, NaN out (forward and derivative).
// Accuracy (ulp, whole range, see `accuracy`): tests/elementwise.cpp sweeps
//   float and double in ulp space against long double; measured with g++ 12
//   and clang 14 -O2 at SSE2 (no FMA), AVX2+FMA and AVX-512: float 0.504
//   forward, 0.501 derivative; double 0.78, 1.03.
// derivative_from_output: (1 - y)(1 + y) is within 1.75 ulp of f'(x) for
//   |y| <= 1/2; for |y| > 1/2 the error of y itself (1 - y carries it) is the
//   error, so it is bounded in absolute terms there: 2 * 2^-24 (float),
//   2 * 2^-53 (double). Prefer derivative(x) when x is at hand.
// Reference: PyTorch torch.tanh / torch.nn.Tanh.
#pragma once

#include <string_view>

#include "detail/simd.hpp"
#include "detail/widen.hpp"
#include "math/tanh.hpp"
#include "math/wide_tanh.hpp"

namespace activ {

struct tanh {
  static constexpr std::string_view name = "tanh";
  static constexpr ulp_bounds accuracy{1, 2, 1, 2};

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) {
      using V = decltype(v);
      if constexpr (detail::is_float_batch<V>) {
        const V t = detail::in_double(clamp(v), [](auto a) { return math::wide::tanh(a); });
        return xsimd::select(xsimd::isnan(v), v, t | (v & V(-0.f)));  // NaN: v itself
      } else {
        return math::tanh(v);
      }
    });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) {
      using V = decltype(v);
      if constexpr (detail::is_float_batch<V>)
        return xsimd::select(xsimd::isnan(v), v,
                             detail::in_double(clamp(v), [](auto a) { return math::wide::tanh_derivative(a); }));
      else
        return math::tanh_derivative(v);
    });
  }

  template <class V>
  static V clamp(V v) {
    const V a = xsimd::abs(v);
    return xsimd::select(a > V(350.f), V(350.f), a);
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
