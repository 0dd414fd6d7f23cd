// The fast tier's pieces for float batches (activ::fast, fast.hpp): e^a for
// a <= 0, and e^a - 1.
//
// Method: math::exp's reduction a = n ln2 + r, |r| <= ln2/2, and its degree-6
// polynomial for e^r - 1 (scripts/coefficients/exp.sollya), but one scale
// factor instead of two and no double-word parts. The factor is 2^(n + 64),
// normal for every n >= -190, so ts = e^a 2^64 keeps full precision where e^a
// itself is subnormal, or far below (a product with |a| is then still exact
// to its sign); callers multiply by 2^-64 last, which rounds a
// subnormal result once. Bound: ts within 0.6 ulp of e^a 2^64, and
// em1 = s (1 + p) - 1 within 1 ulp of e^a - 1.
// Edges: a < -130 (-inf included) is taken as -130: ts = e^-130 2^64, s = 0,
// em1 = -1, so that a result built as a product with 2^-64 last rounds to 0
// (a caller multiplying by a large x flushes those lanes itself). A NaN lane
// gives unspecified values: callers restore NaN with a select.
#pragma once

#include <cstdint>
#include <type_traits>

#include "../detail/compat.hpp"
#include "../detail/simd.hpp"
#include "exp.hpp"

namespace activ::math::fast {

inline constexpr float scale_up = 0x1p64f;     // 2^64
inline constexpr float scale_down = 0x1p-64f;  // 2^-64

template <class V>
struct exp_neg_t {
  V p;   // e^r - 1
  V s;   // 2^n, exact down to 2^-149 (0 below)
  V ts;  // e^a 2^64
};

template <class V>
inline exp_neg_t<V> exp_neg(const V& a) noexcept {
  static_assert(detail::is_float_batch<V>, "activ::math::fast::exp_neg takes float batches");
  using K = detail_exp::k<float>;
  using detail::compat::bit_cast;
  // n + 127 + 64 in the low bits of kn, so that kn's bits shifted left by 23 are
  // those of 2^(n + 64): the shifter's own bits leave at the top.
  const V shifter(K::shifter + float(K::bias + 64));
  const V ac = xsimd::max(a, V(-130.f));               // a NaN lane is the caller's to restore
  const V kn = fmadd(ac, V(0x1.715476p+0f), shifter);  // a log2(e) + shifter
  const V n = kn - shifter;
  const V r = fnmadd(n, V(K::ln2_lo), fnmadd(n, V(K::ln2_hi), ac));
  const V p = detail_exp::exp_poly(r);
  const V s64 = bit_cast<float>(bit_cast<std::int32_t>(kn) << K::mantissa_bits);  // 2^(n + 64)
  return {p, s64 * V(scale_down), fmadd(p, s64, s64)};
}

// e^a - 1 from exp_neg's pieces: s p + (s - 1), s - 1 exact.
template <class V>
inline V expm1_of(const exp_neg_t<V>& e) noexcept {
  return fmadd(e.s, e.p, e.s - V(1));
}

}  // namespace activ::math::fast
