// sigmoid (logistic)
//   f(x)  = 1 / (1 + e^-x)
//   f'(x) = f(x) (1 - f(x)) = e^-|x| / (1 + e^-|x|)^2
//   f'(y) = y (1 - y)                       (derivative_from_output)
// No parameters. Method: math::logistic_parts on t = e^-|x| <= 1, which never overflows
// (XNNPACK's orientation): f = 1/(1+t) for x >= 0, t/(1+t) for x < 0, one division either way;
// subnormal results stay accurate (f(-100) = 3.7e-44 in float). Fused: f and f' from one
// evaluation.
// Edges: f(-inf) = +0, f(+inf) = 1, f(+-0) = 0.5; f'(+-inf) = +0; NaN in, NaN out.
// Bound: `accuracy` ulp over the whole float and double lines. from_output: within 3.5 ulp of
//   f'(x) for y <= 0.5; above, 1 - y carries y's own error: 3 * 2^-24 (float), 3 * 2^-53 (double)
//   absolute. Prefer derivative(x) when x is at hand.
// Reference: PyTorch torch.sigmoid; XNNPACK f32-vsigmoid.
// Fast tier (fast_eval): float, one e^-|x| and one division for f; bound 4 / 8 ulp (fast.hpp).
#pragma once

#include <string_view>
#include <utility>

#include "functor.hpp"
#include "math/fast.hpp"
#include "math/logistic.hpp"

namespace activ {

struct sigmoid {
  static constexpr std::string_view name = "sigmoid";
  static constexpr ulp_bounds accuracy{1.5, 3.5, 1.5, 3.5};
  static constexpr bool interleave = true;  // one long chain per batch (apply.hpp)

  ACTIV_CALLS_FROM_EVAL()

  // The fast tier (activ::fast<sigmoid>, float): t = e^-|x| from math::fast,
  // f = (x < 0 ? t : 1) / (1 + t), f' = t / (1 + t)^2, t held as t 2^64 until the last product.
  template <bool Value, bool Slope, class V>
  static auto fast_eval(const V& x) {
    namespace mf = math::fast;
    const auto e = mf::exp_neg(x | V(-0.f));
    const V d = math::fmadd(e.ts, V(mf::scale_down), V(1));  // 1 + e^-|x|
    const auto nan = xsimd::isnan(x);
    return detail::pick<Value, Slope>(
        [&] {
          const V f = (xsimd::select(x < V(0), e.ts, V(mf::scale_up)) / d) * V(mf::scale_down);
          return xsimd::select(nan, x, f);
        },
        [&] { return xsimd::select(nan, x, (e.ts / (d * d)) * V(mf::scale_down)); });
  }

  template <class T>
  T derivative_from_output(T y) const {
    return on_batch(y, [](auto v) {
      using V = decltype(v);
      return v * (V(1) - v);
    });
  }

 private:
  template <bool Value, bool Slope, class V>
  static auto eval(const V& x) {
    return math::logistic_parts(x, [&](const math::logistic_t<V>& l) {
      // f' = sigmoid(|x|) sigmoid(-|x|)
      return detail::pick<Value, Slope>(
          [&] { return math::logistic_value(x, l); },
          [&] { return math::keep_nan(x, (l.pos() * l.neg_m()) * l.scale); });
    });
  }
};

}  // namespace activ
