// activ::math::expm1: e^x - 1 for batches of float or double, without cancellation near 0, from
// arithmetic, comparisons and integer bit operations only (xsimd::expm1's accuracy differs
// between releases). Bound: 0.6 ulp, float and double (tests/math_expm1.cpp).
// Method: exp.hpp's reduction x = n ln2 + r with r's rounding error r_lo kept;
//   s = e^r - 1 = r + r^2/2 + r^3 q(r), degree 7 (float) or 12 (double), minimax relative to
//       expm1 (relative to e^r, as the exp polynomial is, it would leave about an ulp near r = 0),
//       from scripts/coefficients/expm1.sollya (Sollya fpminimax, r and r^2/2 fixed; errors 4.7e-10
//       and 3.0e-19); q by Horner's (float) and Estrin's scheme (double);
//   e^x - 1 = 2^n ((1 - 2^-n) + s), a sum of double-words rounded once, times 2^n (two normal
//       factors) exactly. For n = 0 the result is s itself: subnormal x gives x.
// x below k::lo gives -1 (e^x < 2^-25 / 2^-54); above exp's clamp, +inf. expm1(-0) = -0; NaN
// gives NaN.
#pragma once

#include "exp.hpp"
#include "extended.hpp"  // double_word, two_square

namespace activ::math {
namespace detail_expm1 {
template <class S>
struct k;
template <>
struct k<float> {
  static constexpr float lo = -18.f;  // e^-18 < 2^-25: e^x - 1 rounds to -1 below
};
template <>
struct k<double> {
  static constexpr double lo = -38.;  // e^-38 < 2^-54: e^x - 1 rounds to -1 below
};

// q(r), so that e^r - 1 = r + r^2/2 + r^3 q(r).
template <class V>
inline V poly(const V& r) noexcept {
  V p;
  if constexpr (std::is_same_v<detail::scalar_t<V>, float>) {
    p = V(0x1.9e075cp-13f);
    p = fmadd(p, r, V(0x1.6d4366p-10f));
    p = fmadd(p, r, V(0x1.111308p-7f));
    p = fmadd(p, r, V(0x1.5554fp-5f));
    p = fmadd(p, r, V(0x1.555554p-3f));
  } else {
    static constexpr double c[] = {
        0x1.5555555555559p-3,  0x1.555555555554dp-5,  0x1.111111110f65ap-7,  0x1.6c16c16c1ab2fp-10,
        0x1.a01a01afffda6p-13, 0x1.a01a018df121cp-16, 0x1.71ddf81bf21e6p-19, 0x1.27e5139645552p-22,
        0x1.af5f1163e8086p-26, 0x1.1f197f4f944acp-29};
    p = estrin(r, c);
  }
  return p;
}
}  // namespace detail_expm1

// e^(x + x_lo) - 1 as hi + lo (lo about an ulp of hi or less), x_lo a
// correction below ulp(x); hi alone is not the rounded result.
template <class V>
inline double_word<V> expm1_parts(V x, V x_lo) noexcept {
  using S = detail::scalar_t<V>;
  const V one(1);
  const V xc = xsimd::select(x < V(detail_expm1::k<S>::lo), V(detail_expm1::k<S>::lo), x);
  const detail_exp::reduction_t<V> e = detail_exp::reduce(xc);
  const V r = e.r;
  const V r_lo = e.r_lo + xsimd::select(e.x == x, x_lo, V(0));

  // s = e^r - 1 = s_hi + s_lo, with r^2/2 exact (r + r^2/2 by Fast2Sum).
  const double_word<V> r2 = two_square(r);
  const V h = V(S(0.5)) * r2.hi;
  const V s_hi = r + h;
  const V c = V(S(0.5)) * r2.lo + r2.hi * (r * detail_expm1::poly(r));  // the rest of e^r - 1
  const V s_lo = ((r - s_hi) + h) + (c + r_lo * (one + (s_hi + c)));    // d(e^r - 1) = e^r dr

  // t = 1 - 2^-n = t_hi + t_lo (TwoSum; 2^-n may exceed 1).
  const detail_exp::pow2_t<V> down = detail_exp::pow2(V(detail_exp::k<S>::shifter) - e.n, -e.n);
  const V m = -(down.scale1 * down.scale2);  // -2^-n, exact
  const V t_hi = one + m;
  const V t_b = t_hi - one;
  const V t_lo = (one - (t_hi - t_b)) + (m - t_b);

  // u = t + s as u_hi + u_lo, times 2^n (exact).
  const V u_hi = t_hi + s_hi;
  const V u_b = u_hi - t_hi;
  const V u_lo = ((t_hi - (u_hi - u_b)) + (s_hi - u_b)) + (t_lo + s_lo);
  const detail_exp::pow2_t<V> up = detail_exp::pow2(e.kn, e.n);
  return {(u_hi * up.scale1) * up.scale2, (u_lo * up.scale1) * up.scale2};
}

// e^z - 1 and e^z, z = x + x_lo <= 0, from one reduction and one polynomial (elu, selu and celu:
// f from the first, f' from the second), with about half the operations of expm1_parts (no second
// 2^-n, no TwoSum, no exact square). x is clamped to [exp's lo, 0] (x_lo dropped where clamped).
// With n = round(z / ln2) <= 0 and 2^n = 2^n1 2^n2 (exp.hpp's pow2),
//   s = e^r - 1 = r + c,  c = r^2 (1/2 + r q(r)) + r_lo (1 + r), by Fast2Sum;
//   e^z - 1 = T + 2^n s,  T = 2^n - 1 in (-1, 0] with its rounding error T_lo,
//             T + 2^n s_hi again a Fast2Sum (|T| >= 1/2 > |2^n s_hi| for n < 0);
//   e^z = (1 + s) 2^n1 2^n2,  1 + s by Fast2Sum (|s| < 1/2).
// Where 2^n underflows to 0, T = -1 and T_lo carries 2^n: e^z - 1 rounds to -1 as the exact value
// does. Unrounded, e^z - 1 is within 0.35 ulp and e^z within 0.15 (tests/math_expm1.cpp); the
// callers round alpha (hi + lo) once.
template <class V>
struct expm1_exp_t {
  double_word<V> em1;  // e^z - 1
  double_word<V> er;   // e^r = 1 + s; e^z = ((er.hi + er.lo) scale1) scale2
  V scale1, scale2;
};

template <class V>
inline expm1_exp_t<V> expm1_exp_nonpositive(V x, V x_lo) noexcept {
  using S = detail::scalar_t<V>;
  using K = detail_exp::k<S>;
  const V lo(K::lo), zero(0), one(1), shifter(K::shifter);
  const auto clamped = (x < lo) | (x > zero);
  x = xsimd::select(x < lo, lo, xsimd::select(x > zero, zero, x));
  x_lo = xsimd::select(clamped, zero, x_lo);

  const V kn = fmadd(x, detail::splat<V>(0x1.71547652b82fep+0), shifter);
  const V n = kn - shifter;
  const V a = fnmadd(n, V(K::ln2_hi), x);  // exact
  const V b = n * V(K::ln2_lo);
  const V r = a - b;
  const V r_lo = ((a - r) - b) + x_lo;

  const V c = fmadd(r * r, fmadd(detail_expm1::poly(r), r, V(S(0.5))), fmadd(r_lo, r, r_lo));
  const double_word<V> s = fast_two_sum(r, c);

  const detail_exp::pow2_t<V> p = detail_exp::pow2(kn, n);
  const V scale = p.scale1 * p.scale2;  // 2^n
  const V t = scale - one;
  const V t_lo = scale - (t + one);
  const V v = scale * s.hi;
  const V hi = t + v;
  // r_lo (1 + r) in c leaves out r_lo (e^r - 1 - r), about r_lo c: below the
  // last bit of e^z - 1 (|T + 2^n s| >= 1 - 2^n), but not of e^z, where an
  // x_lo of 2^-44 (celu's x/alpha near -600) would miss by up to 20 ulp.
  const double_word<V> e = fast_two_sum(one, s.hi);
  return {{hi, (v - (hi - t)) + (scale * s.lo + t_lo)},
          {e.hi, e.lo + fmadd(r_lo, c, s.lo)},
          p.scale1,
          p.scale2};
}

// e^(x + x_lo) - 1 as hi + lo for x <= 0 (expm1_exp_nonpositive's first part).
template <class V>
inline double_word<V> expm1_nonpositive_parts(V x, V x_lo = V(0)) noexcept {
  return expm1_exp_nonpositive(x, x_lo).em1;
}

// e^(x + x_lo) - 1, rounded once.
template <class V>
inline V expm1(V x, V x_lo) noexcept {
  const double_word<V> p = expm1_parts(x, x_lo);
  return xsimd::select(x == V(0), x, p.hi + p.lo);  // keeps -0
}

template <class V>
inline V expm1(V x) noexcept {
  return expm1(x, V(0));
}

}  // namespace activ::math
