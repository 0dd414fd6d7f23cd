// elu (exponential linear unit)
//
//   f(x)  = x                    for x > 0
//         = alpha (e^x - 1)      for x <= 0
//   f'(x) = 1 for x > 0, alpha e^x for x <= 0   (f'(0) = alpha, as PyTorch)
//   f'(y) = 1 for y > 0, y + alpha for y <= 0   (derivative_from_output;
//                                                only for alpha >= 0)
// Parameter: alpha = 1 (PyTorch's default).
//
// float: alpha expm1(x) and alpha e^x evaluated in double (math/wide.hpp:
// short kernels to 2^-31 relative, no cancellation near 0) and rounded to
// float once, so within 0.5 ulp + 2^-7 (f(-1e-30) = -1e-30 alpha, where
// PyTorch's float kernel gives 0). double: e^x - 1 and e^x for x <= 0 from
// one reduction and one polynomial (math::expm1_exp_nonpositive), each kept
// as a double-word and multiplied by alpha (a double-word constant) with one
// rounding at the end; for alpha = 1 that product is exact and skipped (the
// same bits, 20-35% less time on AVX2). For alpha < 0 the negative
// branch is positive and y no longer tells the branches apart:
// derivative_from_output_valid() is false and backward_from_output refuses.
//
// Fused (value_and_derivative, forward_with_derivative): in float f and f'
//   share one reduction of e^x (wide::exp_parts), in double one reduction
//   and one polynomial (math::expm1_exp_nonpositive).
// Edges (alpha = 1): f(-inf) = -alpha, f(+inf) = +inf, f(-0) = -0;
//   f'(-inf) = +0, f'(+inf) = 1, f'(-0) = alpha; NaN in, NaN out.
// Accuracy (`accuracy`, ulp over the whole line, subnormal results included;
//   tests/elementwise.cpp, ulp-space sweep of 8M points per sign against long
//   double, g++ 12 and clang++ 14 at SSE2 and AVX2+FMA, alpha = 1, 0.2, 2.5):
//   measured float 0.51 forward, 0.50 derivative; double 0.70, 0.58 (full sweep,
//   AVX-512, alpha = 1: 0.77, 0.58). from_output: y + alpha is within
//   1.5 ulp of f'(x) for x >= -1; below, y -> -alpha cancels and y's own
//   rounding remains: 2^-24 absolute (float), 2^-53 (double), alpha = 1.
// Reference: Clevert et al., "Fast and Accurate Deep Network Learning by
//   Exponential Linear Units (ELUs)", 2015; PyTorch torch.nn.ELU.
#pragma once

#include <string_view>
#include <utility>

#include "detail/simd.hpp"
#include "detail/widen.hpp"
#include "math/dword.hpp"
#include "math/exp.hpp"
#include "math/expm1.hpp"
#include "math/wide.hpp"

namespace activ {

struct elu {
  static constexpr std::string_view name = "elu";
  static constexpr ulp_bounds accuracy{1, 1.25, 1, 1.25};
  // No `interleave`: interleaved batches measured up to 1.16x the time (apply.hpp).

  double alpha = 1;

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [&](auto v) { return eval<1, 0>(v); });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [&](auto v) { return eval<0, 1>(v); });
  }

  // {f(x), f'(x)} from one reduction of e^x: the same bits as the two calls.
  template <class T>
  std::pair<T, T> value_and_derivative(T x) const {
    return detail::lift_pair(x, [&](auto v) { return eval<1, 1>(v); });
  }

  template <class T>
  T derivative_from_output(T y) const {
    return detail::lift(y, [&](auto v) {
      using V = decltype(v);
      return xsimd::select(v > V(0), V(1), v + detail::splat<V>(alpha));
    });
  }

  bool derivative_from_output_valid() const { return alpha >= 0; }

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    using S = detail::scalar_t<V>;
    const auto a = math::make_dword<S>(alpha);
    const auto value = [&](const V& y) {
      return xsimd::select((v > V(0)) | xsimd::isnan(v), v, xsimd::select(v == V(0), v * V(a.hi), y));
    };
    const auto slope = [&](const V& d) {
      return xsimd::select(v > V(0), V(1), xsimd::select(xsimd::isnan(v), v, d));
    };
    if constexpr (detail::is_float_batch<V>) {
      const auto r = detail::in_double(v, [&](auto d) {
        using D = decltype(d);
        const auto e = math::wide::exp_parts(d);
        return detail::pick<Value, Slope>([&] { return D(alpha) * math::wide::expm1_of(e); },
                                          [&] { return D(alpha) * math::wide::exp_of(e); });
      });
      return detail::each<Value, Slope>(r, value, slope);
    } else {
      // Unit: alpha == 1, where the products by alpha are exact and skipped
      // (the same bits).
      const auto both = [&](auto unit) {
        constexpr bool Unit = decltype(unit)::value;
        const math::expm1_exp_t<V> e = math::expm1_exp_nonpositive(v, V(0));
        return detail::pick<Value, Slope>(
            [&] { return Unit ? e.em1.hi + e.em1.lo : math::dw::mul_round(e.em1, a); },
            [&] {
              const V er = Unit ? e.er.hi + e.er.lo : math::dw::round(math::dw::mul(e.er, a));
              return (er * e.scale1) * e.scale2;
            });
      };
      const auto r = detail::if_one(alpha, both);
      return detail::each<Value, Slope>(r, value, slope);
    }
  }
};

}  // namespace activ
