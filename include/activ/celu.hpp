// celu (continuously differentiable exponential linear unit)
//
//   f(x)  = max(0, x) + min(0, alpha (e^(x/alpha) - 1))
//         = x for x > 0, alpha (e^(x/alpha) - 1) for x <= 0 (any alpha != 0)
//   f'(x) = 1 for x > 0, e^(x/alpha) for x <= 0      (f'(0) = 1)
//   f'(y) = 1 for y > 0, y/alpha + 1 for y <= 0      (derivative_from_output)
// Parameter: alpha = 1 (PyTorch's default); validate() rejects alpha = 0,
// infinite or NaN (std::invalid_argument).
//
// float: alpha expm1(x (1/alpha)) and e^(x (1/alpha)) evaluated in double
// (math/wide.hpp; x/alpha to 2^-52, so even at |x/alpha| = 100 it moves
// e^(x/alpha) by 2^-45) and rounded to float once. double: x/alpha is
// carried as a double-word (x times 1/alpha as hi + lo, see math/dword.hpp):
// rounded it would put |x/alpha| 2^-53 of relative error into e^(x/alpha),
// many ulp at the bottom of the range when alpha is not a power of 2; e^z - 1
// and e^z come from one reduction, math::expm1_exp_nonpositive (z <= 0 for
// alpha > 0; the whole-line expm1_parts and exp_split for alpha < 0), e^z - 1
// kept as hi + lo and multiplied by alpha with one rounding; for alpha = 1,
// x/alpha and that product are exact and skipped (the same bits, 25-45% less
// time on AVX2). Below |x| =
// |alpha| 2^-26 (float) or 2^-55 (double) the result is x itself (x/alpha
// could be subnormal there, with fewer bits than x).
//
// Fused (value_and_derivative, forward_with_derivative): in float f and f'
//   share one reduction of e^(x/alpha); double (alpha > 0) one reduction and
//   one polynomial, alpha < 0 two kernels.
// Edges (alpha = 1): f(-inf) = -alpha, f(+inf) = +inf, f(-0) = -0;
//   f'(-inf) = +0, f'(+inf) = 1, f'(-0) = 1; NaN in, NaN out.
// Accuracy (`accuracy`, ulp over the whole line, subnormal results included;
//   tests/elementwise.cpp, ulp-space sweep of 8M points per sign against long
//   double, g++ 12 and clang++ 14 at SSE2 and AVX2+FMA, alpha = 1, 0.2, 3,
//   -1.5): measured float 0.51 forward, 0.50 derivative; double 0.70, 0.63 (full
//   sweep, AVX-512, alpha = 1: 0.77, 0.58). from_output: within 1.5 ulp
//   of f'(x) for x >= -1; below, y/alpha + 1 cancels and y's own rounding
//   remains: 2^-24 absolute (float), 2^-53 (double), alpha = 1.
// Reference: Barron, "Continuously Differentiable Exponential Linear Units",
//   2017; PyTorch torch.nn.CELU.
#pragma once

#include <cmath>
#include <string_view>
#include <utility>

#include "detail/piecewise.hpp"
#include "detail/simd.hpp"
#include "detail/widen.hpp"
#include "math/dword.hpp"
#include "math/expm1.hpp"
#include "math/wide.hpp"

namespace activ {

struct celu {
  static constexpr std::string_view name = "celu";
  static constexpr ulp_bounds accuracy{1, 1.25, 1, 1.25};
  // No `interleave`: interleaved batches measured up to 1.27x the time (apply.hpp).

  double alpha = 1;

  // |x/alpha| below which x/(2 alpha) is under 2^-27 (float) or 2^-56
  // (double) relative: celu(x) rounds to x.
  template <class S>
  static constexpr double k_linear = sizeof(S) == 4 ? 0x1p-26 : 0x1p-55;

  void validate() const {
    if (alpha == 0) detail::bad_parameter(name, "alpha must not be 0");
    detail::require_finite(name, "alpha", alpha);
  }

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [&](auto v) { return eval<1, 0>(v); });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [&](auto v) { return eval<0, 1>(v); });
  }

  // {f(x), f'(x)} from one reduction of e^(x/alpha) (double with alpha < 0:
  // two kernels): the same bits as the two calls.
  template <class T>
  std::pair<T, T> value_and_derivative(T x) const {
    return detail::lift_pair(x, [&](auto v) { return eval<1, 1>(v); });
  }

  template <class T>
  T derivative_from_output(T y) const {
    return detail::lift(y, [&](auto v) {
      using V = decltype(v);
      return xsimd::select(v > V(0), V(1), v / detail::splat<V>(alpha) + V(1));
    });
  }

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    using S = detail::scalar_t<V>;
    // Near 0, alpha expm1(x/alpha) = x (1 + x/(2 alpha) + ...) rounds to x (and
    // x/alpha may be subnormal, holding fewer bits than x).
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
        // Unit: alpha == 1, where z = x and the product by alpha is exact;
        // both are skipped (the same bits).
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
