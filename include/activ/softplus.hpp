// softplus
//   f(x)  = log(1 + e^(beta x)) / beta,  or x where beta x > threshold
//   f'(x) = sigmoid(beta x),             or 1 where beta x > threshold
// Parameters: beta = 1, threshold = 20 (PyTorch's defaults); the switch tests beta x rounded to
//   the element type, for f and f' alike: PyTorch's definition, which the tests use, not an
//   approximation (above it f = x, within e^-threshold / beta of log(1 + e^(beta x)) / beta).
//   validate() rejects beta = 0, inf or NaN and a NaN threshold; a negative beta works as the
//   formula says.
// Method: f = max(x, 0) + log1p(t) / beta, f' = 1/(1 + t) (beta x >= 0) or t/(1 + t),
//   t = e^-|beta x|: never overflows (PyTorch's log1p(exp(beta x)) does for beta x > 88 when the
//   threshold is raised). float in double; double with beta x and t as double-words, so that
//   neither rounding reaches log1p or the quotients, and log1p(t) / beta added to max(x, 0) with
//   one rounding. Fused: f and f' share t.
// Edges (defaults): f(-inf) = +0, f(+inf) = +inf, f(-0) = log 2; f'(-inf) = +0, f'(+inf) = 1,
//   f'(-0) = 0.5; NaN in, NaN out.
// Bound: `accuracy` ulp over the whole float and double lines. No derivative_from_output:
//   1 - e^(-beta y) holds only below the threshold.
// Reference: Dugas et al. 2001; PyTorch torch.nn.Softplus.
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

  static constexpr auto parameters() {
    return std::array{parameter<&softplus::beta>("beta"),
                      parameter<&softplus::threshold>("threshold")};
  }

  void validate() const {
    if (beta == 0 || !std::isfinite(beta))
      detail::bad_parameter(name, "beta must be finite and not 0");
    detail::require_not_nan(name, "threshold", threshold);
  }

  ACTIV_CALLS_FROM_EVAL()

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
      // t = e^-|beta x| (bx | -0 is -|bx|). NaN lanes are returned as they came, whatever max
      // makes of them.
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

  // Below t = k_tiny, log1p(t) / beta is t / beta to 2^-57 relative: formed from e^-|beta x|
  // before its scale factors, a subnormal result rounds once (double path).
  static constexpr double k_tiny = 0x1p-56;

  template <class V>
  struct parts_t {
    V bx;                    // beta x rounded: PyTorch's switch
    math::double_word<V> t;  // e^-|beta x| as hi + lo
    V m_hi, m_lo;            // exp_split's hi + lo: t = (m_hi + m_lo) * scale1 * scale2
    V scale1, scale2;
    // (exp_split's parts as members, not its struct: GCC 12 copies a nested struct through
    // memory.)
  };

  // Unit: beta == 1: the exact products by beta and 1/beta are skipped (the same bits).
  template <bool Unit = false, class V>
  parts_t<V> parts(const V& v) const {
    math::double_word<V> bx{v, V(0)};
    if constexpr (!Unit) bx = math::dw::mul(v, math::make_dword<detail::scalar_t<V>>(beta));
    const auto neg = bx.hi < V(0);
    const math::exp_split_t<V> e =
        math::exp_split(xsimd::select(neg, bx.hi, -bx.hi), xsimd::select(neg, bx.lo, -bx.lo));
    return {bx.hi,    {(e.hi * e.scale1) * e.scale2, (e.lo * e.scale1) * e.scale2},
            e.hi,     e.lo,
            e.scale1, e.scale2};
  }

  template <bool Unit, class V>
  V forward_f64(const V& v, const parts_t<V>& p) const {
    const auto& [bx, t, m_hi, m_lo, scale1, scale2] = p;
    math::double_word<V> l = math::log1p_finite_parts(t.hi, t.lo);
    math::double_word<V> tb{m_hi, m_lo};  // t / beta before t's scale factors
    if constexpr (!Unit) {
      const math::dword_const<detail::scalar_t<V>> ib =
          math::make_reciprocal<detail::scalar_t<V>>(beta);
      l = math::dw::mul(l, ib);
      tb = math::dw::mul(tb, ib);
    }
    const math::double_word<V> y = math::dw::two_sum(xsimd::select(bx > V(0), v, V(0)), l.hi);
    // Far left, t / beta formed before t's scale factors (see k_tiny).
    const V tiny = (math::dw::round(tb) * scale1) * scale2;
    return xsimd::select((bx <= V(0)) & (t.hi < V(k_tiny)), tiny,
                         math::dw::round(math::double_word<V>{y.hi, y.lo + l.lo}));
  }

  // The double derivative: 1/(1+t) and t/(1+t) from t's hi + lo, as math::logistic_parts forms
  // them.
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
