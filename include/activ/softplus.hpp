// softplus
//
//   f(x)  = log(1 + e^(beta x)) / beta,  or x where beta x > threshold
//   f'(x) = sigmoid(beta x),             or 1 where beta x > threshold
// Parameters: beta = 1, threshold = 20 (PyTorch's defaults). As in PyTorch the
// switch tests the input, beta x rounded to the element type, for forward and
// derivative alike. validate() rejects beta = 0, infinite or NaN and a NaN
// threshold (std::invalid_argument); a negative beta works as the formula says.
//
// Stable form, never overflowing (PyTorch's log1p(exp(beta x)) overflows
// for beta x > 88 when the threshold is raised; this does not):
//   f(x) = max(x, 0) + log1p(e^-|beta x|) / beta     (max(x, 0): x where beta x > 0)
//   f'(x) = 1 / (1 + t) where beta x >= 0, t / (1 + t) below, t = e^-|beta x|
// float (math/wide.hpp): in double, rounded once to float: t =
// wide::exp(-|beta x|), (max(beta x, 0) + wide::log1p(t)) / beta (log1p:
// math/wide_log.hpp, degree 11, 2^-32.9 relative); beta x and 1/beta round
// to double (2^-53, |beta x| 2^-53 relative in t). f' from the same t as
// above (wide::logistic_from: one division; t >= e^-700, the clamp of
// wide::exp, where f' rounds to 0 in float).
// double: beta x is carried as a double-word (math/dword.hpp) and t as
// exp_split's hi + lo, so neither the rounding of beta x (|beta x| 2^-53
// relative in t) nor that of e^-|beta x| reaches log1p or the quotients;
// log1p(t) is kept as hi + lo, multiplied by 1/beta (a double-word constant)
// and added to max(x, 0) with one rounding at the end. For beta = 1 both
// products are exact and skipped (the same bits, 13% less time). Where t < 2^-56 and
// beta x <= 0, f = t / beta is formed before t's scale factors, so that
// subnormal results round once.
// The threshold is PyTorch's definition, not an approximation: above it f is
// x, which in double differs from log(1 + e^(beta x)) / beta by up to
// e^-threshold / beta (2e-9 at the defaults, about 10^5 ulp of x = 20); the
// tests measure against the same definition. Just below it the result is
// x + 2e-9 / beta, within the bound like everything else.
//
// Fused (value_and_derivative, forward_with_derivative): f and f' share
//   e^-|beta x| (float: f' = sigmoid(beta x) from it, one division; double:
//   the parts).
// Edges (defaults): f(-inf) = +0, f(+inf) = +inf, f(-0) = log 2;
//   f'(-inf) = +0, f'(+inf) = 1, f'(-0) = 0.5; NaN in, NaN out.
// Accuracy (`accuracy`, ulp over the whole line, subnormal results included;
//   tests/elementwise.cpp, ulp-space sweep of 8M points per sign against long
//   double, g++ 12 and clang++ 14 at SSE2 and AVX2+FMA, beta = 1, 2, 0.7 with
//   threshold 10, and -0.5): measured float 0.502 forward, 0.502
//   derivative; double 0.75 forward, 1.13 derivative.
// No derivative_from_output: 1 - e^(-beta y) holds only below the threshold.
// Reference: Dugas et al., "Incorporating Second-Order Functional Knowledge
//   for Better Option Pricing", 2001; PyTorch torch.nn.Softplus.
#pragma once

#include <cmath>
#include <string_view>
#include <utility>

#include "detail/piecewise.hpp"
#include "detail/simd.hpp"
#include "detail/widen.hpp"
#include "math/dword.hpp"
#include "math/exp.hpp"
#include "math/log1p.hpp"
#include "math/wide.hpp"
#include "math/wide_log.hpp"

namespace activ {

struct softplus {
  static constexpr std::string_view name = "softplus";
  static constexpr ulp_bounds accuracy{1, 1.5, 1, 1.5};
  static constexpr bool interleave = true;  // one long chain per batch (apply.hpp)

  double beta = 1;
  double threshold = 20;

  void validate() const {
    if (beta == 0 || !std::isfinite(beta))
      detail::bad_parameter(name, "beta must be finite and not 0");
    detail::require_not_nan(name, "threshold", threshold);
  }

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [&](auto v) { return eval<1, 0>(v); });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [&](auto v) { return eval<0, 1>(v); });
  }

  // {f(x), f'(x)} from one e^-|beta x|: the same bits as the two calls.
  template <class T>
  std::pair<T, T> value_and_derivative(T x) const {
    return detail::lift_pair(x, [&](auto v) { return eval<1, 1>(v); });
  }

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    using S = detail::scalar_t<V>;
    const auto above = v * detail::splat<V>(beta) > V(S(threshold));  // f = x, f' = 1
    const auto value = [&](const V& y) { return xsimd::select(above | xsimd::isnan(v), v, y); };
    const auto slope = [&](const V& d) {
      return xsimd::select(above, V(1), xsimd::select(xsimd::isnan(v), v, d));
    };
    if constexpr (detail::is_float_batch<V>) {
      // In double, rounded once, with t = e^-|beta x| (bx | -0 is -|bx|):
      // f = (max(beta x, 0) + log1p(t)) / beta, f' = sigmoid(beta x). NaN
      // lanes are returned as they came, whatever max makes of them.
      const auto r = detail::in_double(v, [&](auto d) {
        using D = decltype(d);
        const D bx = d * D(beta);
        const D t = math::wide::exp(bx | D(-0.0));
        return detail::pick<Value, Slope>(
            [&] { return (xsimd::max(bx, D(0)) + math::wide::log1p(t)) * D(1 / beta); },
            [&] { return math::wide::logistic_from(t, bx >= D(0)); });
      });
      return detail::each<Value, Slope>(r, value, slope);
    } else {
      const auto both = [&](auto unit) {
        constexpr bool Unit = decltype(unit)::value;
        const parts_t<V> p = parts<Unit>(v);
        return detail::pick<Value, Slope>([&] { return forward_f64<Unit>(v, p); },
                                          [&] { return derivative_f64(p); });
      };
      const auto r = detail::if_one(beta, both);
      return detail::each<Value, Slope>(r, value, slope);
    }
  }

  // Below t = k_tiny, log1p(t) / beta = (t / beta)(1 - t/2 + ...) is t / beta
  // to 2^-57 relative; formed from e^-|beta x| before its scale factors, a
  // subnormal result rounds once (double path).
  static constexpr double k_tiny = 0x1p-56;

  template <class V>
  struct parts_t {
    V bx;                     // beta x rounded: PyTorch's switch
    math::double_word<V> t;   // e^-|beta x| as hi + lo
    V m_hi, m_lo;             // exp_split's hi + lo: t = (m_hi + m_lo) * scale1 * scale2
    V scale1, scale2;
    // (exp_split's four batches as members, not its struct: GCC 12 copies a
    // struct nested in this one through memory and general registers: 10-20%
    // of the double kernel's time on AVX2.)
  };

  // Unit: beta == 1, where beta x is x and t / beta is t; the products by
  // beta and 1/beta are skipped, which changes no bit (they are exact).
  template <bool Unit = false, class V>
  parts_t<V> parts(const V& v) const {
    math::double_word<V> bx{v, V(0)};
    if constexpr (!Unit) bx = math::dw::mul(v, math::make_dword<detail::scalar_t<V>>(beta));
    const auto neg = bx.hi < V(0);
    const math::exp_split_t<V> e =
        math::exp_split(xsimd::select(neg, bx.hi, -bx.hi), xsimd::select(neg, bx.lo, -bx.lo));
    return {bx.hi, {(e.hi * e.scale1) * e.scale2, (e.lo * e.scale1) * e.scale2},
            e.hi, e.lo, e.scale1, e.scale2};
  }

  // The double forward: max(x, 0) + log1p(t) / beta, rounded once.
  template <bool Unit, class V>
  V forward_f64(const V& v, const parts_t<V>& p) const {
    const auto& [bx, t, m_hi, m_lo, scale1, scale2] = p;
    math::double_word<V> l = math::log1p_finite_parts(t.hi, t.lo);
    math::double_word<V> tb{m_hi, m_lo};  // t / beta before t's scale factors
    if constexpr (!Unit) {
      const math::dword_const<detail::scalar_t<V>> ib = math::make_reciprocal<detail::scalar_t<V>>(beta);
      l = math::dw::mul(l, ib);
      tb = math::dw::mul(tb, ib);
    }
    const math::double_word<V> y = math::dw::two_sum(xsimd::select(bx > V(0), v, V(0)), l.hi);
    // Far left, t / beta formed before t's scale factors (see k_tiny).
    const V tiny = (math::dw::round(tb) * scale1) * scale2;
    return xsimd::select((bx <= V(0)) & (t.hi < V(k_tiny)), tiny,
                         math::dw::round(math::double_word<V>{y.hi, y.lo + l.lo}));
  }

  // The double derivative: 1/(1+t) and t/(1+t) as math::logistic_parts forms
  // them, from t's hi + lo.
  template <class V>
  static V derivative_f64(const parts_t<V>& p) {
    const V one(1);
    const V u_hi = one + p.t.hi;
    const V u_lo = ((one - u_hi) + p.t.hi) + p.t.lo;
    const V q1 = one / u_hi;
    const V q = p.t.hi / u_hi;
    return xsimd::select(p.bx < V(0), q + (p.t.lo - q * u_lo) * q1, q1 - (q1 * q1) * u_lo);
  }
};

}  // namespace activ
