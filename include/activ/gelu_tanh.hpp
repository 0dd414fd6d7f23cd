// gelu_tanh (GELU, tanh approximation)
//
//   f(x)  = x/2 (1 + tanh(u)),  u = sqrt(2/pi) (x + 0.044715 x^3)
//         = x sigma(A),         A = 2u = c1 x + c3 x^3,  sigma(A) = 1 / (1 + e^-A)
//   f'(x) = sigma(A) + x sigma(A) (1 - sigma(A)) A'(x),  x A' = c1 x + 3 c3 x^3
//
// Not gelu: the two GELU forms are different functions; PyTorch's
// GELU(approximate='tanh') is this one, with c1 = 2 sqrt(2/pi) and
// c3 = c1 * 0.044715.
// 1 + tanh(u) = 2 sigma(2u) is never formed (it cancels for u < 0).
// float: evaluated in double and rounded once (math/wide.hpp), t = e^-A:
//   f = x / (1 + t),   f' = ((1 + t) + x A' t) / (1 + t)^2
// (A in plain double: its absolute error, 2^-45 at |A| = 112, is what e^-A
// sees). x is clamped below at -11 (f) and to [-11, 10] (f'): beyond, the
// float results are -0 / x and -0 / 1; t <= e^112.5 and (1 + t)^2 stay
// finite, and f(+inf) = inf / (1 + e^-700) (wide::exp clamps its argument).
// double: with s = e^-|A| <= 1:
//   x >= 0:  f = x / (1 + s),           f' = (1 + s + x A' s) / (1 + s)^2
//   x <  0:  f = x s / (1 + s),         f' = s (1 + s + x A') / (1 + s)^2
// A is a double word (x^2, x^3, c1 x and c3 x^3 by exact products), because
// e^-|A| turns the absolute error of A into a relative one (|A| reaches 750
// before f underflows). s is computed as 2^k e^-|A| and scaled back after
// the last product and division, so f and f' are rounded once into their
// subnormal tails. x is clamped to [-21.7, 20] inside the formula: beyond,
// f and f' have underflowed to -0 and +0 (left) or are x and 1 exactly
// (right), and x^3 cannot overflow.
// f' crosses 0 near x = -0.7525 (1 + s + x A' = 0); it is measured in ulps
// of |sigma| + |x sigma (1 - sigma) A'| there (README, "Accuracy").
//
// Fused (value_and_derivative, forward_with_derivative): f and f' share
//   e^-A (float) and the parts (double).
// Edges: f(-inf) = -0, f(+inf) = +inf, f(-0) = -0; f'(-inf) = -0,
//        f'(+inf) = 1, f'(+-0) = 0.5; NaN in, NaN out. PyTorch returns NaN
//        for f'(x) when |x| > 1.8e19 (x^3 overflows in float); activ returns
//        the mathematical value.
// Accuracy (ulp, whole range, see `accuracy`): tests/elementwise.cpp, g++ 12
//   and clang 14 -O2 at SSE2, AVX2+FMA and AVX-512, float and double: float
//   0.503 forward, 0.501 derivative; double 1.28, 1.63.
// Reference: Hendrycks & Gimpel, arXiv:1606.08415; PyTorch torch.nn.GELU.
#pragma once

#include <string_view>
#include <utility>

#include "detail/simd.hpp"
#include "detail/widen.hpp"
#include "math/extended.hpp"
#include "math/wide.hpp"

namespace activ {

struct gelu_tanh {
  static constexpr std::string_view name = "gelu_tanh";
  static constexpr ulp_bounds accuracy{2, 4, 2, 4};

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) { return eval<1, 0>(v); });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) { return eval<0, 1>(v); });
  }

  // {f(x), f'(x)} sharing e^-A: the same bits as the two calls.
  template <class T>
  std::pair<T, T> value_and_derivative(T x) const {
    return detail::lift_pair(x, [](auto v) { return eval<1, 1>(v); });
  }

 private:
  template <bool Value, bool Slope, class V>
  static auto eval(const V& v) {
    if constexpr (detail::is_float_batch<V>) {
      // t = e^-A <= e^112.5 on [x_min, x_max]; f = x / (1 + t) and
      // f' = ((1 + t) + x A' t) / (1 + t)^2 in double; -inf and x < x_min
      // give f(x_min), -0 in float.
      const V c = detail::compat::clamp(v, V(k<V>::x_min), V(k<V>::x_max));
      const auto r = detail::in_double(c, [](auto x) {
        using D = decltype(x);
        using KD = k<D>;
        const D z = x * x;
        const D t = math::wide::exp_in_range(x * math::wide::fnmadd(D(KD::c3_hi), z, D(-KD::c1_hi)));
        const D d = D(1) + t;
        return detail::pick<Value, Slope>([&] { return x / d; }, [&] {
          const D xa = x * math::wide::fmadd(D(3 * KD::c3_hi), z, D(KD::c1_hi));
          return math::wide::fmadd(xa, t, d) / (d * d);
        });
      });
      const auto nan = xsimd::isnan(v);  // NaN: v itself
      return detail::each<Value, Slope>(r, [&](const V& f) { return xsimd::select((v > c) | nan, v, f); },
                                        [&](const V& f) { return xsimd::select(nan, v, f); });
    } else {
      using S = detail::scalar_t<V>;
      const auto p = parts(v);
      const auto neg = p.x < V(0);
      return detail::pick<Value, Slope>(
          [&] {
            // x >= 0: x / (1 + s); x < 0: (x 2^k s) / (1 + s) * 2^-k.
            const auto num = math::two_prod(p.x, xsimd::select(neg, p.s_up, V(1)));
            const auto q = math::divide(num, p.d);
            const V f = (q.hi + q.lo) * xsimd::select(neg, p.down, V(1));
            // f has the sign of x (-0 for x = -0 and where it underflows on
            // the left); above the clamp f = x.
            return xsimd::select(v > p.x, v, xsimd::abs(f) | (v & V(S(-0.0))));
          },
          [&] {
            // 1 + s + x A' (s or 1), over (1 + s)^2, as exact double words.
            const auto t = math::two_prod(p.xa.hi, xsimd::select(neg, V(1), p.s));
            const V t_lo = math::fmadd(p.xa.lo, xsimd::select(neg, V(1), p.s), t.lo);
            const auto n1 = math::two_sum(p.d.hi, t.hi);
            const math::double_word<V> n{n1.hi, n1.lo + (p.d.lo + t_lo)};
            const auto sq = math::two_square(p.d.hi);
            const math::double_word<V> dd{sq.hi, math::fmadd(V(2) * p.d.hi, p.d.lo, sq.lo)};
            const auto q = math::divide(n, dd);
            const V g = q.hi + q.lo;
            // x < 0: times 2^k s, then 2^-k (-0 where it underflows).
            return xsimd::select(neg, (g * p.s_up) * p.down, g);
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
    // 2^k: s is computed as 2^k e^-|A| so that it stays normal.
    static constexpr S up = f32 ? S(0x1p64f) : S(0x1p128);
    static constexpr S down = f32 ? S(0x1p-64f) : S(0x1p-128);
  };

  template <class V>
  struct evaluation {
    V x;                       // clamped input
    V s, s_up, down;           // s = e^-|A|, s_up = 2^k s, down = 2^-k
    math::double_word<V> d;    // 1 + s, exact
    math::double_word<V> xa;   // x A'(x) = A + 2 c3 x^3
  };

  template <class V>
  static evaluation<V> parts(V v) {
    using K = k<V>;
    V x = xsimd::select(v < V(K::x_min), V(K::x_min), v);
    x = xsimd::select(x > V(K::x_max), V(K::x_max), x);
    // A = c1 x + c3 x^3 as a double word.
    const auto x2 = math::two_square(x);
    const auto x3 = math::two_prod(x, x2.hi);
    const V x3_lo = math::fmadd(x, x2.lo, x3.lo);
    const auto a3 = math::two_prod(V(K::c3_hi), x3.hi);
    const V a3_lo = a3.lo + (V(K::c3_hi) * x3_lo + V(K::c3_lo) * x3.hi);
    const auto a1 = math::two_prod(V(K::c1_hi), x);
    const V a1_lo = math::fmadd(V(K::c1_lo), x, a1.lo);
    const auto a = math::two_sum(a1.hi, a3.hi);
    const V a_lo = a.lo + (a1_lo + a3_lo);
    // -|A| = -(a.hi + a_lo) flipped by the sign of x (A has the sign of x).
    const V m = xsimd::select(x < V(0), V(1), V(-1));
    const V s_up = math::scaled_exp(V(K::up), m * a.hi, m * a_lo);
    const V s = s_up * V(K::down);
    const auto xa = math::two_sum(a.hi, V(2) * a3.hi);
    const V xa_lo = xa.lo + (a_lo + V(2) * a3_lo);
    return {x, s, s_up, V(K::down), math::fast_two_sum(V(1), s), {xa.hi, xa_lo}};
  }
};

}  // namespace activ
