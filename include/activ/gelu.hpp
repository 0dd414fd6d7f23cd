// gelu (Gaussian error linear unit, exact erf form)
//
//   f(x)  = x Phi(x) = x/2 (1 + erf(x/sqrt 2)) = x/2 erfc(-x/sqrt 2)
//   f'(x) = Phi(x) + x phi(x),   phi(x) = e^(-x^2/2) / sqrt(2 pi)
//
// Not gelu_tanh: the two GELU forms are different functions (they differ
// by up to 4.7e-4); PyTorch's GELU(approximate='none') is this one.
// Phi is computed from its own tables (math/erf.hpp), never as 1 + erf(x)
// (which cancels for x < 0) and never from a rounded x/sqrt 2 (a relative
// error of 2^-24 in the argument is 2 x^2 2^-24 in Phi(x) far left):
//   |x| < 0.7:  x (1/2 + x (c0 + x^2 E(x^2)))
//   x <= -0.7:  (x r(|x|)) e^(-x^2/2), r = e^(x^2/2) Phi(-|x|) a polynomial in
//               |x| / (|x| + 4) over 1 + |x|; x^2 split exactly, x folded into
//               the exponential's last rounding (so the subnormal results near
//               x = -38 (double) or -14 (float) are still within the bound)
//   x >= 0.7:   x (1 - r(x) e^(-x^2/2))
// f' shares that exponential: e^(-x^2/2) (r - |x|/sqrt(2 pi)) for x <= -0.7,
// which crosses 0 near x = -0.7518; the accuracy of f' is measured in ulps of
// |Phi(x)| + |x phi(x)| there (README, "Accuracy").
//
// Edges: f(-inf) = -0 (PyTorch gives NaN), f(+inf) = +inf, f(-0) = -0;
//        f'(-inf) = -0 (f' < 0 left of -0.75), f'(+inf) = 1, f'(+-0) = 0.5;
//        NaN in, NaN out.
// Accuracy (ulp, whole range, see `accuracy`): tests/elementwise.cpp, g++ 12
//   and clang 14 -O2 at SSE2 and AVX2+FMA, float and double.
// Reference: Hendrycks & Gimpel, arXiv:1606.08415; PyTorch torch.nn.GELU.
#pragma once

#include <string_view>

#include "detail/simd.hpp"
#include "math/erf.hpp"

namespace activ {

struct gelu {
  static constexpr std::string_view name = "gelu";
  static constexpr ulp_bounds accuracy{2, 4, 2, 4};

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) { return xsimd::select(xsimd::isnan(v), v, math::x_normal_cdf(v)); });
  }

  template <class T>
  T derivative(T x) const {
    // NaN: x itself. Which NaN an operation passes on depends on operand order,
    // which the compiler may commute differently in the scalar and array paths.
    return detail::lift(x, [](auto v) { return xsimd::select(xsimd::isnan(v), v, math::normal_cdf_plus_x_pdf(v)); });
  }
};

}  // namespace activ
