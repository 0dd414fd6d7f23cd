// swish (beta) and silu (swish with beta = 1)
//
//   f(x)  = x sigmoid(b x),             b = beta
//   f'(x) = s + b x s (1 - s),          s = sigmoid(b x)
//   no derivative_from_output: f is not invertible (it has a minimum)
//
// Built on math::logistic_parts, which gives s and 1 - s without
// cancellation. Where s is 0 (b x below about -104 in float) the product
// x s would be inf * 0 at x = -inf: the result is then a zero with the sign
// of x, which is also what the finite product rounds to. In f' the term
// b x s (1 - s) is taken as 0 where s (1 - s) is 0, for the same reason.
//
// Edges (beta = 1): f(-inf) = -0 (PyTorch: NaN), f(+inf) = +inf,
//   f(-0) = -0; f'(-inf) = 0 (PyTorch: NaN), f'(+inf) = 1;
//   NaN in, NaN out (forward and derivative).
// Accuracy (see `accuracy`): f' crosses zero near x = -1.2785; there it
//   is measured in ulps of |s| + |b x s (1 - s)| (README, Accuracy).
//   The bounds hold for beta = 1 and for beta a power of two (b x exact);
//   any other beta adds the rounding of b x, a relative error of up to
//   |b x| 2^-24 (float) or |b x| 2^-53 (double) in s for b x << 0.
// Reference: Ramachandran et al. 2017 (arXiv:1710.05941); PyTorch SiLU.
#pragma once

#include <limits>
#include <string_view>

#include "detail/simd.hpp"
#include "math/logistic.hpp"

namespace activ {
namespace detail {

// x sigmoid(z), z = b x, rounded once: sigmoid as hi + lo (logistic_low),
// x times its hi part exact (two_prod), the sum rounded last. For z < 0 the
// product is formed on sigmoid(z) / scale and scaled last, so a subnormal
// result (x = -100) is rounded once. Zero or infinite x: the plain product
// (which keeps the sign of zero), or a zero with the sign of x where
// sigmoid(z) is 0 (never inf * 0).
template <class V>
inline V swish_value(V x, V beta) {
  const V z = beta * x;
  const auto l = math::logistic_parts(z);
  const auto neg = z < V(0);
  const V one(1);
  const V s_hi = xsimd::select(neg, l.neg_m, l.pos);
  const V s_lo = xsimd::select(neg, math::logistic_low(l.neg_m, l.m_hi, l.m_lo, l),
                               math::logistic_low(l.pos, one, V(0), l));
  const auto p = math::two_prod(x, s_hi);
  const V once = (p.hi + (p.lo + x * xsimd::select(s_hi == V(0), V(0), s_lo))) *
                 xsimd::select(neg, l.scale, one);
  const V plain = xsimd::select((l.neg_m == V(0)) & neg, xsimd::copysign(V(0), x), x * l.pos);
  const V a = xsimd::abs(x);
  return xsimd::select((a < V(std::numeric_limits<detail::scalar_t<V>>::infinity())) & (a > V(0)) &
                           (s_hi != V(0)),
                       once, plain);
}

template <class V>
inline V swish_derivative(V x, V beta) {
  const V z = beta * x;
  const auto l = math::logistic_parts(z);
  const V ds_m = l.pos * l.neg_m;  // s (1 - s) / scale, symmetric in z
  const V zds = xsimd::select(ds_m == V(0), V(0), z * ds_m);  // never inf * 0
  const V below = (l.neg_m + zds) * l.scale;
  const V above = l.pos + zds * l.scale;
  return xsimd::select(z < V(0), below, above);
}

}  // namespace detail

struct swish {
  static constexpr std::string_view name = "swish";
  static constexpr ulp_bounds accuracy{1.5, 3.5, 1.5, 3};
  double beta = 1;

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [&](auto v) { return detail::swish_value(v, detail::splat<decltype(v)>(beta)); });
  }
  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [&](auto v) {
      return detail::swish_derivative(v, detail::splat<decltype(v)>(beta));
    });
  }
};

struct silu {
  static constexpr std::string_view name = "silu";
  static constexpr ulp_bounds accuracy = swish::accuracy;

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) { return detail::swish_value(v, decltype(v)(1)); });
  }
  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) { return detail::swish_derivative(v, decltype(v)(1)); });
  }
};

}  // namespace activ
