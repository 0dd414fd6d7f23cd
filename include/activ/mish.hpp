// mish
//   f(x)  = x tanh(softplus(x)) = x tanh(log(1 + e^x))
//   f'(x) = tanh(sp) + x sigmoid(x) sech^2(sp),  sp = softplus(x)
// No parameters. Method: no softplus and no tanh: with t = e^x and n = t (t + 2),
// f = x n / (n + 2) and f' = [n (n + 2) + 4x t (1 + t)] / (n + 2)^2, in double for float (the sum
// in f' crosses zero near x = -1.19; its terms carry about 2^-31 of their magnitude). double: the
// same on w = e^-|x| <= 1 (nothing overflows; parts_t) in double-word arithmetic, rounded once,
// w's factor 2^n2 last so that subnormal results round once; x is clamped so that inf * 0 never
// happens. Fused: f and f' share t and n (float), w and q (double).
// Edges: f(-inf) = -0 (the limit of x e^x), f(+inf) = +inf, f(-0) = -0; f'(-inf) = -0,
//   f'(+inf) = 1, f'(+-0) = 0.6; NaN in, NaN out.
// Bound: `accuracy` ulp over the whole float and double lines; f' in ulps of
//   |tanh(sp)| + |x sigmoid(x) sech^2(sp)| near its root.
// Reference: Misra 2019, arXiv:1908.08681; PyTorch torch.nn.Mish.
#pragma once

#include <string_view>
#include <utility>

#include "detail/simd.hpp"
#include "detail/widen.hpp"
#include "math/dword.hpp"
#include "math/exp.hpp"
#include "math/wide.hpp"

namespace activ {

struct mish {
  static constexpr std::string_view name = "mish";
  static constexpr ulp_bounds accuracy{1, 1, 1, 1};
  static constexpr bool interleave = true;  // one long chain per batch (apply.hpp)

  ACTIV_CALLS_FROM_EVAL()

 private:
  template <bool Value, bool Slope, class V>
  static auto eval(const V& v) {
    using S = detail::scalar_t<V>;
    using W = math::double_word<V>;
    if constexpr (detail::is_float_batch<V>) {
      const auto r = detail::in_double(v, [](auto d) {
        using D = decltype(d);
        const wide_t<D> p = wide_parts(d);  // not a structured binding: lambdas capture p
        const D m = p.n + D(2);
        return detail::pick<Value, Slope>(
            [&] { return p.x * p.n / m; },
            [&] { return (p.n * m + (D(4) * p.x) * (p.t * (D(1) + p.t))) / (m * m); });
      });
      const auto nan = xsimd::isnan(v);
      return detail::each<Value, Slope>(
          r, [&](const V& y) { return xsimd::select((v > V(k_wide_high)) | nan, v, y); },  // +inf
          [&](const V& d) { return xsimd::select(nan, v, d); });
    } else {
      const parts_t<V> p = parts(v);
      return detail::pick<Value, Slope>(
          [&] {
            // x q exactly needs normal partial products: a tiny x is scaled by
            // 2^k and the result back (as in math::dw::mul_round).
            const auto tiny = xsimd::abs(p.x) < V(S(0x1p-500));
            const V up = xsimd::select(tiny, V(S(0x1p600)), V(1));
            const V down = xsimd::select(tiny, V(S(0x1p-600)), V(1));
            const V y = finish(p, math::dw::mul(p.q, p.x * up)) * down;
            return xsimd::select((v == V(0)) | (v > detail::splat<V>(k_high)), v, y);  // -0, +inf
          },
          [&] {
            // q + 4x a m / den^2, m = 1 (x <= 0) or w^2 (x > 0).
            const W m = math::dw::mul(p.w, p.w);
            const W m1{xsimd::select(p.neg, V(1), m.hi), xsimd::select(p.neg, V(0), m.lo)};
            const W t = math::dw::div(math::dw::mul(math::dw::mul(p.a, V(4) * p.x), m1),
                                      math::dw::mul(p.den, p.den));
            return finish(p, math::dw::add(p.q, t));
          });
    }
  }

  // Float clamps: below k_wide_low, |f| and |f'| < 150 e^-150 round to -0 in float; above
  // k_wide_high, n > e^80, so n / (n + 2) is 1 in double, f = x, f' = 1, and (n + 2)^2 is finite.
  static constexpr double k_wide_low = -150, k_wide_high = 40;

  // The float path's x (clamped), t = e^x and n = t (t + 2), in double.
  template <class D>
  struct wide_t {
    D x, t, n;
  };

  template <class D>
  static wide_t<D> wide_parts(const D& d) {
    const D x = detail::compat::clamp(d, D(k_wide_low), D(k_wide_high));
    const D t = math::wide::exp_in_range(x);  // x is clamped above
    return {x, t, t * (t + D(2))};
  }

  // Above k_high, w = e^-x < e^-1000 is 0 and f(x) = x, f'(x) = 1.
  static constexpr double k_high = 1000;

  template <class V>
  struct parts_t {
    V x;                       // the input, clamped to [exp's lower clamp, k_high]
    decltype(V() <= V()) neg;  // x <= 0
    math::double_word<V> w;    // e^-|x|
    math::double_word<V> a;    // 1 + w
    math::double_word<V> den;  // 1 + a^2 (x <= 0) or 1 + 2wa (x > 0)
    math::double_word<V> q;    // the tanh(sp) factor: (2 + w) / den or (1 + 2w) / den
    V e_hi, e_lo;              // exp_split's hi + lo: w = (e_hi + e_lo) * scale1 * scale2
    V scale1, scale2;
    // (exp_split's parts as members, not its struct: GCC 12 copies a nested struct through
    // memory.)
  };

  template <class V>
  static parts_t<V> parts(const V& v) {
    using S = detail::scalar_t<V>;
    using W = math::double_word<V>;
    namespace dw = math::dw;
    const V lo(math::detail_exp::k<S>::lo), hi = detail::splat<V>(k_high);
    V x = xsimd::select(v < lo, lo, v);
    x = xsimd::select(x > hi, hi, x);
    const auto neg = x <= V(0);
    const math::exp_split_t<V> e = math::exp_split(-xsimd::abs(x), V(0));
    const W w{(e.hi * e.scale1) * e.scale2, (e.lo * e.scale1) * e.scale2};
    const V one(1), two(2);
    W a = dw::fast_two_sum(one, w.hi);
    a.lo = a.lo + w.lo;
    // x <= 0: 1 + a^2 and 2 + w; x > 0: 1 + 2wa and 1 + 2w.
    const W a2 = dw::mul(a, a);
    const W wa = dw::mul(w, a);
    W d = dw::two_sum(one, xsimd::select(neg, a2.hi, two * wa.hi));
    d.lo = d.lo + xsimd::select(neg, a2.lo, two * wa.lo);
    W n = dw::fast_two_sum(xsimd::select(neg, two, one), xsimd::select(neg, w.hi, two * w.hi));
    n.lo = n.lo + xsimd::select(neg, w.lo, two * w.lo);
    return {x, neg, w, a, d, dw::div(n, d), e.hi, e.lo, e.scale1, e.scale2};
  }

  // r * w (x <= 0, with w's factor 2^n2 last) or r (x > 0), rounded once.
  template <class V>
  static V finish(const parts_t<V>& p, const math::double_word<V>& r) {
    const V one(1);
    const math::double_word<V> f{xsimd::select(p.neg, p.e_hi, one),
                                 xsimd::select(p.neg, p.e_lo, V(0))};
    const math::double_word<V> s = math::dw::mul(r, f);
    const V y = (math::dw::round(s) * xsimd::select(p.neg, p.scale1, one)) *
                xsimd::select(p.neg, p.scale2, one);
    return xsimd::select(xsimd::isnan(p.x), p.x, y);  // NaN in, the same NaN out
  }
};

}  // namespace activ
