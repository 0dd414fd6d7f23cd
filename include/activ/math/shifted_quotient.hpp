// activ::math::shifted_quotient: (x + c) / s rounded once, for batches of float or double: the
// sloped piece of hardsigmoid ((x + 3)/6; Keras (x + 2.5)/5) and hardswish'
// ((x + 3/2)/3). t = x + c then t/s rounds twice (PyTorch's error); x alpha + beta with
// alpha = 1/6 rounded loses every digit next to the root.
// Method (error-free transformations): t + e = x + c exactly (TwoSum); q0 = t / s rounded;
//   r = t - q0 s exactly: with s = p + d, p = 2^k <= s, t - q0 p is exact (Sterbenz), and so is
//   fma(-q0, d, t - q0 p) with or without a fused multiply-add where d is 0 or a power of two
//   (6 = 4 + 2, 5 = 4 + 1, 3 = 2 + 1); for other s, exact with FMA, within an ulp of r without.
//   (x + c)/s = q0 + (r + e)/s, the correction taken as (r + e) (1/s). hi + lo rounded once is
//   correctly rounded unless the exact value lies within about 2^-22 ulp of a midpoint;
//   tests/math_shifted_quotient.cpp checks every float of the sloped ranges (PyTorch and Keras
//   constants) and double near midpoints, with and without FMA. Infinite or NaN x gives NaN
//   (callers select their saturated values first); nothing overflows for finite x and s >= 1.
#pragma once

#include <cstdint>
#include <cstring>

#include "../detail/simd.hpp"

namespace activ::math {

// The constants of one quotient, in the element type S.
template <class S>
struct shifted_quotient_k {
  S c;    // the shift
  S s;    // the divisor, > 0
  S p;    // the largest power of two <= s
  S d;    // s - p (exact)
  S inv;  // 1/s rounded
};

// Constants for (x + c)/s, with c and s rounded once to S.
template <class S>
inline shifted_quotient_k<S> make_shifted_quotient(double c, double s) noexcept {
  using U = std::conditional_t<sizeof(S) == 4, std::uint32_t, std::uint64_t>;
  constexpr U exponent_mask = sizeof(S) == 4 ? U(0x7F800000u) : U(0x7FF0000000000000u);
  shifted_quotient_k<S> k{};
  k.c = static_cast<S>(c);
  k.s = static_cast<S>(s);
  U bits;
  std::memcpy(&bits, &k.s, sizeof bits);
  bits &= exponent_mask;  // keep the exponent: the power of two at or below s
  std::memcpy(&k.p, &bits, sizeof bits);
  k.d = k.s - k.p;
  k.inv = static_cast<S>(1 / static_cast<double>(k.s));
  return k;
}

// (x + c)/s = hi + lo to about twice the working precision; hi is the
// quotient rounded (maybe off by one ulp), lo the correction.
template <class V>
struct quotient_parts {
  V hi, lo;
};

template <class V>
inline quotient_parts<V> shifted_quotient_parts(
    V x, const shifted_quotient_k<detail::scalar_t<V>>& k) noexcept {
  const V c(k.c);
  const V t = x + c;
  const V tx = t - x;  // TwoSum: e = (x - (t - tx)) + (c - tx), exact
  const V e = (x - (t - tx)) + (c - tx);
  const V q0 = t * V(k.inv);
  const V u = t - q0 * V(k.p);                        // exact (Sterbenz)
  const V r = detail::compat::fmadd(-q0, V(k.d), u);  // t - q0 s, exact (see above)
  return {q0, (r + e) * V(k.inv)};  // a correction: 1/s rounded is plenty, and no division
}

// (x + c)/s, correctly rounded (see above).
template <class V>
inline V shifted_quotient(V x, const shifted_quotient_k<detail::scalar_t<V>>& k) noexcept {
  const quotient_parts<V> q = shifted_quotient_parts(x, k);
  return q.hi + q.lo;
}

}  // namespace activ::math
