// celu (continuously differentiable exponential linear unit)
//   f(x)  = max(0, x) + min(0, alpha (e^(x/alpha) - 1))    (any alpha != 0)
//   f'(x) = 1 for x > 0, e^(x/alpha) for x <= 0      (f'(0) = 1)
//   f'(y) = 1 for y > 0, y/alpha + 1 for y <= 0      (derivative_from_output)
// Parameter: alpha = 1 (PyTorch's default); validate() rejects 0, inf and NaN.
// Method: as elu on z = x/alpha. float in double (math/wide.hpp; z to 2^-52 moves e^z by at most
//   2^-45 at |z| = 100); double with z as a double-word, as a rounded z would put |z| 2^-53 of
//   relative error into e^z: math::expm1_exp_nonpositive for alpha > 0, the whole-line
//   expm1_parts and exp_split for alpha < 0 (z >= 0 where x <= 0). Fused: f and f' share the
//   reduction of e^z (double, alpha < 0: two kernels).
// Edges (alpha = 1): f(-inf) = -1, f(+inf) = +inf, f(-0) = -0; f'(-inf) = +0, f'(+inf) = 1,
//   f'(-0) = 1; NaN in, NaN out.
// Bound: `accuracy` ulp over the whole float and double lines; from_output 1.5 ulp for x >= -1,
//   below that 2^-24 (float) / 2^-53 (double) absolute (y/alpha + 1 cancels), alpha = 1.
// Reference: Barron 2017, arXiv:1704.07483; PyTorch torch.nn.CELU.
#pragma once

#include <cmath>
#include <string_view>
#include <utility>

#include "detail/piecewise.hpp"
#include "detail/widen.hpp"
#include "functor.hpp"
#include "math/dword.hpp"
#include "math/expm1.hpp"
#include "math/wide.hpp"

namespace activ {

struct celu {
  static constexpr std::string_view name = "celu";
  static constexpr ulp_bounds accuracy{1, 1.25, 1, 1.25};
  // No `interleave`: its chain is short; interleaving batches does not pay here.

  double alpha = 1;

  static constexpr auto parameters() { return std::array{parameter<&celu::alpha>("alpha")}; }

  // Below |x/alpha| = k_linear, x/(2 alpha) is under 2^-27 (float) or 2^-56 (double) relative:
  // celu(x) rounds to x, which is returned (x/alpha may be subnormal, with fewer bits than x).
  template <class S>
  static constexpr double k_linear = sizeof(S) == 4 ? 0x1p-26 : 0x1p-55;

  void validate() const {
    if (alpha == 0) detail::bad_parameter(name, "alpha must not be 0");
    detail::require_finite(name, "alpha", alpha);
  }

  ACTIV_CALLS_FROM_EVAL()

  template <class T>
  T derivative_from_output(T y) const {
    return on_batch(y, [&](auto v) {
      using V = decltype(v);
      return xsimd::select(v > V(0), V(1), v / detail::splat<V>(alpha) + V(1));
    });
  }

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    using S = detail::scalar_t<V>;
    const auto value = [&](const V& y) {
      const V linear = detail::splat<V>(std::fabs(alpha) * k_linear<S>);
      return xsimd::select((v > V(0)) | (xsimd::abs(v) < linear) | xsimd::isnan(v), v, y);
    };
    const auto slope = [&](const V& d) {
      return xsimd::select(v > V(0), V(1), xsimd::select(xsimd::isnan(v), v, d));
    };
    if constexpr (detail::is_float_batch<V>) {
      const auto r = detail::in_double(v, [&](auto d) {
        using D = decltype(d);
        const auto e = math::wide::exp_parts(d * D(1 / alpha));
        return detail::pick<Value, Slope>([&] { return D(alpha) * math::wide::expm1_of(e); },
                                          [&] { return math::wide::exp_of(e); });
      });
      return detail::each<Value, Slope>(r, value, slope);
    } else {
      const auto z = [&] { return math::dw::mul(v, math::make_reciprocal<S>(alpha)); };  // x/alpha
      const auto a = math::make_dword<S>(alpha);
      if (alpha > 0) {  // z <= 0 where x <= 0: e^z - 1 and e^z from one kernel
        // Unit: alpha == 1: z = x and the product by alpha are exact and skipped.
        const auto both = [&](auto unit) {
          constexpr bool Unit = decltype(unit)::value;
          const math::double_word<V> x_a = Unit ? math::double_word<V>{v, V(0)} : z();
          const math::expm1_exp_t<V> e = math::expm1_exp_nonpositive(x_a.hi, x_a.lo);
          return detail::pick<Value, Slope>(
              [&] { return Unit ? e.em1.hi + e.em1.lo : math::dw::mul_round(e.em1, a); },
              [&] { return ((e.er.hi + e.er.lo) * e.scale1) * e.scale2; });
        };
        const auto r = detail::if_one(alpha, both);
        return detail::each<Value, Slope>(r, value, slope);
      }
      // alpha < 0: z >= 0 where x <= 0, the whole line's kernels
      const math::double_word<V> x_a = z();
      const auto r = detail::pick<Value, Slope>(
          [&] { return math::dw::mul_round(math::expm1_parts(x_a.hi, x_a.lo), a); },
          [&] {
            const math::exp_split_t<V> e = math::exp_split(x_a.hi, x_a.lo);
            return ((e.hi + e.lo) * e.scale1) * e.scale2;
          });
      return detail::each<Value, Slope>(r, value, slope);
    }
  }
};

}  // namespace activ
