// Extended-precision building blocks for the kernels of erf.hpp and tanh.hpp:
// exact products (two_square, two_prod) and scaled_exp(g, x, x_lo) =
// g * e^(x + x_lo) rounded about once.
//
// Why not g * math::exp(x): that rounds e^x (up to 1 ulp) and then the
// product, and it cannot take the low part of an argument that is itself
// rounded. erfc(a) = e^(-a^2) * G(a) needs both: an error of 1 ulp in a^2 ~ 700
// alone is 700 ulp of the result, so a^2 is carried as s + e exactly
// (two_square) and e goes in as x_lo; and G, 4 (tanh') or x * G (gelu) is
// folded into the last rounding.
//
// Method: Cody-Waite reduction as in math::exp, but the reduced argument is
// kept in two parts, r = r_hi + r_lo with r_hi = x - n*ln2_hi exact and
// r_lo = x_lo - n*ln2_lo, and the result is assembled as
//   m = r_hi + (r_lo + r^2 q(r))       e^r - 1, rounded once, |m| < 0.42
//   g * e^(x + x_lo) = (g + g*m) * 2^n1 * 2^n2
// with q(r) = (e^r - 1 - r) / r^2 of degree 4 (float) or 9 (double), relative
// minimax on [-ln2/2 - 2^-12, ln2/2 + 2^-12] from
// scripts/coefficients/scaled_exp.sollya (errors 3.7e-9 and 4.5e-18 of e^r),
// by Horner's scheme (float) and Estrin's (double, math/poly.hpp).
// 2^n is two normal factors as in math::exp, so a subnormal result is
// rounded once more, not lost.
//
// Contract: g finite, |g| <= 2^64 (float) / 2^128 (double); |x_lo| <= 2^-12.
// x is clamped to [-120, 89] (float) or [-760, 710] (double): e^x is below
// 2^-173 / 2^-1096 under the clamp (callers make sure that g e^x has
// underflowed by then) and overflows above it. NaN in x or g gives NaN.
// Error (tests/math_erf.cpp measures it through erfc): the rounding of
// g + g*m plus ~0.3 ulp, i.e. <= 0.8 ulp of g e^(x + x_lo) with FMA and about
// 1 ulp without, plus the error g carries.
#pragma once

#include <type_traits>

#include "../detail/simd.hpp"
#include "exp.hpp"

namespace activ::math {

// A value carried as an unevaluated sum hi + lo, |lo| <= ulp(hi).
template <class V>
struct double_word {
  V hi, lo;
};

namespace detail_scaled_exp {
template <class S>
struct k;
template <>
struct k<float> {
  static constexpr float lo = -120.f;  // e^-120 < 2^-173
  static constexpr float hi = 89.f;    // e^89 > 2^128
  static constexpr std::int32_t split_mask = ~0xFFF;  // keeps the top 12 of 24 bits
};
template <>
struct k<double> {
  static constexpr double lo = -760.;  // e^-760 < 2^-1096
  static constexpr double hi = 710.;   // e^710 > 2^1024
  static constexpr std::int64_t split_mask = ~std::int64_t(0x7FFFFFF);  // top 26 of 53 bits
};

// x = hi + lo exactly, hi with at most 12 (float) / 26 (double) significant
// bits, so that products of two such halves are exact. Done by masking
// mantissa bits (Veltkamp's split by multiplication would overflow for huge x
// and can be broken by FMA contraction).
template <class V>
inline double_word<V> split(V x) noexcept {
  using S = activ::detail::scalar_t<V>;
  using VI = activ::detail::int_batch_t<V>;
  using activ::detail::compat::bit_cast;
  const V hi = bit_cast<S>(bit_cast<typename VI::value_type>(x) & VI(k<S>::split_mask));
  return {hi, x - hi};
}
}  // namespace detail_scaled_exp

// a * b = hi + lo exactly: hi = fl(a*b), lo = a*b - hi. Where the hardware
// fuses, lo is one FMA; elsewhere Dekker's product of the split halves,
// lo = (((ah*bh - hi) + ah*bl) + al*bh) + al*bl. Both are exact while lo is a
// normal number (|a*b| above about 2^-969 in double, 2^-102 in float), so
// they give the same bits there; below, callers scale up first
// (dw::mul_round). Where a*b overflows, lo is not a number to use (NaN or
// infinite) and callers take hi.
template <class V>
inline double_word<V> two_prod(V a, V b) noexcept {
  const V hi = a * b;
  if constexpr (detail::compat::has_fused_fma<V>()) {
    return {hi, detail::compat::fmadd(a, b, -hi)};
  } else {
    const auto pa = detail_scaled_exp::split(a);
    const auto pb = detail_scaled_exp::split(b);
    return {hi, (((pa.hi * pb.hi - hi) + pa.hi * pb.lo) + pa.lo * pb.hi) + pa.lo * pb.lo};
  }
}

// x * x = hi + lo exactly, as two_prod(x, x) (without FMA, Dekker's
// ((xh*xh - hi) + 2*xh*xl) + xl*xl).
template <class V>
inline double_word<V> two_square(V x) noexcept {
  const V hi = x * x;
  if constexpr (detail::compat::has_fused_fma<V>()) {
    return {hi, detail::compat::fmadd(x, x, -hi)};
  } else {
    const auto p = detail_scaled_exp::split(x);
    return {hi, ((p.hi * p.hi - hi) + V(2) * p.hi * p.lo) + p.lo * p.lo};
  }
}

// a + b = hi + lo exactly, for |a| >= |b| or a == 0 (Dekker's Fast2Sum).
template <class V>
inline double_word<V> fast_two_sum(V a, V b) noexcept {
  const V hi = a + b;
  return {hi, b - (hi - a)};
}

// a + b = hi + lo exactly, any order (Knuth's 2Sum).
template <class V>
inline double_word<V> two_sum(V a, V b) noexcept {
  const V hi = a + b;
  const V b_part = hi - a;
  return {hi, (a - (hi - b_part)) + (b - b_part)};
}

// n / d as a double word (about 2^-44 / 2^-100 relative), from one division
// and the exact remainder.
template <class V>
inline double_word<V> divide(double_word<V> n, double_word<V> d) noexcept {
  const V q = n.hi / d.hi;
  const auto qd = two_prod(q, d.hi);
  const V rem = (((n.hi - qd.hi) - qd.lo) + n.lo) - q * d.lo;
  return {q, rem / d.hi};
}

// What scaled_exp needs of its argument alone (the reduction, e^r - 1 less
// r_hi, and 2^n as two factors), so that two multipliers of the same
// exponential (gelu's f and f') share it.
template <class V>
struct exp_reduced_t {
  V r_hi, c, s1, s2;  // e^r = 1 + r_hi + c, 2^n = s1 s2
};

template <class V>
inline exp_reduced_t<V> exp_reduce(double_word<V> x) noexcept {
  using S = activ::detail::scalar_t<V>;
  using VI = activ::detail::int_batch_t<V>;
  using I = typename VI::value_type;
  using K = detail_exp::k<S>;  // ln2 split, shifter and bias of math::exp
  using L = detail_scaled_exp::k<S>;
  using activ::detail::compat::bit_cast;
  const V shifter(K::shifter);

  V xh = xsimd::select(x.hi < V(L::lo), V(L::lo), x.hi);
  xh = xsimd::select(xh > V(L::hi), V(L::hi), xh);
  const V kk = xh * activ::detail::splat<V>(0x1.71547652b82fep+0) + shifter;  // x log2(e) + shifter
  const V n = kk - shifter;
  const V r_hi = xh - n * V(K::ln2_hi);  // exact
  const V r_lo = x.lo - n * V(K::ln2_lo);
  const V r = r_hi + r_lo;

  V q;
  if constexpr (std::is_same_v<S, float>) {
    q = V(0x1.684f6cp-10f);
    q = fmadd(q, r, V(0x1.123be4p-7f));
    q = fmadd(q, r, V(0x1.555b9ap-5f));
    q = fmadd(q, r, V(0x1.55548ep-3f));
    q = fmadd(q, r, V(0x1.fffff8p-2f));
  } else {
    static constexpr double c[] = {
        0x1.000000000000cp-1,
        0x1.5555555555518p-3,
        0x1.555555554fe49p-5,
        0x1.111111112059cp-7,
        0x1.6c16c185f3fa4p-10,
        0x1.a01a0151c486ep-13,
        0x1.a01995f0b225cp-16,
        0x1.71dece399f9f1p-19,
        0x1.28b0c691b7a1bp-22,
        0x1.ae082c2298217p-26};
    q = estrin(r, c);
  }

  // 2^n as two normal factors 2^n1 * 2^n2 (see math::exp).
  const V h = n * V(S(0.5)) + shifter;
  const VI n_all = bit_cast<I>(kk) - VI(K::shifter_bits);
  const VI n1 = bit_cast<I>(h) - VI(K::shifter_bits);
  const VI n2 = n_all - n1;
  return {r_hi, fmadd(q, r * r, r_lo), bit_cast<S>((n1 + VI(K::bias)) << K::mantissa_bits),
          bit_cast<S>((n2 + VI(K::bias)) << K::mantissa_bits)};
}

// g e^x from the reduction of x.
template <class V>
inline V scaled_exp(double_word<V> g, const exp_reduced_t<V>& e) noexcept {
  // e^r = 1 + r_hi + c, |c| < 0.07; g e^r = g.hi + g.hi r_hi (exact, two_prod)
  // + g.hi c + g.lo e^r, summed so that only the last addition rounds
  // at the scale of the result.
  const auto gr = two_prod(g.hi, e.r_hi);
  const auto head = fast_two_sum(g.hi, gr.hi);
  const V small = fmadd(g.hi, e.c, fmadd(g.lo, e.r_hi + e.c, g.lo));
  const V p = head.hi + (head.lo + (gr.lo + small));
  return (p * e.s1) * e.s2;
}

template <class V>
inline V scaled_exp(double_word<V> g, double_word<V> x) noexcept {
  return scaled_exp(g, exp_reduce(x));
}

// g * e^(x + x_lo) for a plain g.
template <class V>
inline V scaled_exp(V g, V x, V x_lo) noexcept {
  return scaled_exp(double_word<V>{g, V(0)}, double_word<V>{x, x_lo});
}

}  // namespace activ::math
