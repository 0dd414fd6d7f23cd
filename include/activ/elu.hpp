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
// PyTorch's float kernel gives 0). double: e^x - 1 for x <= 0
// (math::expm1_nonpositive_parts) kept as a double-word and multiplied by
// alpha (a double-word constant) with one rounding at the end; alpha e^x likewise from exp_split's hi + lo. For alpha < 0 the negative
// branch is positive and y no longer tells the branches apart:
// derivative_from_output_valid() is false and backward_from_output refuses.
//
// Edges (alpha = 1): f(-inf) = -alpha, f(+inf) = +inf, f(-0) = -0;
//   f'(-inf) = +0, f'(+inf) = 1, f'(-0) = alpha; NaN in, NaN out.
// Accuracy (`accuracy`, ulp over the whole line, subnormal results included;
//   tests/elementwise.cpp, ulp-space sweep of 8M points per sign against long
//   double, g++ 12 and clang++ 14 at SSE2 and AVX2+FMA, alpha = 1, 0.2, 2.5):
//   measured float 0.51 forward, 0.50 derivative; double 0.70, 0.74 (full sweep,
//   AVX-512, alpha = 1: 0.77, 0.81). from_output: y + alpha is within
//   1.5 ulp of f'(x) for x >= -1; below, y -> -alpha cancels and y's own
//   rounding remains: 2^-24 absolute (float), 2^-53 (double), alpha = 1.
// Reference: Clevert et al., "Fast and Accurate Deep Network Learning by
//   Exponential Linear Units (ELUs)", 2015; PyTorch torch.nn.ELU.
#pragma once

#include <string_view>

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

  double alpha = 1;

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [&](auto v) {
      using V = decltype(v);
      const auto a = math::make_dword<detail::scalar_t<V>>(alpha);
      V y;
      if constexpr (detail::is_float_batch<V>)
        y = detail::in_double(v, [&](auto d) { return decltype(d)(alpha) * math::wide::expm1(d); });
      else
        y = math::dw::mul_round(math::expm1_nonpositive_parts(v), a);
      return xsimd::select((v > V(0)) | xsimd::isnan(v), v, xsimd::select(v == V(0), v * V(a.hi), y));
    });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [&](auto v) {
      using V = decltype(v);
      V d;
      if constexpr (detail::is_float_batch<V>) {
        d = detail::in_double(v, [&](auto w) { return decltype(w)(alpha) * math::wide::exp(w); });
      } else {
        const auto a = math::make_dword<detail::scalar_t<V>>(alpha);
        const math::exp_split_t<V> e = math::exp_split(v, V(0));
        d = (math::dw::round(math::dw::mul(math::double_word<V>{e.hi, e.lo}, a)) * e.scale1) * e.scale2;
      }
      return xsimd::select(v > V(0), V(1), xsimd::select(xsimd::isnan(v), v, d));
    });
  }

  template <class T>
  T derivative_from_output(T y) const {
    return detail::lift(y, [&](auto v) {
      using V = decltype(v);
      return xsimd::select(v > V(0), V(1), v + detail::splat<V>(alpha));
    });
  }

  bool derivative_from_output_valid() const { return alpha >= 0; }
};

}  // namespace activ
