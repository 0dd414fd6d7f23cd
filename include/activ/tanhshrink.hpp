// tanhshrink
//   f(x)  = x - tanh(x)
//   f'(x) = tanh(x)^2
// No parameters. Method: x - tanh(x) cancels near 0 (it is x^3/3 - 2x^5/15 + ...) and is never a
// difference there; odd, by the sign bit. float in double (math/wide_tanh.hpp); double:
// math::x_minus_tanh and math::tanh_squared. Fused: f and f' share tanh|x| (float), 1 - tanh|x|
// (double: the exponential and its division; each keeps its own polynomial).
// Edges: f(+-inf) = +-inf, f(-0) = -0; f'(+-inf) = 1, f'(+-0) = +0; NaN in, NaN out.
// Bound: `accuracy` ulp over the whole float and double lines, subnormal results (|x| < 2^-42 in
//   float) included. No derivative_from_output: tanh(x)^2 is not a closed function of x - tanh x.
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

  ACTIV_CALLS_FROM_EVAL()

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
      // Only the pair shares t explicitly: for the derivative alone, tanh_squared(v) is the
      // faster form (same bits).
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
