// activ::math::logistic: the sigmoid core of sigmoid, swish, silu, logsigmoid and double
// gelu_tanh: sigmoid(-|x|) = t/(1+t) and sigmoid(|x|) = 1/(1+t) from t = e^-|x| <= 1 (never
// overflows: XNNPACK's orientation), with one division and the same operations for every input
// (no data-dependent path, no subnormal operand before the last scaling).
// Method: e^-|x| as in math::exp, kept as (hi + lo) 2^n1 (unrounded within 0.4 ulp,
//   tests/math_exp.cpp). In the scale m = t / 2^n2, normal for every x, 1 + t = u_hi + u_lo
//   exactly and q = m_hi / u_hi with its exact remainder (one FMA, or Dekker's product), so
//   t/(1+t) / 2^n2 = q + (rem + m_lo - q u_lo) / (1+t),   1/(1+t) taken as 1 - q 2^n2 there,
// to about 2^-40, within about 0.6 ulp once rounded; sigmoid(|x|) = 1 - sigmoid(-|x|) adds half
// of that to its own half ulp. t enters 1 + t only while it counts (|x| < 40 float, 80 double;
// scale_near = 0 beyond), so every intermediate is normal but the final scaling of a subnormal
// result, which then rounds once. Beyond exp's range (|x| > 150 float, 1000 double) t is 0.
#pragma once

#include "exp.hpp"
#include "extended.hpp"

namespace activ::math {

template <class V>
struct logistic_t {
  V neg_hi, neg_lo;  // sigmoid(-|x|) / scale = neg_hi + neg_lo, to ~2^-40 relative
  V scale;           // 2^n2, normal
  V scale_near;      // scale where e^-|x| still counts next to 1, else 0
  V t_hi, t_lo;      // e^-|x| / scale = t_hi + t_lo (0 beyond exp's range; logsigmoid's log1p)
  // sigmoid(-|x|) / scale, rounded once (normal for every x)
  V neg_m() const { return neg_hi + neg_lo; }
  // sigmoid(-|x|), subnormal results rounded once
  V neg() const { return neg_m() * scale; }
  // sigmoid(|x|) = 1 - sigmoid(-|x|); the product is exact (a power of two,
  // normal), so fused or not gives the same bits
  V pos() const { return fnmadd(neg_m(), scale_near, V(1)); }
};

namespace detail_logistic {
template <class S>
struct k;
template <>
struct k<float> {
  static constexpr float near = -40.f;  // e^-40 < 2^-57: 1 + t rounds to 1 with room
};
template <>
struct k<double> {
  static constexpr double near = -80.;  // e^-80 < 2^-115
};

// m - q u exactly, for q = m / u rounded to nearest (such a remainder is a
// float): one FMA, or Dekker's exact product (math::two_prod), the same value.
template <class V>
inline V remainder(const V& m, const V& q, const V& u) noexcept {
  if constexpr (has_fused_fma<V>()) {
    return fnmadd(q, u, m);
  } else {
    const double_word<V> p = two_prod(q, u);
    return (m - p.hi) - p.lo;
  }
}

// Computes the parts for x and returns k(parts): a continuation, because GCC 12 keeps a returned
// logistic_t in memory and stores all four batches on every call (dead stores).
template <bool HasLo, class V, class K>
inline auto parts(V x, [[maybe_unused]] V x_lo, K k) noexcept {
  using S = detail::scalar_t<V>;
  using VI = detail::int_batch_t<V>;
  using I = typename VI::value_type;
  using E = detail_exp::k<S>;
  using detail::compat::bit_cast;
  const V one(1), zero(0), shifter(E::shifter);

  // -|x| = n ln2 + r + r_lo, clamped below (NaN passes).
  const V a0 = x | V(S(-0.0));
  const auto beyond = a0 < V(E::lo);  // t is 0 to the callers
  const V a = xsimd::select(beyond, V(E::lo), a0);
  const V kn = fmadd(a, detail::splat<V>(0x1.71547652b82fep+0), shifter);  // n in the low bits
  const V n = kn - shifter;
  const V r_hi = fnmadd(n, V(E::ln2_hi), a);  // exact
  const V r = fnmadd(n, V(E::ln2_lo), r_hi);
  V r_lo = fnmadd(n, V(E::ln2_lo), r_hi - r);  // its rounding error, to 2^-36
  // x + x_lo: -|x + x_lo| = a0 - x_lo where x > 0, a0 + x_lo where x < 0.
  if constexpr (HasLo) r_lo += xsimd::select(x < zero, x_lo, -x_lo);

  // 2^n = 2^n1 2^n2, n1 = round(n / 2), exponent fields from the low bits of
  // the shifted sums (the shifter's own bits shift out).
  const V h = fmadd(n, V(S(0.5)), shifter);
  const VI hb = bit_cast<I>(h);
  const VI e0(I(E::bias) << E::mantissa_bits);
  const V scale1 = xsimd::select(beyond, zero, bit_cast<S>((hb << E::mantissa_bits) + e0));
  const V scale2 = bit_cast<S>(((bit_cast<I>(kn) - hb) << E::mantissa_bits) + e0);
  const V near = xsimd::select(a < V(detail_logistic::k<S>::near), zero, scale2);

  // m = t / scale2 = e^(r + r_lo) scale1 = m_hi + m_lo: m_hi = (1 + s) scale1
  // rounded, its rounding error exactly (scale1 - m_hi is exact, s scale1 is
  // a power-of-two scaling), plus m r_lo.
  const V s = detail_exp::exp_poly(r);  // e^r - 1
  const V m_hi = fmadd(s, scale1, scale1);
  const V m_lo = fmadd(m_hi, r_lo, fmadd(s, scale1, scale1 - m_hi));
  // 1 + t where t counts (t = m near; near is a power of two or 0, so these
  // products are exact): u_hi rounded, its rounding error exactly, plus t_lo.
  const V u_hi = fmadd(m_hi, near, one);
  const V u_lo = fmadd(m_lo, near, fmadd(m_hi, near, one - u_hi));
  const V q = m_hi / u_hi;
  const V rem = detail_logistic::remainder(m_hi, q, u_hi);
  const V c = (rem + fnmadd(q, u_lo, m_lo)) * fnmadd(q, near, one);
  return k(logistic_t<V>{q, c, scale2, near, m_hi, m_lo});
}
}  // namespace detail_logistic

template <class V, class K>
inline auto logistic_parts(V x, K k) noexcept {
  return detail_logistic::parts<false>(x, V(0), k);
}

// The parts of sigmoid(x + x_lo), x + x_lo a double word (gelu_tanh's A): x_lo
// joins the reduced argument's low part.
template <class V, class K>
inline auto logistic_parts(V x, V x_lo, K k) noexcept {
  return detail_logistic::parts<true>(x, x_lo, k);
}

// A NaN input comes out as itself: -|x| sets the sign bit, an unfused fnmadd
// flips it, and which of two NaNs an operation returns depends on the operand
// order the compiler chose, so scalar and array calls could differ in a NaN's
// sign. (xsimd::isnan, not x != x: xsimd 8.1's != is ordered on AVX and AVX-512.)
template <class V>
inline V keep_nan(const V& x, const V& y) noexcept {
  return xsimd::select(xsimd::isnan(x), x, y);
}

// sigmoid(x) from the parts of x.
template <class V>
inline V logistic_value(const V& x, const logistic_t<V>& l) noexcept {
  return keep_nan(x, xsimd::select(x < V(0), l.neg(), l.pos()));
}

// sigmoid(x) = 1 / (1 + e^-x), stable for every x.
template <class V>
inline V logistic(V x) noexcept {
  return logistic_parts(x, [&](const logistic_t<V>& l) { return logistic_value(x, l); });
}

}  // namespace activ::math
