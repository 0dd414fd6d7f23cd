// tanhshrink
//
//   f(x)  = x - tanh(x)
//   f'(x) = tanh(x)^2
//
// x - tanh(x) cancels near 0 (it is x^3/3 - 2x^5/15 + ...), so it is never
// computed as a difference there. Odd, by the sign bit.
// float: evaluated in double and rounded once (math/wide_tanh.hpp):
// |x|^3 P(x^2) below 9/16, |x| - tanh|x| above (it loses at most 3.3 bits
// of the 2^-31 of tanh there); f' = tanh(|x|)^2.
// double: math::x_minus_tanh uses x^3 (1/3 + x^2 Q) with x^3 and x^3/3
// exact as double words for |x| < 1, and (|x| - 1) + (1 - tanh|x|) above,
// where |x| - 1 is exact; f' squares tanh's unrounded parts (math/tanh.hpp).
//
// Edges: f(-inf) = -inf, f(+inf) = +inf, f(-0) = -0; f'(+-inf) = 1,
//        f'(+-0) = +0; NaN in, NaN out (forward and derivative).
// Accuracy (ulp, whole range, see `accuracy`): tests/elementwise.cpp, g++ 12
//   and clang 14 -O2 at SSE2, AVX2+FMA and AVX-512, float and double,
//   subnormal results (|x| < 2^-42 in float) included: float 0.501 forward,
//   0.512 derivative; double 1.24, 1.19.
// No derivative_from_output: tanh(x)^2 is not a closed function of x - tanh x.
// Reference: PyTorch torch.nn.Tanhshrink.
#pragma once

#include <string_view>

#include "detail/simd.hpp"
#include "detail/widen.hpp"
#include "math/tanh.hpp"
#include "math/wide_tanh.hpp"

namespace activ {

struct tanhshrink {
  static constexpr std::string_view name = "tanhshrink";
  static constexpr ulp_bounds accuracy{2, 2.5, 2, 2.5};

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) {
      using V = decltype(v);
      if constexpr (detail::is_float_batch<V>) {
        const V y = detail::in_double(xsimd::abs(v), [](auto a) { return math::wide::x_minus_tanh(a); });
        return xsimd::select(xsimd::isnan(v), v, y | (v & V(-0.f)));  // NaN: v itself
      } else {
        return math::x_minus_tanh(v);
      }
    });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) {
      using V = decltype(v);
      if constexpr (detail::is_float_batch<V>) {
        const V a = xsimd::abs(v);
        const V d = detail::in_double(xsimd::select(a > V(350.f), V(350.f), a), [](auto a) {
          const auto t = math::wide::tanh(a);
          return t * t;
        });
        return xsimd::select(xsimd::isnan(v), v, d);  // NaN: v itself
      } else {
        return math::tanh_squared(v);
      }
    });
  }
};

}  // namespace activ
