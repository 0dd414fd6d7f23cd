// activ::math::tanh, x_minus_tanh (x - tanh x, tanhshrink), tanh_derivative (1 - tanh^2) and
// tanh_squared (tanhshrink') for batches of float or double, on a = |x| with the sign bit
// restored at the end where odd (Highway's habit: tanh(-0) = -0, results antisymmetric).
// tanh(a) as the exact sum of two rounded parts (tanh_parts), rounded once or squared:
//   a <  1:  a + a^3 P(a^2), P of degree 7 (float) / 15 (double), relative minimax of
//            (tanh(a) - a) / a^3 on [0, 1];
//   a >= 1:  1 - t, t = 1 - tanh(a) = 2s / (1 + s), s = e^-2a (exp_ratio); t <= 0.24, so its
//            error reaches the result scaled down by 4; from k_saturation on exactly 1.
// x_minus_tanh(a), with no a - tanh a anywhere:
//   a <  1:  a^3 (1/3 + a^2 Q(a^2 - 1/2)), Q of degree 7 (float) / 16 (double), relative minimax
//            on [0, 1], centred to be well conditioned; a^3 and a^3/3 as exact double words;
//   a >= 1:  (a - 1) + t, a - 1 exact.
// P and Q by Estrin's scheme above their four lowest terms, Horner's for those. Coefficients:
// scripts/coefficients/tanh.sollya (Sollya fpminimax), errors 2.5e-9 / 4.1e-18 (tanh, relative)
// and 4.4e-9 / 1.2e-17 (x - tanh x). tanh(+-inf) = +-1, x_minus_tanh(+-inf) = +-inf,
// tanh_derivative(+-inf) = +0; NaN in, NaN out. Bounds (tests/math_tanh.cpp, float and double):
// tanh 1, x_minus_tanh 1.5, tanh_derivative 2, tanh_squared 1.75 ulp.
#pragma once

#include "../detail/simd.hpp"
#include "extended.hpp"

namespace activ::math {
namespace detail_tanh {
template <class S>
struct k;
template <>
struct k<float> {
  static constexpr float poly_max = 1.f;         // tanh: polynomial below, 1 - t above
  static constexpr float shrink_poly_max = 1.f;  // x_minus_tanh: polynomial below
  // Below shrink_tiny the low parts of a^3 / 3 would be subnormal: a is scaled by 2^40, the
  // result by 2^-120.
  static constexpr float shrink_tiny = 0x1p-24f;
  static constexpr float square_tiny = 0x1p-50f;
  static constexpr float tiny_up = 0x1p40f;
  static constexpr float tiny_down = 0x1p-120f;
  // The smallest float whose tanh rounds to 1 (tanh(a) >= 1 - 2^-25).
  static constexpr float k_saturation = 0x1.205968p+3f;
  static constexpr float third_hi = 0x1.555556p-2f;    // 1/3 rounded to float
  static constexpr float third_lo = -0x1.555556p-27f;  // 1/3 - third_hi
  // (tanh(a) - a) / a^3 = P(a^2), degree 7.
  static constexpr float p[] = {-0x1.555556p-2f, 0x1.11112cp-3f, -0x1.ba1af6p-5f,  0x1.660068p-6f,
                                -0x1.1eada6p-7f, 0x1.acf0eap-9f, -0x1.faea1ep-11f, 0x1.437b6ep-13f};
  // ((a - tanh(a)) / a^3 - 1/3) / a^2 = Q(a^2 - 1/2), degree 7.
  static constexpr float q[] = {-0x1.c63a34p-4f,  0x1.31b0a2p-5f,   -0x1.9bfddap-7f,
                                0x1.15abb8p-8f,   -0x1.75c504p-10f, 0x1.f7e964p-12f,
                                -0x1.6a6c4ep-13f, 0x1.e78b92p-15f};
};
template <>
struct k<double> {
  static constexpr double poly_max = 1.;
  static constexpr double shrink_poly_max = 1.;
  static constexpr double shrink_tiny = 0x1p-300;
  static constexpr double square_tiny = 0x1p-480;
  static constexpr double tiny_up = 0x1p300;
  static constexpr double tiny_down = 0x1p-900;
  // The smallest double whose tanh rounds to 1 (tanh(a) >= 1 - 2^-54).
  static constexpr double k_saturation = 0x1.30fc1931f09cap+4;
  static constexpr double third_hi = 0x1.5555555555555p-2;
  static constexpr double third_lo = 0x1.5555555555555p-56;
  static constexpr double p[] = {
      -0x1.5555555555555p-2,  0x1.111111111106cp-3,  -0x1.ba1ba1ba10ccdp-5,  0x1.664f4880381c1p-6,
      -0x1.226e350a76cf9p-7,  0x1.d6d3c35d5de85p-9,  -0x1.7da2aa018e514p-10, 0x1.35511acb4d6a7p-11,
      -0x1.f51aeb7d3c076p-13, 0x1.9480168989f8ap-14, -0x1.41c4f715ac62ap-15, 0x1.e903f3b4520d7p-17,
      -0x1.4d2be6cbdc46fp-18, 0x1.6f452f803b2bbp-20, -0x1.175f548b44438p-22, 0x1.a94746be97291p-26};
  static constexpr double q[] = {
      -0x1.c63a34a5d9292p-4,  0x1.31b0a2008d376p-5,  -0x1.9bfcb8254cec3p-7,  0x1.15ab31d0eaf7dp-8,
      -0x1.764a7cdedfb44p-10, 0x1.f8897033f8d59p-12, -0x1.540d91f7180abp-13, 0x1.ca628d93e41b9p-15,
      -0x1.34f28ee885c7dp-16, 0x1.a074200e650d6p-18, -0x1.18a95c797289bp-19, 0x1.7a6db428577ep-21,
      -0x1.ffc82d484323ep-23, 0x1.5571dab5958e6p-24, -0x1.adc428b99b0a9p-26, 0x1.611f38208cc5bp-27,
      -0x1.60d0b28c6edafp-28};
};

// C e^-2a / (1 + e^-2a)^K for a >= 0, K = 1 or 2: the same rounded e^-2a in numerator and
// denominator (their errors cancel as a -> 0), the denominator exact (1 + s by Fast2Sum, s <= 1,
// and its square as double words), one division; C e^-2a from scaled_exp, rounded once even when
// subnormal.
template <int C, int K, class V>
inline double_word<V> exp_ratio(V a) noexcept {
  using S = activ::detail::scalar_t<V>;
  static_assert(C == 2 || C == 4, "c must be a power of two for s = cs / c to be exact");
  const V cs = scaled_exp(V(S(C)), V(-2) * a, V(0));
  const V s = cs * V(S(1) / S(C));
  const auto d = fast_two_sum(V(1), s);
  V hi = d.hi, lo = d.lo;
  if constexpr (K == 2) {
    const auto sq = two_square(d.hi);
    hi = sq.hi;
    lo = fmadd(V(2) * d.hi, d.lo, sq.lo);
  }
  return divide(double_word<V>{cs, V(0)}, double_word<V>{hi, lo});
}

// t = 1 - tanh(a) = 2 e^-2a / (1 + e^-2a) as a double word, for a >= 0.
template <class V>
inline double_word<V> one_minus_tanh(V a) noexcept {
  return exp_ratio<2, 1>(a);
}

// The sign bit of x put on y >= 0.
template <class V>
inline V with_sign_of(V y, V x) noexcept {
  using S = activ::detail::scalar_t<V>;
  return y | (x & V(S(-0.0)));
}
}  // namespace detail_tanh

namespace detail_tanh {
// tanh(a), a = |x|, as the exact sum hi + lo of its rounded parts, so that tanh rounds once and
// tanh^2 needs no second error. t = one_minus_tanh(a), which x_minus_tanh also takes.
template <class V>
inline double_word<V> tanh_parts(V a, const double_word<V>& t) noexcept {
  using K = k<activ::detail::scalar_t<V>>;
  const V z = a * a;
  const auto small = fast_two_sum(a, a * (z * estrin<4>(z, K::p)));
  auto large = fast_two_sum(V(1), -t.hi);
  large.lo = large.lo - t.lo;
  const auto is_small = a < V(K::poly_max);
  const auto one = a >= V(K::k_saturation);
  return {xsimd::select(one, V(1), xsimd::select(is_small, small.hi, large.hi)),
          xsimd::select(one, V(0), xsimd::select(is_small, small.lo, large.lo))};
}
template <class V>
inline double_word<V> tanh_parts(V a) noexcept {
  return tanh_parts(a, one_minus_tanh(a));
}
}  // namespace detail_tanh

template <class V>
inline V tanh(V x) noexcept {
  const auto t = detail_tanh::tanh_parts(xsimd::abs(x));
  return detail_tanh::with_sign_of(t.hi + t.lo, x);
}

// tanh(x)^2 (tanhshrink'), from the unrounded parts of tanh; below square_tiny, where the low
// part would underflow, x^2 (tanh(x)^2 to 2^-100). one_minus is 1 - tanh|x| (one_minus_tanh).
template <class V>
inline V tanh_squared(V x, const double_word<V>& one_minus) noexcept {
  using S = activ::detail::scalar_t<V>;
  const V a = xsimd::abs(x);
  const auto t = detail_tanh::tanh_parts(a, one_minus);
  const auto sq = two_square(t.hi);
  const V y = sq.hi + fmadd(V(2) * t.hi, t.lo, sq.lo);
  return xsimd::select(a < V(detail_tanh::k<S>::square_tiny), a * a, y);
}

// 1 - tanh|x| as a double word, which x_minus_tanh and tanh_squared share.
template <class V>
inline double_word<V> one_minus_tanh_abs(V x) noexcept {
  return detail_tanh::one_minus_tanh(xsimd::abs(x));
}

template <class V>
inline V tanh_squared(V x) noexcept {
  return tanh_squared(x, one_minus_tanh_abs(x));
}

template <class V>
inline V x_minus_tanh(V x, const double_word<V>& t) noexcept {
  using S = activ::detail::scalar_t<V>;
  using K = detail_tanh::k<S>;
  const V a = xsimd::abs(x);
  const auto is_tiny = a < V(K::shrink_tiny);
  const V b = a * xsimd::select(is_tiny, V(K::tiny_up), V(1));
  const auto z = two_square(b);  // b^2 = z.hi + z.lo
  // b^3 = c.hi + cube_lo: b * z.hi exactly, plus b * z.lo.
  const auto c = two_prod(b, z.hi);
  const V cube_lo = fmadd(b, z.lo, c.lo);
  // b^3 (1/3 + z Q(z - 1/2)) = c.hi * third_hi exactly, plus the small rest.
  const auto lead = two_prod(c.hi, V(K::third_hi));
  const V a2 = a * a;  // unscaled, for the polynomial
  const V tail = a2 * estrin<4>(a2 - V(S(0.5)), K::q);
  const V rest =
      lead.lo + (c.hi * V(K::third_lo) + cube_lo * V(K::third_hi)) + (c.hi + cube_lo) * tail;
  const V small = (lead.hi + rest) * xsimd::select(is_tiny, V(K::tiny_down), V(1));
  // (a - 1) + t rounded once (for a >= 2, where t < (a - 1) / 27, the plain sum is as good and
  // keeps inf).
  const auto sum = two_sum(a - V(1), t.hi);
  const V large = xsimd::select(a < V(2), sum.hi + (sum.lo + t.lo), (a - V(1)) + t.hi);
  const V y = xsimd::select(a < V(K::shrink_poly_max), small, large);
  return detail_tanh::with_sign_of(y, x);
}

template <class V>
inline V x_minus_tanh(V x) noexcept {
  return x_minus_tanh(x, one_minus_tanh_abs(x));
}

// tanh'(x) = 4 e^-2|x| / (1 + e^-2|x|)^2 (exp_ratio): no cancellation, accurate into the
// subnormals.
template <class V>
inline V tanh_derivative(V x) noexcept {
  const auto d = detail_tanh::exp_ratio<4, 2>(xsimd::abs(x));
  return d.hi + d.lo;
}

}  // namespace activ::math
