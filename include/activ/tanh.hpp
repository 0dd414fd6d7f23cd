// tanh (hyperbolic tangent)
//   f(x)  = tanh(x) = (e^x - e^-x) / (e^x + e^-x)
//   f'(x) = 1 - tanh(x)^2 = 4 e^-2|x| / (1 + e^-2|x|)^2
//   f'(y) = 1 - y^2 = (1 - y)(1 + y)         (derivative_from_output)
// No parameters. Method: on |x| with the sign bit restored (odd, tanh(-0) = -0); f' is never
// 1 - tanh^2, which cancels where tanh is near 1. float in double (math/wide_tanh.hpp):
// tanh|x| = E / (E + 2), f' = 4 (E + 1) / (E + 2)^2, E = e^2|x| - 1. double: math::tanh and
// math::tanh_derivative. Fused: f and f' share E (float); double evaluates its two kernels.
// Edges: f(+-inf) = +-1, f(-0) = -0; f'(+-inf) = +0, f'(+-0) = 1; NaN in, NaN out.
// Bound: `accuracy` ulp over the whole float and double lines. from_output: within 1.75 ulp of
//   f'(x) for |y| <= 1/2; above, 1 - y carries y's own error: 2 * 2^-24 (float), 2 * 2^-53
//   (double) absolute. Prefer derivative(x) when x is at hand.
// Reference: PyTorch torch.tanh / torch.nn.Tanh.
// Fast tier (fast_eval): float, f = |e^-2|x| - 1| / (1 + e^-2|x|) with x's sign,
// f' = 4 e^-2|x| / (1 + e^-2|x|)^2; bound 4 / 8 ulp (fast.hpp).
#pragma once

#include <string_view>
#include <utility>

#include "detail/widen.hpp"
#include "functor.hpp"
#include "math/fast.hpp"
#include "math/tanh.hpp"
#include "math/wide_tanh.hpp"

namespace activ {

struct tanh {
  static constexpr std::string_view name = "tanh";
  static constexpr ulp_bounds accuracy{1, 2, 1, 2};
  static constexpr bool interleave = true;  // one long chain per batch (apply.hpp)

  ACTIV_CALLS_FROM_EVAL()

  template <bool Value, bool Slope, class V>
  static auto fast_eval(const V& x) {
    namespace mf = math::fast;
    const auto e = mf::exp_neg((x + x) | V(-0.f));
    const V em1 = mf::expm1_of(e);
    const V d = V(2) + em1;  // 1 + e^-2|x|
    const auto nan = xsimd::isnan(x);
    return detail::pick<Value, Slope>(
        [&] { return xsimd::select(nan, x, (xsimd::abs(em1) / d) | (x & V(-0.f))); },
        [&] { return xsimd::select(nan, x, (V(4) * e.ts / (d * d)) * V(mf::scale_down)); });
  }

  template <class T>
  T derivative_from_output(T y) const {
    return on_batch(y, [](auto v) {
      using V = decltype(v);
      return (V(1) - v) * (V(1) + v);
    });
  }

 private:
  template <bool Value, bool Slope, class V>
  static auto eval(const V& v) {
    if constexpr (detail::is_float_batch<V>) {
      const auto r = detail::in_double(clamp(v), [](auto a) {
        const auto e = math::wide::tanh_e(a);
        return detail::pick<Value, Slope>([&] { return math::wide::tanh_of(e); },
                                          [&] { return math::wide::tanh_derivative_of(e); });
      });
      // odd: the sign bit of x on f; NaN: v itself
      return detail::each<Value, Slope>(
          r, [&](const V& t) { return xsimd::select(xsimd::isnan(v), v, t | (v & V(-0.f))); },
          [&](const V& d) { return xsimd::select(xsimd::isnan(v), v, d); });
    } else {
      return detail::pick<Value, Slope>([&] { return math::tanh(v); },
                                        [&] { return math::tanh_derivative(v); });
    }
  }

  template <class V>
  static V clamp(V v) {
    return detail::compat::clamp_above(xsimd::abs(v), V(350.f));
  }
};

}  // namespace activ
