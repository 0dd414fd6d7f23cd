// activ::math double-word arithmetic: values carried as an unevaluated sum hi + lo
// (extended.hpp's double_word, two_prod, two_square) for kernels that must round once at the end:
// a parameter inside an exponential (beta x rounded to float is off by |beta x| 2^-24 relative in
// e^(beta x), some 40 ulp at the bottom of float's range), a constant times a function value
// (alpha expm1(x), log1p(t) / beta: one rounding, not three), mish's rational function of e^x.
// Dekker's operations: exact where stated, else within about 2^-44 (float) or 2^-100 (double)
// relative; products split operands by masking bits (extended.hpp), so the bits are the same with
// and without FMA.
#pragma once

#include <cmath>
#include <limits>

#include "../detail/simd.hpp"
#include "extended.hpp"

namespace activ::math {

// A double constant in the element type S as hi + lo, each rounded once; for
// float, hi + lo holds the double to about 2^-48 relative.
template <class S>
struct dword_const {
  S hi, lo;
};

// c_hi + c_lo (|c_lo| <= ulp(c_hi), both double) in the element type.
template <class S>
inline dword_const<S> make_dword(double c_hi, double c_lo = 0) noexcept {
  const S hi = static_cast<S>(c_hi);
  return {hi, static_cast<S>((c_hi - static_cast<double>(hi)) + c_lo)};
}

// 1 / a as hi + lo: for float, the double quotient (2^-53) is more than
// enough; for double, q = 1/a rounded plus (1 - q a) / a, whose numerator is
// exact (q a = p + e exactly, and 1 - p is exact as p is near 1): 2^-100.
template <class S>
inline dword_const<S> make_reciprocal(double a) noexcept {
  const double q = 1 / a;
  if constexpr (sizeof(S) == 4) {
    return make_dword<S>(q);
  } else {
    using D = xsimd::batch<double>;
    const double_word<D> qa = two_prod(D(q), D(a));
    const double lo = ((1 - qa.hi.get(0)) - qa.lo.get(0)) / a;
    return make_dword<S>(q, std::isfinite(lo) ? lo : 0.0);
  }
}

namespace dw {

// a + b = hi + lo exactly, for |a| >= |b| or a == 0 (Fast2Sum).
template <class V>
inline double_word<V> fast_two_sum(const V& a, const V& b) noexcept {
  const V s = a + b;
  return {s, (a - s) + b};
}

// a + b = hi + lo exactly (Knuth's TwoSum).
template <class V>
inline double_word<V> two_sum(const V& a, const V& b) noexcept {
  const V s = a + b;
  const V bb = s - a;
  return {s, (a - (s - bb)) + (b - bb)};
}

template <class V>
inline double_word<V> add(const double_word<V>& a, const double_word<V>& b) noexcept {
  const double_word<V> s = two_sum(a.hi, b.hi);
  return fast_two_sum(s.hi, s.lo + (a.lo + b.lo));
}

template <class V>
inline double_word<V> mul(const double_word<V>& a, const double_word<V>& b) noexcept {
  const double_word<V> p = two_prod(a.hi, b.hi);
  return fast_two_sum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

template <class V>
inline double_word<V> mul(const double_word<V>& a, const V& b) noexcept {
  const double_word<V> p = two_prod(a.hi, b);
  return fast_two_sum(p.hi, p.lo + a.lo * b);
}

// a times a constant: hi + lo, not renormalized (round() it at once).
template <class V>
inline double_word<V> mul(const double_word<V>& a,
                          const dword_const<detail::scalar_t<V>>& c) noexcept {
  const double_word<V> p = two_prod(a.hi, V(c.hi));
  return {p.hi, p.lo + (a.hi * V(c.lo) + a.lo * V(c.hi))};
}

// a / b; a.hi - q b.hi is exact (q b.hi is within a factor 2 of a.hi).
template <class V>
inline double_word<V> div(const double_word<V>& a, const double_word<V>& b) noexcept {
  const V q = a.hi / b.hi;
  const double_word<V> p = two_prod(q, b.hi);
  const V r = ((a.hi - p.hi) - p.lo) + (a.lo - q * b.lo);
  return fast_two_sum(q, r / b.hi);
}

// x * (c.hi + c.lo) for a plain x. Where the product overflows (or x is
// infinite or NaN) lo is 0 and hi carries the value.
template <class V>
inline double_word<V> mul(const V& x, const dword_const<detail::scalar_t<V>>& c) noexcept {
  using S = detail::scalar_t<V>;
  const double_word<V> p = two_prod(x, V(c.hi));
  const V lo = p.lo + x * V(c.lo);
  return {p.hi, xsimd::select(xsimd::abs(lo) < V(std::numeric_limits<S>::infinity()), lo, V(0))};
}

// hi + lo rounded once; where hi is infinite or NaN, hi itself (lo may be
// NaN there, from inf - inf inside the products).
template <class V>
inline V round(const double_word<V>& a) noexcept {
  using S = detail::scalar_t<V>;
  return xsimd::select(xsimd::abs(a.hi) < V(std::numeric_limits<S>::infinity()), a.hi + a.lo, a.hi);
}

// a * c rounded once where the product is normal. Dekker's product is exact only while its
// partial products stay normal, so a tiny a is scaled up by 2^k first and the result down after:
// a subnormal product rounds twice, within 0.75 ulp (tests/math_dword.cpp). Holds for
// |c| >= 2^-60 (float) or 2^-490 (double). A zero a gives +0 (elu and selu select -0 themselves).
// The constant may differ between lanes (|c_lo| <= ulp(c_hi)): selu multiplies x by scale and
// e^x - 1 by scale alpha in one call.
template <class V>
inline V mul_round(const double_word<V>& a, const V& c_hi, const V& c_lo) noexcept {
  using S = detail::scalar_t<V>;
  constexpr bool f32 = sizeof(S) == 4;
  const auto tiny = xsimd::abs(a.hi) < V(S(f32 ? 0x1p-40 : 0x1p-500));
  const V up = xsimd::select(tiny, V(S(f32 ? 0x1p90 : 0x1p600)), V(1));
  const V down = xsimd::select(tiny, V(S(f32 ? 0x1p-90 : 0x1p-600)), V(1));
  const V hi = a.hi * up;
  const double_word<V> p = two_prod(hi, c_hi);
  return round(double_word<V>{p.hi, p.lo + (hi * c_lo + (a.lo * up) * c_hi)}) * down;
}

template <class V>
inline V mul_round(const double_word<V>& a, const dword_const<detail::scalar_t<V>>& c) noexcept {
  return mul_round(a, V(c.hi), V(c.lo));
}

}  // namespace dw
}  // namespace activ::math
