// Long double references for tanh, tanhshrink, erf, erfc, Phi, gelu and
// gelu_tanh, written so that they are good to well below a double ulp where
// a naive long double formula is not:
//   - x - tanh(x) near 0 by its Taylor series (x - tanhl(x) cancels);
//   - Phi(x) = erfc(-x / sqrt 2) / 2 with x / sqrt 2 carried as hi + lo
//     (a relative error of 2^-64 in the argument is 2^-64 x^2 in Phi);
//   - e^(-x^2/2) and the argument A of gelu_tanh with x^2 and x^3 exact
//     (exact product residuals, two_product): |A| reaches 750, where 2^-64 |A|
//     is 0.4 double ulp.
#pragma once

#include <cmath>
#include <limits>
#include <vector>

#include "reference_math.hpp"

namespace activ_test::ref {

using ld = long double;

// The Taylor coefficients of tanh, from (k+1) t[k+1] = [k == 0] - sum t[i] t[k-i]
// (tanh' = 1 - tanh^2).
inline const std::vector<ld>& tanh_taylor() {
  static const std::vector<ld> t = [] {
    std::vector<ld> c(90, 0);
    for (std::size_t k = 0; k + 1 < c.size(); ++k) {
      ld s = k == 0 ? 1 : 0;
      for (std::size_t i = 0; i <= k; ++i) s -= c[i] * c[k - i];
      c[k + 1] = s / ld(k + 1);
    }
    return c;
  }();
  return t;
}

inline ld tanh(ld x) { return std::tanh(x); }

// 1 - tanh(x)^2 = 4 e^-2|x| / (1 + e^-2|x|)^2.
inline ld tanh_derivative(ld x) {
  const ld e = exp(-2 * std::fabs(x));
  return 4 * e / ((1 + e) * (1 + e));
}

// x - tanh(x): the series below 1/2 (ratio of terms < 0.11), else direct
// (x - tanh x >= x / 13 there, so at most 4 bits cancel).
inline ld x_minus_tanh(ld x) {
  if (std::isinf(x) || x == 0) return x;
  if (std::fabs(x) >= 0.5L) return x - std::tanh(x);
  const auto& t = tanh_taylor();
  const ld x2 = x * x;
  ld p = 0, xp = x * x2;
  for (std::size_t k = 3; k < t.size(); k += 2, xp *= x2) p += t[k] * xp;
  return -p;
}

// x^2 = hi + lo exactly (x a float or double widened to long double).
struct ld_pair {
  ld hi, lo;
};
inline ld_pair square(ld x) {
  const product_t s = two_product(x, x);
  return {s.p, s.e};
}

// e^(-x^2/2) with x^2 exact to first order.
inline ld gauss_half(ld x) {
  const ld_pair s = square(x);
  const ld e = exp(-s.hi / 2);
  return e == 0 ? e : e * (1 - s.lo / 2);
}

// Phi(-a) for a >= 0: erfc(b) / 2, b = a / sqrt 2 = b + b_lo, to first order
// erfc(b + d) = erfc(b) - d 2/sqrt(pi) e^-b^2.
inline ld phi_lower(ld a) {
  const ld r2 = 0.707106781186547524400844362104849039L;    // 1/sqrt 2
  const ld s2_hi = 1.41421356237309504880168872420969808L;  // sqrt 2 rounded
  const ld s2_lo = 3.790065117786514159e-20L;               // sqrt 2 - s2_hi
  const ld b = a * r2;
  const product_t bs = two_product(b, s2_hi);      // bs.p - a is exact (Sterbenz)
  const ld res = ((bs.p - a) + bs.e) + b * s2_lo;  // b sqrt2 - a
  const ld b_lo = -res * r2;
  return ld(0.5) * (std::erfc(b) - b_lo * 1.12837916709551257389615890312154517L * exp(-b * b));
}
inline ld normal_cdf(ld x) { return x <= 0 ? phi_lower(-x) : 1 - phi_lower(x); }
inline ld normal_pdf(ld x) { return gauss_half(x) * 0.398942280401432677939946059934381868L; }

inline ld erf(ld x) { return std::erf(x); }
inline ld erfc(ld x) { return std::erfc(x); }

// gelu and its derivative. gelu(-inf) = -0 and gelu'(-inf) = -0: both are
// negative far left, so they underflow to -0 (x < 0 sums are written as
// -(|x| phi - Phi) so that the reference does too).
inline ld gelu(ld x) {
  if (std::isinf(x)) return x > 0 ? x : -0.0L;
  return x * normal_cdf(x);
}
inline ld gelu_derivative(ld x) {
  if (std::isinf(x)) return x > 0 ? 1 : -0.0L;
  if (x < 0) return -(-x * normal_pdf(x) - normal_cdf(x));
  return normal_cdf(x) + x * normal_pdf(x);
}
// |Phi| + |x phi|: the scale gelu' is measured against near its root.
inline ld gelu_derivative_scale(ld x) {
  if (std::isinf(x)) return 0;
  return std::fabs(normal_cdf(x)) + std::fabs(x * normal_pdf(x));
}

// gelu_tanh: A = c1 x + c3 x^3 as hi + lo, c1 = 2 sqrt(2/pi), c3 = 0.044715 c1,
// each constant as a long double pair (the rounding of c3 alone would be
// 2^-64 * 640 = 0.3 double ulp of e^A at the left end).
constexpr ld gelu_tanh_c1 = 1.595769121605730711759784239737527474L;
constexpr ld gelu_tanh_c3 = 0.07135481627260024877633875227986354100L;
inline ld_pair gelu_tanh_a(ld x) {
  const ld c1_hi = 1.595769121605730711706272L, c1_lo = 5.351177755720478292e-20L;
  const ld c3_hi = 0.07135481627260024877721376L, c3_lo = -8.7500621440089849582e-22L;
  const ld_pair x2 = square(x);
  const product_t x3p = two_product(x, x2.hi);
  const ld x3 = x3p.p;
  const ld x3_lo = x3p.e + x * x2.lo;
  const product_t a3p = two_product(c3_hi, x3);
  const ld a3 = a3p.p;
  const ld a3_lo = a3p.e + (c3_hi * x3_lo + c3_lo * x3);
  const product_t a1p = two_product(c1_hi, x);
  const ld a1 = a1p.p;
  const ld a1_lo = a1p.e + c1_lo * x;
  const ld hi = a1 + a3;  // Knuth's 2Sum
  const ld a3_part = hi - a1;
  const ld lo = ((a1 - (hi - a3_part)) + (a3 - a3_part)) + (a1_lo + a3_lo);
  return {hi, lo};
}
// sigma(A) and 1 - sigma(A), each from e^-|A| (no cancellation).
struct ld_sigmoid {
  ld p, q;  // sigma(A), sigma(-A)
};
inline ld_sigmoid gelu_tanh_sigma(ld x) {
  const ld_pair a = gelu_tanh_a(x);
  const ld m = a.hi < 0 ? -1 : 1;
  const ld s = exp(-m * a.hi) * (1 - m * a.lo);  // e^-|A|
  const ld big = 1 / (1 + s), small = s / (1 + s);
  return a.hi < 0 ? ld_sigmoid{small, big} : ld_sigmoid{big, small};
}
inline ld gelu_tanh_slope(ld x) {  // A'(x)
  return gelu_tanh_c1 + 3 * gelu_tanh_c3 * x * x;
}
inline ld gelu_tanh(ld x) {
  if (std::isinf(x)) return x > 0 ? x : -0.0L;
  if (std::fabs(x) > 1e4L) return x > 0 ? x : -0.0L;  // sigma is 1 or 0 far below any ulp
  return x * gelu_tanh_sigma(x).p;
}
inline ld gelu_tanh_derivative(ld x) {
  if (std::isinf(x) || std::fabs(x) > 1e4L) return x > 0 ? 1 : -0.0L;
  const ld_sigmoid s = gelu_tanh_sigma(x);
  if (x < 0) return -(-x * s.p * s.q * gelu_tanh_slope(x) - s.p);
  return s.p + x * s.p * s.q * gelu_tanh_slope(x);
}
inline ld gelu_tanh_derivative_scale(ld x) {
  if (std::isinf(x) || std::fabs(x) > 1e4L) return 0;
  const ld_sigmoid s = gelu_tanh_sigma(x);
  return std::fabs(s.p) + std::fabs(x * s.p * s.q * gelu_tanh_slope(x));
}

}  // namespace activ_test::ref
