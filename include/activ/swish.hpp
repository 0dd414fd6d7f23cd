// swish (beta) and silu (swish with beta = 1)
//   f(x)  = x sigmoid(b x),             b = beta
//   f'(x) = s + b x s (1 - s),          s = sigmoid(b x)
//   no derivative_from_output: f is not invertible (it has a minimum)
// Parameter: beta = 1 (silu: none).
// Method: x s rounded once from math::logistic_parts' double-word s, never
//   inf * 0 (detail::swish_value); in f' the term b x s (1 - s) is 0 where s (1 - s) is, for the
//   same reason. Fused: f and f' from one sigmoid core of b x.
// Edges (beta = 1): f(-inf) = -0 (PyTorch: NaN), f(+inf) = +inf, f(-0) = -0;
//   f'(-inf) = 0 (PyTorch: NaN), f'(+inf) = 1; NaN in, NaN out.
// Bound: `accuracy` ulp over the whole float and double lines, for beta = 1 and beta a power of
//   two (b x exact); any other beta adds the rounding of b x, up to |b x| 2^-24 (float) / 2^-53
//   (double) relative in s for b x << 0. f' crosses zero near x = -1.2785, where it is measured
//   in ulps of |s| + |b x s (1 - s)|.
// Reference: Ramachandran et al. 2017, arXiv:1710.05941; PyTorch SiLU.
// Fast tier (fast_eval): float, one e^-|b x| and one division per f; bound 4 / 8 ulp
// (fast.hpp), for beta = 1 and powers of two as the accurate tier.
#pragma once

#include <limits>
#include <string_view>
#include <utility>

#include "functor.hpp"
#include "math/fast.hpp"
#include "math/logistic.hpp"

namespace activ {
namespace detail {

// x sigmoid(z), z = b x, rounded once: sigmoid(z) as s_hi + s_lo (for z < 0 over scale, applied
// last, so that a subnormal result such as x = -100 rounds once; for z >= 0, 1 - sigmoid(-z) with
// that difference's rounding in s_lo), x s_hi + x s_lo by one fused multiply-add (0.5 ulp plus
// the error of s; about one ulp more without FMA). Infinite x: x times the limit of sigmoid(z);
// where sigmoid(z) is 0 (z below exp's range), a zero with the sign of x: never inf * 0.
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
  const V ds_m = pos * neg_m;                                 // s (1 - s) / scale, symmetric in z
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

// The fast tier of swish (float): z = b x, t = e^-|z| (math::fast, held as t 2^64),
// d = 1 + t. For z < 0, q = t 2^64 / d and g = t 2^64 / d^2 (sigmoid and sigmoid'
// scaled by 2^64, so that they stay normal), m = 2^-64; for z >= 0, q = 1 / d,
// g = t / d^2, m = 1. f = x q m (x m q where |x| > 2^32: no overflow), f' = (q + z g) m;
// q = 0 gives the zero of x's sign and g = 0 no z g term (never inf * 0); NaN gives x.
template <bool Value, bool Slope, class V>
inline auto swish_fast(const V& x, const V& beta) {
  namespace mf = math::fast;
  const V z = beta * x;
  const auto e = mf::exp_neg(z | V(-0.f));
  const auto neg = z < V(0);
  const V t = xsimd::select(z < V(-130.f), V(0), e.ts);  // x t is no longer negligible
  const V d = math::fmadd(t, V(mf::scale_down), V(1));
  const V m = xsimd::select(neg, V(mf::scale_down), V(1));
  const V q = xsimd::select(neg, t, V(1)) / d;
  const auto nan = xsimd::isnan(x);
  return pick<Value, Slope>(
      [&] {
        const V xq = xsimd::select(xsimd::abs(x) > V(0x1p32f), (x * m) * q, (x * q) * m);
        return xsimd::select(nan, x, xsimd::select(q == V(0), x & V(-0.f), xq));
      },
      [&] {
        const V g = xsimd::select(neg, t, t * V(mf::scale_down)) / (d * d);
        return xsimd::select(nan, x, (q + xsimd::select(g == V(0), V(0), z * g)) * m);
      });
}

}  // namespace detail

struct swish {
  static constexpr std::string_view name = "swish";
  static constexpr ulp_bounds accuracy{1.5, 3.5, 1.5, 3};
  static constexpr bool interleave = true;  // one long chain per batch (apply.hpp)

  double beta = 1;

  static constexpr auto parameters() { return std::array{parameter<&swish::beta>("beta")}; }

  ACTIV_CALLS_FROM_EVAL()

  template <bool Value, bool Slope, class V>
  auto fast_eval(const V& v) const {
    return detail::swish_fast<Value, Slope>(v, detail::splat<V>(beta));
  }

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    return detail::swish_eval<Value, Slope>(v, detail::splat<V>(beta));
  }
};

struct silu {
  static constexpr std::string_view name = "silu";
  static constexpr ulp_bounds accuracy = swish::accuracy;
  static constexpr bool interleave = true;  // one long chain per batch (apply.hpp)

  ACTIV_CALLS_FROM_EVAL()

  template <bool Value, bool Slope, class V>
  static auto fast_eval(const V& v) {
    return detail::swish_fast<Value, Slope>(v, V(1));
  }

 private:
  template <bool Value, bool Slope, class V>
  static auto eval(const V& v) {
    return detail::swish_eval<Value, Slope>(v, V(1));
  }
};

}  // namespace activ
