// activ::math::logistic: the sigmoid core that sigmoid, swish, softplus,
// logsigmoid and the GLU family share: 1/(1+e^-|x|) and e^-|x|/(1+e^-|x|)
// for batches of float or double, each within about one ulp.
//
// Method: t = e^-|x| <= 1 never overflows (XNNPACK's orientation). exp_split
// gives t = t_hi + t_lo with t_lo the rounding error of t_hi; 1 + t is kept
// as u_hi + u_lo (Fast2Sum, exact). Then, with q1 = 1/u_hi rounded once,
//   1/(1+t) = q1 - q1^2 u_lo                      (first-order correction)
//   t/(1+t) = q + (t_lo - q u_lo) q1,  q = t_hi / u_hi
// the second computed on t / 2^n2 and scaled back by the caller (neg()).
// The corrections are a few ulps in size, so q1's own relative error
// (2^-24 or 2^-53) is negligible in them. What remains is the rounding of the
// two quotients and of the final sums: about 1 ulp, against 2.2 ulp for the
// plain t/(1+t) (measured, float, tests/elementwise.cpp). No FMA is needed:
// without one the results differ in the last bit but stay within the bound.
// Far out (|x| > 87 in float), t is subnormal or 0, u = 1 and the results
// are t and 1 as exp rounds them.
#pragma once

#include "exp.hpp"
#include "extended.hpp"

namespace activ::math {

template <class V>
struct logistic_t {
  V pos;    // 1 / (1 + e^-|x|) = sigmoid(|x|)
  V neg_m;  // e^-|x| / (1 + e^-|x|) = sigmoid(-|x|) = neg_m * scale ...
  V scale;  // ... kept apart, so that x * sigmoid(-|x|) rounds once even
            // where the result is subnormal (swish at x = -100)
  V u_hi, u_lo;  // 1 + e^-|x| = u_hi + u_lo, exactly
  V m_hi, m_lo;  // e^-|x| / scale = m_hi + m_lo
  V neg() const { return neg_m * scale; }
};

// n / (u_hi + u_lo) - q for a quotient q of it (rounded, or corrected as
// pos and neg_m are): the remainder n - q u, exact in its leading part
// (two_prod, and n_hi - (q u_hi)_hi is exact by Sterbenz's lemma), divided
// by u_hi. q plus this is the quotient to about 2^-44 (float) or 2^-100
// (double) relative: what x * sigmoid needs to be rounded only once.
template <class V>
inline V logistic_low(V q, V n_hi, V n_lo, const logistic_t<V>& l) noexcept {
  const double_word<V> qu = two_prod(q, l.u_hi);
  return ((((n_hi - qu.hi) - qu.lo) + n_lo) - q * l.u_lo) / l.u_hi;
}

template <class V>
inline logistic_t<V> logistic_parts(V x) noexcept {
  const exp_split_t<V> e = exp_split(-xsimd::abs(x));
  const V t_hi = (e.hi * e.scale1) * e.scale2;
  const V one(1);
  const V u_hi = one + t_hi;
  const V u_lo = ((one - u_hi) + t_hi) + (e.lo * e.scale1) * e.scale2;
  const V q1 = one / u_hi;
  // t / scale2, normal for every x (scale1 >= 2^-75 in float).
  const V m_hi = e.hi * e.scale1, m_lo = e.lo * e.scale1;
  const V q = m_hi / u_hi;
  // m / (u_hi + u_lo), and exactly 0 where e^-|x| is below exp's range.
  const V neg_m = q + (m_lo - q * u_lo) * q1;
  return {q1 - (q1 * q1) * u_lo,
          xsimd::select(xsimd::abs(x) > V(-exp_split_t<V>::lowest), V(0), neg_m),
          e.scale2, u_hi, u_lo, m_hi, m_lo};
}

// sigmoid(x) = 1 / (1 + e^-x), stable for every x.
template <class V>
inline V logistic(V x) noexcept {
  const logistic_t<V> l = logistic_parts(x);
  return xsimd::select(x < V(0), l.neg(), l.pos);
}

}  // namespace activ::math
