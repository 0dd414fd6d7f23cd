// activ::math::wide::normal_tail: e^(-a^2/2) and R(a) = e^(a^2/2) Phi(-a), so that
// Phi(-a) = e^(-a^2/2) R(a), in double, for the float gelu (math/wide.hpp). R(a) = p(v),
// v = a / (a + 5), p of degree 12, relative minimax over all of 0 <= a <= normal_tail_clamp
// (scripts/coefficients/wide_phi.sollya: fpminimax, double coefficients), error 2^-34.2, by
// Horner's scheme. R falls from 1/2 to 0.027 and is smooth in v up to v = 1: one polynomial
// replaces a series near 0 and tail pieces, and Phi(-a) is a product, relative on the whole
// half-line (for x > 0, 1 - Phi(-x) is then good to 2^-53 absolute). a^2/2 is exact (a is
// a float), so e^(-a^2/2) has wide::exp's 2^-31.7. v without a double division: 1 / (a + 5)
// seeded in float (reciprocal_seed: one float division per float batch, 2^-23), refined by one
// Newton step in double, y0 + y0 (1 - (a + 5) y0), to about 2^-46.
#pragma once

#include "../detail/simd.hpp"
#include "wide.hpp"

namespace activ::math::wide {

// a = min(|x|, 14.5625), e = e^(-a^2/2), r = e^(a^2/2) Phi(-a).
template <class D>
struct normal_tail_t {
  D a, e, r;
};

inline constexpr float normal_tail_clamp = 14.5625f;  // float gelu and gelu' are -0 below -this

// 1 / (min(|x|, clamp) + 5) in float, for the float lanes of x: normal_tail's seed.
template <class F>
inline F reciprocal_seed(const F& x) noexcept {
  return F(1) / (detail::compat::clamp_above(xsimd::abs(x), F(normal_tail_clamp)) + F(5));
}

// x: a float lane in double; y0: reciprocal_seed of it, widened.
template <class D>
inline normal_tail_t<D> normal_tail(const D& x, const D& y0) noexcept {
  const D a = detail::compat::clamp_above(xsimd::abs(x), D(normal_tail_clamp));  // NaN kept
  const D den = a + D(5);  // exact: a has 24 significant bits
  const D v = a * fmadd(y0, fnmadd(den, y0, D(1)), y0);
  D p(0x1.582513eb6909bp-6);
  p = fmadd(p, v, D(-0x1.0be010902d3e4p-3));
  p = fmadd(p, v, D(0x1.3e36e0245892ep-2));
  p = fmadd(p, v, D(-0x1.0d839686e475cp-2));
  p = fmadd(p, v, D(-0x1.a8c86b9bff973p-3));
  p = fmadd(p, v, D(0x1.a43a268d0f7f1p-2));
  p = fmadd(p, v, D(0x1.b8db9f5c99102p-1));
  p = fmadd(p, v, D(-0x1.cc321245b4ecep1));
  p = fmadd(p, v, D(0x1.7cd0c24ba05ebp2));
  p = fmadd(p, v, D(-0x1.878239ff88fbep2));
  p = fmadd(p, v, D(0x1.1056a8af0d886p2));
  p = fmadd(p, v, D(-0x1.fea56836c800fp0));
  p = fmadd(p, v, D(0x1.0000000038beep-1));
  // -a^2/2 >= -106 needs no clamp; qualified: not xsimd::exp by ADL
  return {a, wide::exp_in_range(a * a * D(-0.5)), p};
}

}  // namespace activ::math::wide
