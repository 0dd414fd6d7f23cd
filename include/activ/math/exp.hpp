// activ::math::exp: e^x for batches of float or double from arithmetic, comparisons and integer
// bit operations only: the result does not depend on the xsimd release, and double needs no
// double-to-int64 conversion (slow without AVX-512DQ). Bound: 1 ulp, float and double, with and
// without FMA (tests/math_exp.cpp).
// Method: Cody-Waite reduction x = n ln2 + r, |r| <= ln2/2, n = round(x / ln2) from the low bits
//   of x / ln2 + 1.5 * 2^p (p = 23 or 52), ln2 = ln2_hi + ln2_lo with n ln2_hi exact; e^r = P(r),
//   degree 6 (float) or 11 (double), relative minimax on [-ln2/2, ln2/2]
//   (scripts/coefficients/exp.sollya: Sollya fpminimax, the first two terms fixed to 1; errors
//   3.7e-9 and 4.1e-18), by Horner's (float) and Estrin's scheme (double); e^x = P(r) 2^n1 2^n2,
//   n1 = round(n/2), the factors built as exponent bits: both stay normal from the smallest
//   subnormal result to overflow and only the last product rounds, so a subnormal result rounds
//   once. x is clamped to [k::lo, k::hi] (e^x rounds to +0 below, overflows above); NaN passes
//   the clamps and the arithmetic.
#pragma once

#include <type_traits>

#include "../detail/simd.hpp"
#include "poly.hpp"

namespace activ::math {

// From detail/compat.hpp (xsimd 8.1 has no fused AVX-512 fma).
using detail::compat::fmadd;
using detail::compat::fnmadd;
using detail::compat::has_fused_fma;

namespace detail_exp {
// The constants of the reduction, per element type.
template <class S>
struct k;
template <>
struct k<float> {
  static constexpr float ln2_hi = 0x1.62e4p-1f;     // 14 significant bits
  static constexpr float ln2_lo = 0x1.7f7d1cp-20f;  // ln2 - ln2_hi
  static constexpr float shifter = 0x1.8p23f;
  static constexpr std::int32_t shifter_bits = 0x4B400000;  // bits of shifter
  static constexpr std::int32_t bias = 127;
  static constexpr int mantissa_bits = 23;
  // Below lo, e^x is far under half the smallest subnormal (e^-104 already is); lo is lower so
  // that callers scaling e^x up again (logistic_parts) still see its true value down to -150.
  static constexpr float lo = -150.f;
  static constexpr float hi = 89.f;  // e^89 > FLT_MAX
};
template <>
struct k<double> {
  static constexpr double ln2_hi = 0x1.62e42feep-1;        // 28 significant bits
  static constexpr double ln2_lo = 0x1.a39ef35793c76p-33;  // ln2 - ln2_hi
  static constexpr double shifter = 0x1.8p52;
  static constexpr std::int64_t shifter_bits = 0x4338000000000000;  // bits of shifter
  static constexpr std::int64_t bias = 1023;
  static constexpr int mantissa_bits = 52;
  static constexpr double lo = -1000.;  // as for float; e^-746 rounds to 0
  static constexpr double hi = 710.;    // e^710 > DBL_MAX
};
}  // namespace detail_exp

// e^x = (hi + lo) scale1 scale2: hi + lo = 1 + (e^r - 1) exactly, scale1 scale2 = 2^n. math::exp
// returns (hi scale1) scale2; callers that go on adding and dividing (math::logistic) keep lo.
template <class V>
struct exp_split_t {
  // Below this, e^x is taken as 0 by callers that rescale it.
  static constexpr detail::scalar_t<V> lowest = detail_exp::k<detail::scalar_t<V>>::lo;
  V hi, lo, scale1, scale2;
};

namespace detail_exp {
// The pieces of exp_split, shared with math::expm1 and the double-word kernels.

// x = n ln2 + r, |r| <= ln2/2, after clamping x to [K::lo, K::hi]; kn is
// n + shifter (n in its low bits); r is rounded once (x - n ln2_hi is exact) and
// r_lo is its rounding error (Fast2Sum; dropped by the compiler where unused).
template <class V>
struct reduction_t {
  V x, kn, n, r, r_lo;
};

template <class V>
inline reduction_t<V> reduce(V x) noexcept {
  using K = k<detail::scalar_t<V>>;
  const V shifter(K::shifter);
  x = xsimd::select(x < V(K::lo), V(K::lo), x);
  x = xsimd::select(x > V(K::hi), V(K::hi), x);
  const V kn = x * detail::splat<V>(0x1.71547652b82fep+0) + shifter;  // x log2(e) + shifter
  const V n = kn - shifter;
  const V a = x - n * V(K::ln2_hi);
  const V b = n * V(K::ln2_lo);
  const V r = a - b;
  return {x, kn, n, r, (a - r) - b};
}

// e^r - 1 = r + r^2 q(r) for |r| <= ln2/2 (the exp polynomial above), one
// rounding per step wherever the hardware has FMA.
template <class V>
inline V exp_poly(V r) noexcept {
  V p;
  if constexpr (std::is_same_v<detail::scalar_t<V>, float>) {
    p = V(0x1.6850e4p-10f);
    p = fmadd(p, r, V(0x1.123bccp-7f));
    p = fmadd(p, r, V(0x1.555b98p-5f));
    p = fmadd(p, r, V(0x1.55548ep-3f));
    p = fmadd(p, r, V(0x1.fffff8p-2f));
  } else {
    static constexpr double c[] = {
        0x1.000000000000bp-1,  0x1.5555555555511p-3,  0x1.55555555502a1p-5,  0x1.1111111122322p-7,
        0x1.6c16c1852b7bp-10,  0x1.a01a014761f6ep-13, 0x1.a01997c89e6afp-16, 0x1.71dee623fddfcp-19,
        0x1.28af3fca7ad88p-22, 0x1.ade156a5f84b1p-26};
    p = estrin(r, c);
  }
  return fmadd(p, r * r, r);
}

// 2^n as two normal factors 2^n1 * 2^n2, n1 = round(n / 2), exponent fields
// built by bits; kn = n + shifter as reduce() returns it. Every |n| up to
// 2 * (bias - 1) works, so 2^-n as well: pow2(shifter - n, -n).
template <class V>
struct pow2_t {
  V scale1, scale2;
};

template <class V>
inline pow2_t<V> pow2(const V& kn, const V& n) noexcept {
  using S = detail::scalar_t<V>;
  using VI = detail::int_batch_t<V>;
  using I = typename VI::value_type;
  using K = k<S>;
  using detail::compat::bit_cast;
  const V h = n * V(S(0.5)) + V(K::shifter);  // n1 = round(n / 2) in the low bits
  const VI n_all = bit_cast<I>(kn) - VI(K::shifter_bits);
  const VI n1 = bit_cast<I>(h) - VI(K::shifter_bits);
  const VI n2 = n_all - n1;
  return {bit_cast<S>((n1 + VI(K::bias)) << K::mantissa_bits),
          bit_cast<S>((n2 + VI(K::bias)) << K::mantissa_bits)};
}

template <class V>
inline exp_split_t<V> split(const reduction_t<V>& e, const V& r) noexcept {
  const V s = exp_poly(r);  // e^r - 1
  const V one(1);
  const V hi = one + s;
  const V lo = (one - hi) + s;  // Fast2Sum: exact, as |s| < 1
  const pow2_t<V> p = pow2(e.kn, e.n);
  return {hi, lo, p.scale1, p.scale2};
}
}  // namespace detail_exp

template <class V>
inline exp_split_t<V> exp_split(V x) noexcept {
  const detail_exp::reduction_t<V> e = detail_exp::reduce(x);
  return detail_exp::split(e, e.r);
}

// e^(x + x_lo) for an argument carried as an unevaluated sum, x_lo a finite correction below
// ulp(x) (x beta or x / alpha as a double-word, where rounding x alone would cost |x| 2^-24
// relative; dropped where x was clamped). lo also takes the rounding errors of r and x_lo to
// first order (d e^r = e^r dr), so (hi + lo) scale1 scale2 is e^(x + x_lo) within the rounding of
// e^r - 1 and the polynomial's error; hi alone is not e^r rounded: use hi + lo.
template <class V>
inline exp_split_t<V> exp_split(V x, V x_lo) noexcept {
  const detail_exp::reduction_t<V> e = detail_exp::reduce(x);
  exp_split_t<V> s = detail_exp::split(e, e.r);
  s.lo = s.lo + s.hi * (e.r_lo + xsimd::select(e.x == x, x_lo, V(0)));
  return s;
}

template <class V>
inline V exp(V x) noexcept {
  const exp_split_t<V> e = exp_split(x);
  return (e.hi * e.scale1) * e.scale2;
}

}  // namespace activ::math
