// activ::math::wide, tanh family: the double kernels of the float tanh and tanhshrink
// (math/wide.hpp), on a = |x| >= 0 (or NaN); the callers restore the sign bit of the odd ones.
// tanh(a) = E / (E + 2), E = e^2a - 1 = wide::expm1(2a): one division, E's relative error scaled
//   by 2 / (E + 2) <= 1; relative to a near 0; exactly 1 from a = 350 on (E = e^700).
// tanh'(a) = 4t / (1 + t)^2 = 4 (E + 1) / (E + 2)^2, t = e^-2a, from the same E: no cancellation,
//   E's relative error scaled by 2 / (E + 2) - 1 / (E + 1), below 1 in magnitude; +0 from
//   a = 177 on, where (E + 2)^2 overflows, as float's f' is (below 2^-500).
// a - tanh(a): a^3 P(a^2) for a < 9/16, P of degree 6, relative minimax
//   (scripts/coefficients/wide_tanh.sollya: Sollya fpminimax), error 2^-34.4; from 9/16 on the
//   plain difference, whose relative error is tanh's times tanh / (a - tanh) (<= 9.7, at 9/16).
//   Infinite a gives inf - 1 = inf.
#pragma once

#include "wide.hpp"

// Calls within are qualified (wide::exp): unqualified, argument-dependent
// lookup would prefer xsimd::exp and friends for a batch.

namespace activ::math::wide {

namespace detail_wide_tanh {
// (a - tanh a) / a^3 = P(a^2) for a < k_shrink_poly_max (9/16), degree 6.
inline constexpr double k_shrink_poly_max = 0.5625;
inline constexpr double k_shrink_p[] = {
    0x1.5555555513e0cp-2, -0x1.11111072704dfp-3, 0x1.ba1b2387a7966p-5, -0x1.663c55914e615p-6,
    0x1.210fd015c2217p-7, -0x1.bc57296d7cd3fp-9, 0x1.f132a11ed1b84p-11};
}  // namespace detail_wide_tanh

// E = e^2a - 1, 0 <= a <= 350, and tanh(a), tanh'(a) from it.
template <class D>
inline D tanh_e(const D& a) noexcept {
  return wide::expm1_in_range(a + a);
}
template <class D>
inline D tanh_of(const D& e) noexcept {
  return e / (e + D(2));
}
template <class D>
inline D tanh_derivative_of(const D& e) noexcept {
  const D q = e + D(2);
  return (D(4) * (e + D(1))) / (q * q);
}

// tanh(a), 0 <= a <= 350.
template <class D>
inline D tanh(const D& a) noexcept {
  return tanh_of(tanh_e(a));
}

// tanh(a) for a >= 0 (clamped to 350 first).
template <class D>
inline D tanh_clamped(const D& a) noexcept {
  return wide::tanh(detail::compat::clamp_above(a, D(350)));
}

// a - tanh(a), a >= 0, t = tanh_clamped(a) (tanhshrink's f' is t^2).
template <class D>
inline D x_minus_tanh(const D& a, const D& t) noexcept {
  using detail_wide_tanh::k_shrink_p;
  const D z = a * a;
  D p(k_shrink_p[6]);
  for (int i = 5; i >= 0; --i) p = fmadd(p, z, D(k_shrink_p[i]));
  const D small = (a * z) * p;
  return xsimd::select(a < D(detail_wide_tanh::k_shrink_poly_max), small, a - t);
}

}  // namespace activ::math::wide
