// leaky_relu (leaky rectified linear unit)
//
//   f(x)  = x for x > 0, alpha x for x <= 0
//   f'(x) = 1 for x > 0, alpha for x <= 0          (f'(0) = alpha, as PyTorch)
//   f'(y) = 1 for y > 0, alpha for y <= 0          (derivative_from_output,
//                                                   valid for alpha >= 0)
//
// Parameter: alpha = 0.01 (PyTorch's negative_slope), finite. It is rounded
// once to the element type, as PyTorch does, and alpha x is then a single
// multiplication: correctly rounded for that alpha.
//
// Edges: f(-inf) = -inf (+inf for alpha < 0, -0 for alpha = 0: the limit,
//        never 0 * inf), f(+inf) = +inf, f(-0) = -0, f(+0) = +0;
//        f'(-inf) = alpha, f'(+inf) = 1, f'(+-0) = alpha; NaN in, NaN out.
// Accuracy (ulp against long double with the double alpha): double is
//   correctly rounded (0.5; derivative exact). In float the rounding of alpha
//   itself adds up to 0.5 ulp: forward within 1 (0.84 measured for 0.01),
//   derivative 0.5 (0.24); float-exact alphas (0.25) are correctly rounded.
//   The same bits with and without FMA, gcc and clang.
// Reference: PyTorch torch.nn.LeakyReLU; Maas, Hannun, Ng, "Rectifier
//   nonlinearities improve neural network acoustic models" (2013).
#pragma once

#include <string_view>

#include "detail/piecewise.hpp"

namespace activ {

struct leaky_relu {
  static constexpr std::string_view name = "leaky_relu";
  static constexpr ulp_bounds accuracy{1, 0.5, 0.5, 0};

  double alpha = 0.01;

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [&](auto v) { return detail::leaky(v, alpha); });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [&](auto v) { return detail::leaky_step(v, alpha); });
  }

  template <class T>
  T derivative_from_output(T y) const {
    return detail::lift(y, [&](auto v) { return detail::leaky_step(v, alpha); });
  }
  bool derivative_from_output_valid() const { return alpha >= 0; }

  void validate() const { detail::require_finite(name, "alpha", alpha); }
};

}  // namespace activ
