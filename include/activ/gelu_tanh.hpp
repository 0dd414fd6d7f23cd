// gelu_tanh (GELU, tanh approximation: PyTorch's approximate='tanh')
//   f(x)  = x/2 (1 + tanh(u)) = x sigma(A),  u = sqrt(2/pi) (x + 0.044715 x^3),
//           A = 2u = c1 x + c3 x^3 (k below),  sigma(A) = 1 / (1 + e^-A)
//   f'(x) = sigma(A) + x sigma(A) (1 - sigma(A)) A'(x),  x A' = c1 x + 3 c3 x^3
// No parameters. Not gelu: the two GELU forms are different functions.
// Method: 1 + tanh(u) = 2 sigma(2u) is never formed (it cancels for u < 0). float in double,
//   t = e^-A: f = x / (1 + t), f' = ((1 + t) + x A' t) / (1 + t)^2 (A in plain double: 2^-45
//   absolute at |A| = 112). double: s = sigma(A) from the sigmoid core (math::logistic_parts)
//   with A a double word, as e^-|A| turns A's absolute error into a relative one (|A| reaches 750
//   before f underflows); f = x s as swish forms it, f' = s (1 + x A' (1 - s)): shorter than a
//   double-word division x / (1 + e^-|A|). Fused: f and f' share e^-A (float), the sigmoid core
//   (double).
// Edges: f(-inf) = -0, f(+inf) = +inf, f(-0) = -0; f'(-inf) = -0, f'(+inf) = 1, f'(+-0) = 0.5;
//   NaN in, NaN out (PyTorch's f' is NaN for |x| > 1.8e19, where its x^3 overflows in float).
// Bound: `accuracy` ulp over the whole float and double lines; f' crosses 0 near x = -0.7525 and
//   is measured in ulps of |sigma| + |x sigma (1 - sigma) A'| there.
// Reference: Hendrycks & Gimpel, arXiv:1606.08415; PyTorch torch.nn.GELU.
#pragma once

#include <string_view>
#include <utility>

#include "detail/simd.hpp"
#include "detail/widen.hpp"
#include "math/extended.hpp"
#include "math/logistic.hpp"
#include "math/wide.hpp"
#include "swish.hpp"

namespace activ {

struct gelu_tanh {
  static constexpr std::string_view name = "gelu_tanh";
  static constexpr ulp_bounds accuracy{2, 4, 2, 4};
  static constexpr bool interleave = true;  // one long chain per batch (apply.hpp)

  ACTIV_CALLS_FROM_EVAL()

 private:
  template <bool Value, bool Slope, class V>
  static auto eval(const V& v) {
    if constexpr (detail::is_float_batch<V>) {
      // On [x_min, x_max], t = e^-A <= e^112.5: (1 + t)^2 stays finite.
      const V c = detail::compat::clamp(v, V(k<V>::x_min), V(k<V>::x_max));
      const auto r = detail::in_double(c, [](auto x) {
        using D = decltype(x);
        using KD = k<D>;
        const D z = x * x;
        const D t =
            math::wide::exp_in_range(x * math::wide::fnmadd(D(KD::c3_hi), z, D(-KD::c1_hi)));
        const D d = D(1) + t;
        return detail::pick<Value, Slope>([&] { return x / d; },
                                          [&] {
                                            const D xa = x * math::wide::fmadd(D(3 * KD::c3_hi), z,
                                                                               D(KD::c1_hi));
                                            return math::wide::fmadd(xa, t, d) / (d * d);
                                          });
      });
      const auto nan = xsimd::isnan(v);  // NaN: v itself
      return detail::each<Value, Slope>(
          r, [&](const V& f) { return xsimd::select((v > c) | nan, v, f); },
          [&](const V& f) { return xsimd::select(nan, v, f); });
    } else {
      using S = detail::scalar_t<V>;
      using K = k<V>;
      V x = xsimd::select(v < V(K::x_min), V(K::x_min), v);
      x = xsimd::select(x > V(K::x_max), V(K::x_max), x);
      // A = c1 x + c3 x^3 as a double word (exact products); x^3 cannot overflow.
      const auto x2 = math::two_square(x);
      const auto x3 = math::two_prod(x, x2.hi);
      const V x3_lo = math::fmadd(x, x2.lo, x3.lo);
      const auto a3 = math::two_prod(V(K::c3_hi), x3.hi);
      const V a3_lo = a3.lo + (V(K::c3_hi) * x3_lo + V(K::c3_lo) * x3.hi);
      const auto a1 = math::two_prod(V(K::c1_hi), x);
      const V a1_lo = math::fmadd(V(K::c1_lo), x, a1.lo);
      const auto a = math::two_sum(a1.hi, a3.hi);
      const V a_lo = a.lo + (a1_lo + a3_lo);
      // Below x_min: -0 (see k); NaN comes out as itself.
      const auto edge = [&](const V& y) {
        return xsimd::select(xsimd::isnan(v), v, xsimd::select(v < V(K::x_min), V(S(-0.0)), y));
      };
      return math::logistic_parts(a.hi, a_lo, [&](const math::logistic_t<V>& l) {
        return detail::pick<Value, Slope>(
            [&] { return edge(detail::swish_value(v, a.hi, l)); },
            [&] {
              // w = x A' = A + 2 c3 x^3 (terms of one sign), rounded once.
              const auto w2 = math::two_sum(a.hi, V(2) * a3.hi);
              const V w = w2.hi + (w2.lo + (a_lo + V(2) * a3_lo));
              const V pos = l.pos();  // 1 - s for x < 0, s for x >= 0
              // x < 0: s (1 + w (1 - s)) from s's hi + lo, scaled last (subnormal results round
              // once); 1 + w (1 - s) changes sign at x = -0.7525.
              const V inner = math::fmadd(w, pos, V(1));
              const V below = math::fmadd(l.neg_hi, inner, l.neg_lo * inner) * l.scale;
              // x >= 0: s + w s (1 - s), two positive terms.
              const V above = math::fmadd(w * (pos * l.neg_m()), l.scale_near, pos);
              return edge(xsimd::select(a.hi < V(0), below, above));
            });
      });
    }
  }

  template <class V>
  struct k {
    using S = detail::scalar_t<V>;
    static constexpr bool f32 = std::is_same_v<S, float>;
    // c1 = 2 sqrt(2/pi) and c3 = c1 * 0.044715 as hi + lo.
    static constexpr S c1_hi = f32 ? S(0x1.988454p+0f) : S(0x1.9884533d43651p+0);
    static constexpr S c1_lo = f32 ? S(-0x1.857936p-25f) : S(-0x1.cbc0d30ebfd15p-54);
    static constexpr S c3_hi = f32 ? S(0x1.2444f2p-4f) : S(0x1.2444f2a4d8b4bp-4);
    static constexpr S c3_lo = f32 ? S(0x1.49b16ap-29f) : S(-0x1.6c843a29d1c70p-61);
    // Below x_min, |f| and |f'| < 2^-150 / 2^-1075; above x_max, s < 2^-120.
    static constexpr S x_min = f32 ? S(-11) : S(-21.7);
    static constexpr S x_max = f32 ? S(10) : S(20);
  };
};

}  // namespace activ
