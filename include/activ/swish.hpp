// swish (beta) and silu (swish with beta = 1)
//
//   f(x)  = x sigmoid(b x),             b = beta
//   f'(x) = s + b x s (1 - s),          s = sigmoid(b x)
//   no derivative_from_output: f is not invertible (it has a minimum)
//
// Built on math::logistic_parts, which gives s as a double-word without
// cancellation; x s is then one fused multiply-add, rounded once (with FMA:
// 0.83 ulp measured in float; 1.20 on SSE2, where the two products round
// apart). Where s is 0 (b x below -150 in float, -1000 in double) the product
// x s would be inf * 0 at x = -inf: the result is then a zero with the sign
// of x, which is also what the finite product rounds to. In f' the term
// b x s (1 - s) is taken as 0 where s (1 - s) is 0, for the same reason.
//
// Fused (value_and_derivative, forward_with_derivative): f and f' from one
//   sigmoid core of b x, in float and double (silu likewise).
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
#include <utility>

#include "detail/simd.hpp"
#include "math/logistic.hpp"

namespace activ {
namespace detail {

// x sigmoid(z), z = b x, rounded once: sigmoid(z) as s_hi + s_lo (for
// z < 0 over scale, which is applied last, so that a subnormal result such
// as x = -100 is rounded once), x s_hi + x s_lo by one fused multiply-add
// (0.5 ulp plus the error of s; about one ulp more where there is no FMA).
// For z >= 0, s = 1 - sigmoid(-z) with the rounding of that difference kept
// in s_lo. Infinite x: x times the limit of sigmoid(z) (1 or 0); where
// sigmoid(z) is 0 (z below exp's range), a zero with the sign of x: never
// inf * 0.
template <class V>
inline V swish_value(const V& x, const V& z, const math::logistic_t<V>& l) {
  using S = detail::scalar_t<V>;
  const auto neg = z < V(0);
  const V one(1);
  const V n_hi = l.neg_hi * l.scale_near, n_lo = l.neg_lo * l.scale_near;  // exact
  const V p_hi = one - n_hi;
  const V p_lo = ((one - p_hi) - n_hi) - n_lo;  // Fast2Sum: 1 - n_hi - n_lo = p_hi + p_lo
  const V s_hi = xsimd::select(neg, l.neg_hi, p_hi);
  const V s_lo = xsimd::select(neg, l.neg_lo, p_lo);
  const V once = math::fmadd(x, s_hi, x * s_lo) * xsimd::select(neg, l.scale, one);
  const auto zero_s = s_hi == V(0);
  const V edge = xsimd::select(zero_s, x & V(S(-0.0)), x * s_hi);
  const auto inf = xsimd::abs(x) == V(std::numeric_limits<S>::infinity());
  return math::keep_nan(z, xsimd::select(zero_s | inf, edge, once));
}

template <class V>
inline V swish_derivative(const V& z, const math::logistic_t<V>& l) {
  const V pos = l.pos(), neg_m = l.neg_m();
  const V ds_m = pos * neg_m;  // s (1 - s) / scale, symmetric in z
  const V zds = xsimd::select(ds_m == V(0), V(0), z * ds_m);  // never inf * 0
  const V below = (neg_m + zds) * l.scale;
  const V above = pos + zds * l.scale_near;  // 0 where z s (1 - s) is far below an ulp of s
  return math::keep_nan(z, xsimd::select(z < V(0), below, above));
}

// f, f' or both (value_and_derivative) for x, from one sigmoid core of b x.
template <bool Value, bool Slope, class V>
inline auto swish_eval(V x, V beta) {
  const V z = beta * x;
  return math::logistic_parts(z, [&](const math::logistic_t<V>& l) {
    return pick<Value, Slope>([&] { return swish_value(x, z, l); },
                              [&] { return swish_derivative(z, l); });
  });
}

}  // namespace detail

struct swish {
  static constexpr std::string_view name = "swish";
  static constexpr ulp_bounds accuracy{1.5, 3.5, 1.5, 3};
  static constexpr bool interleave = true;  // one long chain per batch (apply.hpp)
  double beta = 1;

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [&](auto v) { return detail::swish_eval<1, 0>(v, splat_beta(v)); });
  }
  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [&](auto v) { return detail::swish_eval<0, 1>(v, splat_beta(v)); });
  }
  template <class T>
  std::pair<T, T> value_and_derivative(T x) const {  // the same bits as the two calls
    return detail::lift_pair(x, [&](auto v) { return detail::swish_eval<1, 1>(v, splat_beta(v)); });
  }

 private:
  template <class V>
  V splat_beta(const V&) const {
    return detail::splat<V>(beta);
  }
};

struct silu {
  static constexpr std::string_view name = "silu";
  static constexpr ulp_bounds accuracy = swish::accuracy;
  static constexpr bool interleave = true;  // one long chain per batch (apply.hpp)

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) { return detail::swish_eval<1, 0>(v, decltype(v)(1)); });
  }
  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) { return detail::swish_eval<0, 1>(v, decltype(v)(1)); });
  }
  template <class T>
  std::pair<T, T> value_and_derivative(T x) const {
    return detail::lift_pair(x, [](auto v) { return detail::swish_eval<1, 1>(v, decltype(v)(1)); });
  }
};

}  // namespace activ
