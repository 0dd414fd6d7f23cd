// activ::math::erf, erfc, normal_cdf (Phi), and for gelu x_normal_cdf (x Phi(x)) and
// normal_cdf_plus_x_pdf (Phi(x) + x phi(x)), for batches of float or double, accurate in ulps
// over the whole line, subnormal tails included (xsimd's erf and erfc are tens of ulp off in
// places).
// Method, on a = |x|. Near 0 (erf: a < 0.875 float, 0.75 double; erfc 0.5; Phi 0.7): the odd
// series erf(a) = a (c0 + a^2 E(a^2)), Phi(a) - 1/2 = a (c0 + a^2 EN(a^2)), c0 as hi + lo and
// a c0_hi exact, so erf, 1 -+ erf and 1/2 +- (Phi - 1/2) each round once. Tails: erfc(a) = e^-a^2
// F(v) / (1 + 2a), Phi(-a) = e^(-a^2/2) N(v) / (1 + a), v = a / (a + k), one polynomial each up
// to a_max (beyond, the result underflows); F and N vary by less than 30% (1 + 2a, after Juffa,
// takes out the 1/a decay), so the polynomial in t = v - v0 is well conditioned, and the quotient
// is a double word. The Gaussian never rounds its argument: a^2 = s + e exactly and
// scaled_exp(quotient, -s, -e) rounds once, so erfc(26) in double is as good as erfc(1).
// erf = 1 - erfc above the series (erfc < 0.29 there), erfc(-a) = 2 - erfc(a),
// Phi(a) = 1 - Phi(-a); erf is odd by the sign bit. Phi has its own tables: from erfc(x / sqrt 2)
// the rounded argument would cost 2 x^2 2^-24 relative error far left.
// Degrees: F and N 10 (float) / 23 (double), k = 3 and 4; E 6 / 12; EN 4 / 8. R by Estrin's
//   scheme from t^4 on, Horner's below (|t| up to 0.56, coefficients near 1: the low terms carry
//   the value); E by Estrin's after its lowest term. Coefficients:
//   scripts/coefficients/erf.sollya (Sollya fpminimax; relative errors of F and N 8e-9 float,
//   1e-17 double), double F from scripts/coefficients/erfc_tail_double.py (Chebyshev
//   interpolation with mpmath, 1.9e-17; fpminimax does not finish at degree 23).
// erf(+-inf) = +-1, erf(-0) = -0; erfc(-inf) = 2, erfc(+inf) = +0; Phi(-inf) = +0, Phi(+inf) = 1;
// NaN in, NaN out. Bounds (tests/math_erf.cpp): erf, erfc and normal_cdf 1 ulp, float and double;
// gelu's record enforces the other two.
#pragma once

#include "../detail/simd.hpp"
#include "extended.hpp"

namespace activ::math {
namespace detail_erf {

struct erfc_tail {};    // e^(a^2) erfc(a) = F(v) / (1 + 2a)
struct normal_tail {};  // e^(a^2 / 2) Phi(-a) = N(v) / (1 + a)

template <class S, class Tail>
struct k;

template <>
struct k<float, erfc_tail> {
  static constexpr float a_max = 10.1f;      // erfc(10.1) < 2^-150: 0 beyond
  static constexpr float shift = 3.f;        // v = a / (a + shift)
  static constexpr float v0 = 0.375f;        // t = v - v0
  static constexpr float den = 2.f;          // 1 + den * a
  static constexpr float half_square = 1.f;  // e^(-half_square * a^2)
  static constexpr float c0_hi = 0x1.48084ap0f, c0_lo = -0x1.614abep-25f;
  static constexpr float r[] = {-0x1.41f23ep-3f, -0x1.9ceea2p-1f, 0x1.327304p1f,   -0x1.d260bep1f,
                                0x1.af4574p1f,   -0x1.89215cp0f,  -0x1.5ec30cp-2f, 0x1.8a7c08p-1f,
                                -0x1.db88a2p-5f, -0x1.1f70d8p-2f};
};
template <>
struct k<float, normal_tail> {
  // Phi(-14.6) * 14.6 < 2^-150: gelu and its derivative underflow there too.
  static constexpr float a_max = 14.6f;
  static constexpr float shift = 4.f;
  static constexpr float v0 = 0.375f;
  static constexpr float den = 1.f;
  static constexpr float half_square = 0.5f;
  static constexpr float c0_hi = 0x1.fc6dd2p-2f, c0_lo = 0x1.4927ep-27f;
  static constexpr float r[] = {-0x1.89026cp-3f, -0x1.726fd6p-4f, 0x1.2d0776p-1f,  -0x1.e2f642p-1f,
                                0x1.90447ap-1f,  -0x1.a8394ap-3f, -0x1.bbb346p-3f, 0x1.45d328p-3f,
                                0x1.f2fd52p-5f,  -0x1.19f83ap-4f};
};
template <>
struct k<double, erfc_tail> {
  static constexpr double a_max = 27.3;  // erfc(27.3) < 2^-1075
  static constexpr double shift = 3.;
  static constexpr double v0 = 0.4375;
  static constexpr double den = 2.;
  static constexpr double half_square = 1.;
  static constexpr double c0_hi = 0x1.44d8cb79f77e5p+0, c0_lo = 0x1.8f65dac8929a9p-55;
  static constexpr double r[] = {
      -0x1.ddbb65aaff878p-3, -0x1.bd9402d12a3f3p-2, 0x1.9b7266f192a02p+0,  -0x1.57660f04edab5p+1,
      0x1.6345a2b576b4ap+1,  -0x1.9a33288321260p+0, 0x1.f0062b5e57f2cp-6,  0x1.5bbfc36946323p-1,
      -0x1.1e78ea506ebe5p-2, -0x1.1203808237c33p-2, 0x1.8d8a418e61c6dp-3,  0x1.1b1b0a7f4af8dp-3,
      -0x1.cff6a04480bc6p-4, -0x1.8b04362e4332ep-4, 0x1.d608839c478a8p-5,  0x1.3dee22532380dp-4,
      -0x1.222d28ac1bfc0p-6, -0x1.f08557d24b5dap-5, -0x1.15c86034e1fbfp-7, 0x1.3c82fef8db722p-5,
      0x1.22795ae2b2736p-6,  -0x1.dac9ce00ab048p-7, -0x1.4970ba3f1b549p-7};
};
template <>
struct k<double, normal_tail> {
  static constexpr double a_max = 38.7;  // Phi(-38.7) * 38.7 < 2^-1075
  static constexpr double shift = 4.;
  static constexpr double v0 = 0.4375;
  static constexpr double den = 1.;
  static constexpr double half_square = 0.5;
  static constexpr double c0_hi = 0x1.efeb2f7160b51p-2, c0_lo = 0x1.017e947e974e3p-57;
  static constexpr double r[] = {
      -0x1.93d16d95fb40ep-3, -0x1.d78a6c9d2270bp-12, 0x1.86b49fc6e828cp-2,  -0x1.6cf1452a42f9p-1,
      0x1.608479f855a5cp-1,  -0x1.22d44867022aap-2,  -0x1.0934d4f127a1ep-3, 0x1.80f6fc34e308p-3,
      0x1.cafd6df3ecdb6p-7,  -0x1.aad12ca2905c2p-4,  -0x1.85f2aa8ae6352p-9, 0x1.01d1b13393ad4p-4,
      0x1.496915e94e9f2p-7,  -0x1.43b674325051bp-5,  -0x1.245e8a99d121fp-6, 0x1.6ab9cc6e681b2p-6,
      0x1.687a2a744be8cp-6,  -0x1.fa8f878becf74p-8,  -0x1.56323fecadef9p-6, -0x1.ab08a0db02745p-10,
      0x1.e0566e0d1588p-7,   0x1.884f2e51626c9p-9,   -0x1.84ef8ccdf014dp-8};
};

struct erf_series {};
struct normal_series {};
template <class S, class Series>
struct series;
template <>
struct series<float, erf_series> {
  static constexpr float erf_max = 0.875f;  // erf: series below, 1 - erfc above
  static constexpr float poly_max = 0.5f;   // erfc: 1 - series below, tail above
  // Below tiny, erf works on a * 2^up and scales the result back, so that the low parts of a * c0
  // are normal.
  static constexpr float tiny = 0x1p-90f, up = 0x1p64f, down = 0x1p-64f;
  static constexpr float c0_hi = 0x1.20dd76p0f, c0_lo = -0x1.f7ac92p-25f;  // 2/sqrt(pi)
  static constexpr float e[] = {-0x1.812746p-2f,  0x1.ce2ecp-4f,   -0x1.b81d32p-6f, 0x1.5543fap-8f,
                                -0x1.acf8e6p-11f, 0x1.53632ap-14f, 0x1.a4549ep-19f};
};
template <>
struct series<double, erf_series> {
  static constexpr double erf_max = 0.75;  // the series reaches 1.06 ulp above
  static constexpr double poly_max = 0.5;
  static constexpr double tiny = 0x1p-900, up = 0x1p512, down = 0x1p-512;
  static constexpr double c0_hi = 0x1.20dd750429b6dp0, c0_lo = 0x1.1ae3a914fed8p-56;
  static constexpr double e[] = {
      -0x1.812746b0379e7p-2,  0x1.ce2f21a042c63p-4,  -0x1.b82ce3128db8dp-6,  0x1.565bcd0fdc5e9p-8,
      -0x1.c02db477df331p-11, 0x1.f9a33ee7e532p-14,  -0x1.f4d57da12af3p-17,  0x1.ba2d4d2908ebep-20,
      -0x1.63a883dee5535p-23, 0x1.2947a542cce2bp-26, -0x1.c0f4fe5b6d411p-29, 0x1.2234ce04fe4dp-30,
      -0x1.c45d5dc20c3d5p-33};
};
template <>
struct series<float, normal_series> {
  static constexpr float poly_max = 0.7f;  // Phi: 1/2 +- series below, tail above
  static constexpr float c0_hi = 0x1.988454p-2f, c0_lo = -0x1.857936p-27f;  // 1/sqrt(2 pi)
  static constexpr float e[] = {-0x1.105838p-4f, 0x1.46d0aap-7f, -0x1.3755aap-10f, 0x1.e70f46p-14f,
                                -0x1.41a982p-17f};
};
template <>
struct series<double, normal_series> {
  static constexpr double poly_max = 0.7;
  static constexpr double c0_hi = 0x1.9884533d43651p-2, c0_lo = -0x1.cbc0d30ebfd15p-56;
  static constexpr double e[] = {
      -0x1.1058377e2ceep-4,   0x1.46d04297690b4p-7,   -0x1.37403f6b902c8p-10,
      0x1.e42b0d4400d62p-14,  -0x1.3ce8f797624adp-17, 0x1.65894df395b5p-21,
      -0x1.620193b87d988p-25, 0x1.3583dc785c244p-29,  -0x1.a901a696cad01p-34};
};

// x (c0 + z E(z)) for |x| < 1 as hi + lo: x * c0_hi exactly (two_prod), the rest small. Odd in x.
template <class Series, class V>
inline double_word<V> odd_series(V x, V z) noexcept {
  using K = series<activ::detail::scalar_t<V>, Series>;
  const auto lead = two_prod(x, V(K::c0_hi));
  return {lead.hi, fmadd(x, fmadd(z, estrin<1>(z, K::e), V(K::c0_lo)), lead.lo)};
}
template <class Series, class V>
inline double_word<V> odd_series(V x) noexcept {
  return odd_series<Series>(x, x * x);
}

// c + (p.hi + p.lo) rounded once, for |c| >= |p.hi| (Fast2Sum).
template <class V>
inline V add(V c, double_word<V> p) noexcept {
  const V s = c + p.hi;
  return s + (((c - s) + p.hi) + p.lo);
}

template <class Tail, class V>
using tail_k = k<activ::detail::scalar_t<V>, Tail>;

// min(a, a_max), NaN kept.
template <class Tail, class V>
inline V clamp(V a) noexcept {
  const V m(tail_k<Tail, V>::a_max);
  return xsimd::select(a > m, m, a);
}

// e^(h a^2) * tail(a) for 0 <= a <= a_max as a double word: the polynomial over 1 + den * a.
template <class Tail, class V>
inline double_word<V> ratio(V a) noexcept {
  using K = tail_k<Tail, V>;
  const V t = a / (a + V(K::shift)) - V(K::v0);
  const auto tr = two_prod(t, estrin<4>(t, K::r));
  const auto head = fast_two_sum(V(K::c0_hi), tr.hi);
  const double_word<V> f{head.hi, head.lo + (tr.lo + V(K::c0_lo))};
  return divide(f, two_sum(V(1), V(K::den) * a));
}

// The reduction of -h a^2 for scaled_exp, a^2 split exactly (the argument is not rounded).
template <class Tail, class V>
inline exp_reduced_t<V> gauss_reduce(V a) noexcept {
  const V h(-tail_k<Tail, V>::half_square);
  const auto z = two_square(a);
  return exp_reduce(double_word<V>{h * z.hi, h * z.lo});
}

template <class Tail, class V>
inline V gauss(double_word<V> g, V a) noexcept {
  return scaled_exp(g, gauss_reduce<Tail>(a));
}

template <class V>
inline double_word<V> scale(V f, double_word<V> g) noexcept {
  const auto p = two_prod(f, g.hi);
  return {p.hi, fmadd(f, g.lo, p.lo)};
}

template <class V>
inline V with_sign_of(V y, V x) noexcept {
  using S = activ::detail::scalar_t<V>;
  return y | (x & V(S(-0.0)));
}

}  // namespace detail_erf

// erf(x), odd.
template <class V>
inline V erf(V x) noexcept {
  using namespace detail_erf;
  using T = erfc_tail;
  using K = series<activ::detail::scalar_t<V>, erf_series>;
  const V a = xsimd::abs(x);
  const auto tiny = a < V(K::tiny);
  const auto p = odd_series<erf_series>(a * xsimd::select(tiny, V(K::up), V(1)), a * a);
  const V small = (p.hi + p.lo) * xsimd::select(tiny, V(K::down), V(1));
  const V ac = clamp<T>(a);
  const V large = V(1) - gauss<T>(ratio<T>(ac), ac);
  return with_sign_of(xsimd::select(a < V(K::erf_max), small, large), x);
}

template <class V>
inline V erfc(V x) noexcept {
  using namespace detail_erf;
  using T = erfc_tail;
  using K = series<activ::detail::scalar_t<V>, erf_series>;
  const V a = xsimd::abs(x);
  const auto p = odd_series<erf_series>(x);  // erf(x) for small |x|
  const V small = add(V(1), {-p.hi, -p.lo});
  const V ac = clamp<T>(a);
  const V c = gauss<T>(ratio<T>(ac), ac);  // erfc(|x|)
  const V large = xsimd::select(x < V(0), V(2) - c, c);
  return xsimd::select(a < V(K::poly_max), small, large);
}

// Phi(x) = (1 + erf(x / sqrt 2)) / 2, the standard normal distribution function.
template <class V>
inline V normal_cdf(V x) noexcept {
  using namespace detail_erf;
  using T = normal_tail;
  using K = series<activ::detail::scalar_t<V>, normal_series>;
  const V a = xsimd::abs(x);
  const V small = add(V(0.5), odd_series<normal_series>(x));
  const V ac = clamp<T>(a);
  const V c = gauss<T>(ratio<T>(ac), ac);  // Phi(-|x|)
  const V large = xsimd::select(x > V(0), V(1) - c, c);
  return xsimd::select(a < V(K::poly_max), small, large);
}

// What x Phi(x) and Phi(x) + x phi(x) (gelu's f and f') share: the series near 0, the tail's
// ratio and the reduction of its exponential; each applies its own multiplier.
template <class V>
struct normal_parts_t {
  V a, ac;                 // |x|, and |x| clamped to the tail's a_max
  double_word<V> series;   // Phi(x) - 1/2, for |x| < poly_max
  double_word<V> ratio;    // e^(ac^2/2) Phi(-ac)
  exp_reduced_t<V> gauss;  // e^(-ac^2/2) before its multiplier
};

// Computes the parts of x and returns k(parts) (a continuation, as math::logistic_parts).
template <class V, class K>
inline auto normal_parts(V x, K k) noexcept {
  using namespace detail_erf;
  using T = normal_tail;
  const V a = xsimd::abs(x);
  const V ac = clamp<T>(a);
  return k(
      normal_parts_t<V>{a, ac, odd_series<normal_series>(x), ratio<T>(ac), gauss_reduce<T>(ac)});
}

// x Phi(x) (gelu): for x < 0 the factor x goes into the exponential's last rounding, so the
// subnormal results far left are as accurate as the rest. x Phi(x) -> -0 as x -> -inf.
template <class V>
inline V x_normal_cdf(V x, const normal_parts_t<V>& n) noexcept {
  using namespace detail_erf;
  using K = series<activ::detail::scalar_t<V>, normal_series>;
  // x/2 + x (Phi(x) - 1/2), both parts exact, rounded once.
  const V small = add(V(0.5) * x, scale(x, n.series));
  const auto neg = x < V(0);
  const V e =
      scaled_exp(scale(xsimd::select(neg, -n.ac, V(1)), n.ratio), n.gauss);  // x Phi(x) or Phi(-x)
  const V large = xsimd::select(neg, e, x * (V(1) - e));
  // x Phi(x) has the sign of x, -0 included.
  return with_sign_of(xsimd::abs(xsimd::select(n.a < V(K::poly_max), small, large)), x);
}

template <class V>
inline V x_normal_cdf(V x) noexcept {
  return normal_parts(x, [&](const normal_parts_t<V>& n) { return x_normal_cdf(x, n); });
}

// Phi(x) + x phi(x) (gelu'), phi(x) = e^(-x^2/2) / sqrt(2 pi), with one
// exponential: Phi(-a) = e^(-a^2/2) r(a) in the tails, so
//   x <= -0.7: e^(-a^2/2) (r - a/sqrt(2 pi))      (crosses 0 near x = -0.75)
//   x >=  0.7: 1 + e^(-a^2/2) (a/sqrt(2 pi) - r)
//   between:   1/2 + x (c0 + z E(z)) + e^(-a^2/2) x/sqrt(2 pi)
template <class V>
inline V normal_cdf_plus_x_pdf(V x, const normal_parts_t<V>& n) noexcept {
  using namespace detail_erf;
  using K = series<activ::detail::scalar_t<V>, normal_series>;
  const auto is_small = n.a < V(K::poly_max);
  // x / sqrt(2 pi) (the series' c0) and r - a / sqrt(2 pi) as double words; the latter cancels
  // only near the root.
  const V xs = xsimd::select(is_small, x, n.ac);
  const auto xc = two_prod(xs, V(K::c0_hi));
  const V xc_lo = fmadd(xs, V(K::c0_lo), xc.lo);
  const auto d = two_sum(n.ratio.hi, -xc.hi);
  const V d_lo = d.lo + (n.ratio.lo - xc_lo);
  const V sign = xsimd::select(x < V(0), V(1), V(-1));
  const double_word<V> g{xsimd::select(is_small, xc.hi, sign * d.hi),
                         xsimd::select(is_small, xc_lo, sign * d_lo)};
  const V e = scaled_exp(g, n.gauss);
  const V small = add(V(0.5), {n.series.hi, n.series.lo + e});
  const V large = xsimd::select(x < V(0), e, V(1) + e);
  return xsimd::select(is_small, small, large);
}

template <class V>
inline V normal_cdf_plus_x_pdf(V x) noexcept {
  return normal_parts(x, [&](const normal_parts_t<V>& n) { return normal_cdf_plus_x_pdf(x, n); });
}

}  // namespace activ::math
