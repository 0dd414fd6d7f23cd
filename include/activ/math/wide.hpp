// activ::math::wide: the kernels of the float activations, evaluated in double. A float
// activation evaluated in double with relative error e and rounded to float once
// (detail::in_double) is within 0.5 + e 2^24 ulp of the exact value, subnormal results included
// (every float result is a normal double). So these kernels need e of about 2^-32, not 2^-53:
// short Taylor polynomials, a one-constant reduction, no double-word arithmetic, no subnormal
// path, several times fewer operations than exp.hpp / expm1.hpp, which the double activations
// keep.
// exp: x = n ln2 + r, n = round(x / ln2) by the shifter 1.5 * 2^52, r = x - n ln2 with one
// constant (|n| <= 1010: n ln2 rounds by less than 2^-43 absolute); 2^n from bits. expm1:
// 2^n (1 + s) - 1 = 2^n s + (2^n - 1), one rounding (2^n s exact, 2^n - 1 exact for |n| <= 53 and
// harmless beyond), s itself for n = 0: no cancellation near 0. For n = -1 the sum is >= 0.29
// against terms <= 0.5, so its rounding grows at most 1.7 times.
#pragma once

#include "../detail/simd.hpp"

namespace activ::math::wide {

using detail::compat::fmadd;
using detail::compat::fnmadd;

// e^r - 1 for |r| <= ln2/2, to 2^-31.7 relative (Taylor, degree 8).
template <class D>
inline D expm1_reduced(const D& r) noexcept {
  D p(1.0 / 40320);
  p = fmadd(p, r, D(1.0 / 5040));
  p = fmadd(p, r, D(1.0 / 720));
  p = fmadd(p, r, D(1.0 / 120));
  p = fmadd(p, r, D(1.0 / 24));
  p = fmadd(p, r, D(1.0 / 6));
  p = fmadd(p, r, D(0.5));
  return fmadd(p, r * r, r);
}

// x = n ln2 + r: returns e^r - 1 and 2^n.
template <class D>
struct exp_parts_t {
  D s, scale;
};

// For x in [-700, 700] or NaN (see clamp_exp_argument).
template <class D>
inline exp_parts_t<D> exp_parts_in_range(const D& x) noexcept {
  using I = xsimd::batch<std::int64_t, typename D::arch_type>;
  using detail::compat::bit_cast;
  const D shifter(0x1.8p52);
  const D kn = fmadd(x, D(0x1.71547652b82fep+0), shifter);  // n in the low bits
  const D n = kn - shifter;
  const D r = fnmadd(n, D(0x1.62e42fefa39efp-1), x);
  // (n + 1023) << 52: the shifter's bits 0x4338000000000000 leave n + 2^51 + 2^52.
  const I e = (bit_cast<std::int64_t>(kn) - I(0x4338000000000000 - 1023)) << 52;
  return {expm1_reduced(r), bit_cast<double>(e)};
}

// x clamped to [-700, 700], where e^x and 2^n are normal doubles (NaN kept).
template <class D>
inline D clamp_exp_argument(const D& x) noexcept {
  return detail::compat::clamp(x, D(-700), D(700));
}

// e^x and e^x - 1 from the parts of x.
template <class D>
inline D exp_of(const exp_parts_t<D>& p) noexcept {
  return fmadd(p.s, p.scale, p.scale);
}
template <class D>
inline D expm1_of(const exp_parts_t<D>& p) noexcept {
  return fmadd(p.s, p.scale, p.scale - D(1));
}

// The parts of x clamped to [-700, 700]: e^x and e^x - 1 from one reduction (elu's f and f').
template <class D>
inline exp_parts_t<D> exp_parts(const D& x) noexcept {
  return exp_parts_in_range(clamp_exp_argument(x));
}

// e^x and e^x - 1 for x in [-700, 700] or NaN (callers that bound x in
// float, once per float batch, skip the clamp).
template <class D>
inline D exp_in_range(const D& x) noexcept {
  return exp_of(exp_parts_in_range(x));
}
template <class D>
inline D expm1_in_range(const D& x) noexcept {
  return expm1_of(exp_parts_in_range(x));
}

// e^x, x clamped to [-700, 700].
template <class D>
inline D exp(const D& x) noexcept {
  return exp_of(exp_parts(x));
}

// e^x - 1, relative to the result (also near 0), x clamped to [-700, 700].
template <class D>
inline D expm1(const D& x) noexcept {
  return expm1_of(exp_parts(x));
}

}  // namespace activ::math::wide
