// mish
//
//   f(x)  = x tanh(softplus(x)) = x tanh(log(1 + e^x))
//   f'(x) = tanh(sp) + x sigmoid(x) sech^2(sp),  sp = softplus(x)
// No parameters.
//
// No softplus and no tanh are evaluated. With t = e^x and n = t(t + 2),
// tanh(log(1 + t)) = n / (n + 2) and sech^2 = 4(1 + t)^2 / (n + 2)^2:
//   f = x n / (n + 2),   f' = [n (n + 2) + 4x t (1 + t)] / (n + 2)^2.
// float (math/wide.hpp): these in double (t = wide::exp_in_range(x)), rounded once;
// x clamped to [-150, 40] (k_wide_low, k_wide_high). The sum in f' crosses
// zero near x = -1.19; its terms carry about 2^-31 of their own magnitude.
// double: on w = e^-|x| <= 1 (nothing overflows) and a = 1 + w, tanh(sp) is
// w q for x <= 0 and q for x > 0, with
//   x <= 0:  q = (2 + w) / (1 + a^2),   f = x w q,  f' = w (q + 4x a / (1 + a^2)^2)
//   x > 0:   q = (1 + 2w) / (1 + 2wa),  f = x q,    f' = q + 4x a w^2 / (1 + 2wa)^2
// (nothing cancels but the sum in f' for x < 0), in double-word arithmetic
// (math/dword.hpp) from e^-|x| as exp_split's hi + lo, rounded once (a plain
// evaluation: 3.5 ulp). For x <= 0 the factor 2^n2 of w comes last, so
// subnormal results round once. In the w terms x is clamped to [-1000 (exp's
// lower clamp), 1000]: below, x e^x rounds to -0; above, w = 0; so inf * 0
// never happens.
//
// Fused (value_and_derivative, forward_with_derivative): f and f' share t,
//   n and the parts (float: one e^x; double: e^-|x| and q), the same bits.
// Edges: f(-inf) = -0 (the limit of x e^x, from below), f(+inf) = +inf,
//   f(-0) = -0; f'(-inf) = -0, f'(+inf) = 1, f'(+-0) = 0.6; NaN in, NaN out.
// Accuracy (`accuracy`, ulp over the whole line, subnormal results included;
//   tests/elementwise.cpp, ulp-space sweep of 8M points per sign against long
//   double, g++ 12 and clang++ 14 at SSE2 and AVX2+FMA): measured float
//   0.502 forward, 0.502 derivative; double 0.75 forward, 0.71 derivative;
//   f' in ulps of |tanh(sp)| + |x sigmoid(x) sech^2(sp)| near its root
//   (README, "Accuracy").
// Reference: Misra, "Mish: A Self Regularized Non-Monotonic Activation
//   Function", 2019; PyTorch torch.nn.Mish.
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

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) { return eval<1, 0>(v); });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) { return eval<0, 1>(v); });
  }

  // {f(x), f'(x)} sharing t, n and the quotient: the same bits as the two calls.
  template <class T>
  std::pair<T, T> value_and_derivative(T x) const {
    return detail::lift_pair(x, [](auto v) { return eval<1, 1>(v); });
  }

 private:
  template <bool Value, bool Slope, class V>
  static auto eval(const V& v) {
    using S = detail::scalar_t<V>;
    using W = math::double_word<V>;
    if constexpr (detail::is_float_batch<V>) {
      // x n / (n + 2) and [n (n + 2) + 4 x t (1 + t)] / (n + 2)^2 in double,
      // rounded once.
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

  // The float path clamps x to [k_wide_low, k_wide_high]: below, |f| and |f'|
  // < 150 e^-150 round to -0 in float; above, n > e^80 and n / (n + 2) is 1 in
  // double, so f = x and f' = 1 (and (n + 2)^2 does not overflow).
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
    V x;                      // the input, clamped to [exp's lower clamp, k_high]
    decltype(V() <= V()) neg; // x <= 0
    math::double_word<V> w;   // e^-|x|
    math::double_word<V> a;   // 1 + w
    math::double_word<V> den; // 1 + a^2 (x <= 0) or 1 + 2wa (x > 0)
    math::double_word<V> q;   // the tanh(sp) factor: (2 + w) / den or (1 + 2w) / den
    V e_hi, e_lo;             // exp_split's hi + lo: w = (e_hi + e_lo) * scale1 * scale2
    V scale1, scale2;
    // (exp_split's four batches as members, not its struct: GCC 12 copies a
    // struct nested in this one through memory and general registers: 10-20%
    // of the double kernel's time on AVX2.)
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
