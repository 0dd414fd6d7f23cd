// activ::math::wide::log1p: log(1 + t) for t in [0, 1], in double, for the float softplus and
// logsigmoid (t = e^-|x|; math/wide.hpp). log1p(t) = t p(t), p of degree 11, relative minimax of
// log1p(t) / t on [0, 1] with c0 = 1 (scripts/coefficients/wide_log1p.sollya: fpminimax, double
// coefficients), by Horner's scheme; p(0) = 1 keeps t p(t) relative down to the smallest t. No
// reduction: halving 1 + t into [sqrt2/2, sqrt2] leaves the singularity at -1 three half-widths
// from the centre, as for [0, 1], so the degree would not drop; the forms that do shorten it need
// a division (s = t / (2 + t)) or a table.
#pragma once

#include "../detail/simd.hpp"
#include "wide.hpp"

namespace activ::math::wide {

// log(1 + t) for t in [0, 1], to 2^-32.9 relative.
template <class D>
inline D log1p(const D& t) noexcept {
  D p(-0x1.548f6a0bcaa19p-10);
  p = fmadd(p, t, D(0x1.2d14847bf2735p-7));
  p = fmadd(p, t, D(-0x1.f2c5d60e77facp-6));
  p = fmadd(p, t, D(0x1.07c409bd619adp-4));
  p = fmadd(p, t, D(-0x1.a02134724abb3p-4));
  p = fmadd(p, t, D(0x1.13660d9c1a09ep-3));
  p = fmadd(p, t, D(-0x1.511e577ae90c1p-3));
  p = fmadd(p, t, D(0x1.98ee1d3e20ce2p-3));
  p = fmadd(p, t, D(-0x1.ffefd52e0ecd9p-3));
  p = fmadd(p, t, D(0x1.5554f26dfdb94p-2));
  p = fmadd(p, t, D(-0x1.fffffe54827ebp-2));
  return fmadd(p * t, t, t);
}

// sigmoid(|z|) = 1 / (1 + t) where `upper`, sigmoid(-|z|) = t / (1 + t)
// elsewhere, from t = e^-|z| <= 1 (softplus' and logsigmoid' from their
// forward's t): one division of an exact numerator, t's error carried 1:1.
template <class D, class M>
inline D logistic_from(const D& t, const M& upper) noexcept {
  return xsimd::select(upper, D(1), t) / (D(1) + t);
}

}  // namespace activ::math::wide
