// The pieces the piecewise-linear activations share: the leaky line (leaky_relu, prelu, rrelu),
// the clamp and its step (hardtanh, relu6), and the parameter checks behind their validate().
#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <string_view>

#include "error.hpp"
#include "simd.hpp"

namespace activ::detail {

// x for x > 0, slope * x otherwise (one rounding; slope rounded once to the
// element type). At x = -inf the limit: -inf * sign(slope), or -0 when
// the slope is 0 (never 0 * inf = NaN). NaN passes through.
template <class V>
inline V leaky(V x, double slope) noexcept {
  using S = scalar_t<V>;
  const S a = static_cast<S>(slope);
  const S at_minus_inf = a == 0 ? S(-0.0) : -std::numeric_limits<S>::infinity() * a;
  const V negative =
      xsimd::select(x < V(std::numeric_limits<S>::lowest()), V(at_minus_inf), V(a) * x);
  return xsimd::select(x > V(0), x, negative);
}

// 1 for x > 0, slope for x <= 0, NaN for NaN.
template <class V>
inline V leaky_step(V x, double slope) noexcept {
  using S = scalar_t<V>;
  return xsimd::select(x > V(0), V(1), xsimd::select(x <= V(0), V(static_cast<S>(slope)), x));
}

// lo for x <= lo, hi for x >= hi, x between (lo <= hi). NaN passes through;
// clamp(-0, 0, 6) is +0.
template <class V>
inline V clamp(V x, V lo, V hi) noexcept {
  return xsimd::select(x <= lo, lo, xsimd::select(x >= hi, hi, x));
}

// 1 on the open interval (lo, hi), 0 outside it and at its ends, NaN for NaN.
template <class V>
inline V inside(V x, V lo, V hi) noexcept {
  const auto in = (x > lo) & (x < hi);  // false for NaN
  return xsimd::select(in, V(1), xsimd::select(xsimd::isnan(x), x, V(0)));
}

// 1 where |x| > lambda, 0 on the closed band [-lambda, lambda], NaN for NaN.
template <class V>
inline V outside_band(V x, V lambda) noexcept {
  const V a = xsimd::abs(x);
  return xsimd::select(a > lambda, V(1), xsimd::select(a <= lambda, V(0), x));
}

// 1 where y != 0, 0 where y == 0, NaN for NaN (the shrink derivatives from their output).
template <class V>
inline V nonzero(V y) noexcept {
  return xsimd::select(y == V(0), V(0), xsimd::select(y == y, V(1), y));
}

// validate() helpers: report "activ::<name>: <what>" (detail/error.hpp).
[[noreturn]] inline void bad_parameter(std::string_view name, std::string_view what) {
  raise("activ::" + std::string(name) + ": " + std::string(what));
}

inline void require_finite(std::string_view name, std::string_view param, double v) {
  if (!std::isfinite(v)) bad_parameter(name, std::string(param) + " must be finite");
}

inline void require_not_nan(std::string_view name, std::string_view param, double v) {
  if (std::isnan(v)) bad_parameter(name, std::string(param) + " must not be NaN");
}

}  // namespace activ::detail
