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
// Fused (value_and_derivative, forward_with_derivative): in float f and f'
//   share tanh|x|; in double 1 - tanh|x| (math::one_minus_tanh_abs: the
//   exponential and its division), each side keeping its own polynomial.
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
#include <utility>

#include "detail/simd.hpp"
#include "detail/widen.hpp"
#include "math/tanh.hpp"
#include "math/wide_tanh.hpp"

namespace activ {

struct tanhshrink {
  static constexpr std::string_view name = "tanhshrink";
  static constexpr ulp_bounds accuracy{2, 2.5, 2, 2.5};
  static constexpr bool interleave = true;  // one long chain per batch (apply.hpp)

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) { return eval<1, 0>(v); });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) { return eval<0, 1>(v); });
  }

  // {f(x), f'(x)}; from one tanh (float) or one 1 - tanh|x| (double): the
  // same bits as the two calls.
  template <class T>
  std::pair<T, T> value_and_derivative(T x) const {
    return detail::lift_pair(x, [](auto v) { return eval<1, 1>(v); });
  }

 private:
  template <bool Value, bool Slope, class V>
  static auto eval(const V& v) {
    if constexpr (detail::is_float_batch<V>) {
      const auto r = detail::in_double(xsimd::abs(v), [](auto a) {
        const auto t = math::wide::tanh_clamped(a);
        return detail::pick<Value, Slope>([&] { return math::wide::x_minus_tanh(a, t); },
                                          [&] { return t * t; });
      });
      // odd: the sign bit of x on f; NaN: v itself
      return detail::each<Value, Slope>(
          r, [&](const V& y) { return xsimd::select(xsimd::isnan(v), v, y | (v & V(-0.f))); },
          [&](const V& d) { return xsimd::select(xsimd::isnan(v), v, d); });
    } else {
      // Only the pair shares t explicitly: the derivative alone written as
      // tanh_squared(v, t) measured 5-9% slower (same bits either way).
      if constexpr (Value && Slope) {
        const auto t = math::one_minus_tanh_abs(v);  // shared: the exponential and its division
        return std::pair{math::x_minus_tanh(v, t), math::tanh_squared(v, t)};
      } else {
        return detail::pick<Value, Slope>([&] { return math::x_minus_tanh(v); },
                                          [&] { return math::tanh_squared(v); });
      }
    }
  }
};

}  // namespace activ
