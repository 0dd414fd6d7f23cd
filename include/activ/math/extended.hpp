// Extended-precision building blocks for the kernels of erf.hpp and tanh.hpp: exact products and
// sums, and scaled_exp(g, x, x_lo) = g e^(x + x_lo) rounded about once. Not g * math::exp(x),
// which rounds e^x and then the product and cannot take the low part of a rounded argument:
// erfc(a) = e^(-a^2) G(a) needs both, as 1 ulp of a^2 ~ 700 is 700 ulp of the result. So a^2 goes
// in as s + e exactly, and G, 4 (tanh') or x G (gelu) is folded into the last rounding.
// Method: math::exp's reduction with r = r_hi + r_lo (r_hi = x - n ln2_hi exact,
//   r_lo = x_lo - n ln2_lo); m = r_hi + (r_lo + r^2 q(r)) = e^r - 1 rounded once (|m| < 0.42);
//   g e^(x + x_lo) = (g + g m) 2^n1 2^n2, two normal factors as in math::exp.
//   q(r) = (e^r - 1 - r) / r^2, degree 4 (float) or 9 (double), relative minimax on
//   [-ln2/2 - 2^-12, ln2/2 + 2^-12] from scripts/coefficients/scaled_exp.sollya (errors 3.7e-9
//   and 4.5e-18 of e^r), by Horner's (float) and Estrin's scheme (double).
// Contract: g finite, |g| <= 2^64 (float) / 2^128 (double); |x_lo| <= 2^-12; x clamped to [k::lo,
//   k::hi] (below, callers make sure g e^x has underflowed). NaN in x or g gives NaN. Within 1
//   ulp of g e^(x + x_lo) (tests/math_erf.cpp), plus the error g carries.
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
  static constexpr float lo = -120.f;                 // e^-120 < 2^-173
  static constexpr float hi = 89.f;                   // e^89 > 2^128
  static constexpr std::int32_t split_mask = ~0xFFF;  // keeps the top 12 of 24 bits
};
template <>
struct k<double> {
  static constexpr double lo = -760.;                                   // e^-760 < 2^-1096
  static constexpr double hi = 710.;                                    // e^710 > 2^1024
  static constexpr std::int64_t split_mask = ~std::int64_t(0x7FFFFFF);  // top 26 of 53 bits
};

// x = hi + lo exactly, hi with at most 12 (float) / 26 (double) significant bits, so products of
// two such halves are exact; by masking mantissa bits (Veltkamp's split by multiplication
// overflows for huge x and FMA contraction can break it).
template <class V>
inline double_word<V> split(V x) noexcept {
  using S = activ::detail::scalar_t<V>;
  using VI = activ::detail::int_batch_t<V>;
  using activ::detail::compat::bit_cast;
  const V hi = bit_cast<S>(bit_cast<typename VI::value_type>(x) & VI(k<S>::split_mask));
  return {hi, x - hi};
}
}  // namespace detail_scaled_exp

// a * b = hi + lo exactly: lo is one FMA where the hardware fuses, Dekker's product of the split
// halves elsewhere. Both are exact, so give the same bits, while lo is normal (|a*b| above about
// 2^-969 in double, 2^-102 in float; below, callers scale up first, dw::mul_round). Where a*b
// overflows, lo is not a number to use and callers take hi.
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

// x * x = hi + lo exactly, as two_prod(x, x).
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

// n / d as a double word (about 2^-44 / 2^-100 relative): one division and the exact remainder.
template <class V>
inline double_word<V> divide(double_word<V> n, double_word<V> d) noexcept {
  const V q = n.hi / d.hi;
  const auto qd = two_prod(q, d.hi);
  const V rem = (((n.hi - qd.hi) - qd.lo) + n.lo) - q * d.lo;
  return {q, rem / d.hi};
}

// What scaled_exp needs of its argument alone (the reduction, e^r - 1 less r_hi, and 2^n as two
// factors), so that two multipliers of the same exponential (gelu's f and f') share it.
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
        0x1.000000000000cp-1,  0x1.5555555555518p-3,  0x1.555555554fe49p-5,  0x1.111111112059cp-7,
        0x1.6c16c185f3fa4p-10, 0x1.a01a0151c486ep-13, 0x1.a01995f0b225cp-16, 0x1.71dece399f9f1p-19,
        0x1.28b0c691b7a1bp-22, 0x1.ae082c2298217p-26};
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
  // e^r = 1 + r_hi + c, |c| < 0.07; g e^r = g.hi + g.hi r_hi (exact, two_prod) + g.hi c + g.lo
  // e^r, summed so that only the last addition rounds at the scale of the result.
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
