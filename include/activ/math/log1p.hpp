// activ::math::log1p: log(1 + x) for batches of float or double, accurate near 0 and over the
// whole domain, from arithmetic, comparisons, two divisions and integer bit operations
// (xsimd::log1p's accuracy differs between releases). Bound: 0.7 ulp, float and double
// (tests/math_log1p.cpp).
// Method (FreeBSD's k_log / log1p, branch-free): 1 + x = u + c exactly (TwoSum), u = 2^k m, m in
//   [sqrt2/2, sqrt2) from the exponent bits, f = m - 1 exact (f = x itself where
//   k = 0). log(1 + x) = k ln2 + log(1 + f) + c/u with
//   log(1 + f) = f - f^2/2 + s (f^2/2 + R(s^2)),  s = f / (2 + f),
// R(z) = 2 atanh(sqrt z) / sqrt z - 2 on [0, 0.0295], degree 4 (float) or 8 (double), from
// scripts/coefficients/log1p.sollya (Sollya fpminimax; absolute errors 1.2e-10 and 3.5e-20,
// halved in the result), by Horner's (float) and Estrin's scheme (double). Only the last addition
// rounds. log1p(-1) = -inf, x < -1 and NaN give NaN, log1p(+inf) = +inf, log1p(-0) = -0,
// subnormal x gives x.
#pragma once

#include <limits>
#include <type_traits>

#include "exp.hpp"
#include "extended.hpp"  // double_word, two_square

namespace activ::math {
namespace detail_log1p {
template <class S>
struct k;
template <>
struct k<float> {
  static constexpr std::int32_t one_bits = 0x3f800000;        // bits of 1
  static constexpr std::int32_t sqrt_half_bits = 0x3f3504f3;  // bits of sqrt(2)/2, rounded
  static constexpr std::int32_t mantissa_mask = 0x007fffff;
};
template <>
struct k<double> {
  static constexpr std::int64_t one_bits = 0x3ff0000000000000;
  static constexpr std::int64_t sqrt_half_bits = 0x3fe6a09e667f3bcd;
  static constexpr std::int64_t mantissa_mask = 0x000fffffffffffff;
};

// R(z) ~ 2 atanh(sqrt z) / sqrt z - 2 = 2z/3 + 2z^2/5 + ...
template <class V>
inline V poly(const V& z) noexcept {
  V p;
  if constexpr (std::is_same_v<detail::scalar_t<V>, float>) {
    p = V(0x1.ce597p-3f);
    p = fmadd(p, z, V(0x1.24c21ep-2f));
    p = fmadd(p, z, V(0x1.99986cp-2f));
    p = fmadd(p, z, V(0x1.555556p-1f));
  } else {
    static constexpr double c[] = {0x1.5555555555555p-1, 0x1.9999999999d59p-2, 0x1.249249242ee17p-2,
                                   0x1.c71c725c5fa92p-3, 0x1.745cdb74b755dp-3, 0x1.3b21594e6759dp-3,
                                   0x1.0f4a122844c85p-3, 0x1.1023dbad2ad76p-3};
    p = estrin(z, c);
  }
  return p * z;
}
}  // namespace detail_log1p

// log(1 + x + x_lo) as hi + lo (hi alone is not the rounded result) for finite
// x > -1 and x_lo a correction below ulp(x), 0 where x is 0: the method above
// without the special values (softplus and logsigmoid: x = e^-|y| in [0, 1]).
template <class V>
inline double_word<V> log1p_finite_parts(V x, V x_lo) noexcept {
  using S = detail::scalar_t<V>;
  using VI = detail::int_batch_t<V>;
  using I = typename VI::value_type;
  using KE = detail_exp::k<S>;
  using KL = detail_log1p::k<S>;
  using detail::compat::bit_cast;
  const V one(1);

  // 1 + x + x_lo = u + c, u rounded (TwoSum).
  const V u = one + x;
  const V ub = u - one;
  const V c = ((one - (u - ub)) + (x - ub)) + x_lo;

  // u = 2^k m, m in [sqrt2/2, sqrt2): adding 1 - sqrt2/2 to the bits carries
  // into the exponent exactly when the mantissa is >= sqrt2. u > 0, so the shift
  // can be logical: xsimd emulates the arithmetic 64-bit shift on AVX2 and SSE2 in
  // about a dozen instructions (and GCC 12 then spills); the logical one is one.
  using U = std::make_unsigned_t<I>;
  const VI ui = bit_cast<I>(u) + VI(KL::one_bits - KL::sqrt_half_bits);
  const VI kb = bit_cast<I>(bit_cast<U>(ui) >> KE::mantissa_bits);  // k + bias
  const V k = bit_cast<S>(kb + VI(KE::shifter_bits)) - V(KE::shifter + S(KE::bias));
  const V m = bit_cast<S>((ui & VI(KL::mantissa_mask)) + VI(KL::sqrt_half_bits));

  // Where k = 0, 1 + f = 1 + x exactly with f = x; elsewhere f = m - 1 is
  // exact and c / u carries what u rounded away.
  const auto k0 = k == V(0);
  const V f = xsimd::select(k0, x, m - one);
  const V cu = xsimd::select(k0, x_lo, c) / u;

  const V s = f / (V(2) + f);
  const double_word<V> f2 = two_square(f);
  const V hfsq = V(S(0.5)) * f2.hi, hfsq_lo = V(S(0.5)) * f2.lo;  // f^2 / 2, exact
  const V r = detail_log1p::poly(s * s);
  // k ln2_hi + f - f^2/2 as h2 + l + l2 (two Fast2Sums: |k ln2| > |f| where k != 0, and
  // |k ln2 + f| > f^2/2), then the small terms: only the last addition rounds at the result's
  // scale.
  const V a = k * V(KE::ln2_hi);
  const V h = a + f;
  const V l = (a - h) + f;
  const V h2 = h - hfsq;
  const V l2 = (h - h2) - hfsq;
  const V t = s * (hfsq + r) + (k * V(KE::ln2_lo) + cu);
  return {h2, ((l + l2) - hfsq_lo) + t};
}

// log1p(x + x_lo) as hi + lo, every x: +inf, -1 (-inf), below -1 and NaN (NaN).
template <class V>
inline double_word<V> log1p_parts(V x, V x_lo) noexcept {
  using S = detail::scalar_t<V>;
  const double_word<V> p = log1p_finite_parts(x, x_lo);
  const V u = V(1) + x;
  const V inf(std::numeric_limits<S>::infinity());
  const auto nan = xsimd::isnan(x);
  const auto special = (x == inf) | (u <= V(0)) | nan;
  const V y = xsimd::select(u < V(0), V(std::numeric_limits<S>::quiet_NaN()),
                            xsimd::select(x == inf, inf, xsimd::select(nan, x, -inf)));
  return {xsimd::select(special, y, p.hi), xsimd::select(special, V(0), p.lo)};
}

// log(1 + x + x_lo), rounded once.
template <class V>
inline V log1p(V x, V x_lo) noexcept {
  const double_word<V> p = log1p_parts(x, x_lo);
  return xsimd::select(x == V(0), x, p.hi + p.lo);  // keeps -0
}

template <class V>
inline V log1p(V x) noexcept {
  return log1p(x, V(0));
}

}  // namespace activ::math
