// prelu (parametric rectified linear unit, one shared slope)
//
//   f(x)  = x for x > 0, alpha x for x <= 0
//   f'(x) = 1 for x > 0, alpha for x <= 0          (f'(0) = alpha, as PyTorch)
//   f'(y) = 1 for y > 0, alpha for y <= 0          (derivative_from_output,
//                                                   valid for alpha >= 0)
//
// The formula is leaky_relu's (detail::leaky); only the default differs.
// Parameter: alpha = 0.25 (PyTorch's PReLU init), finite, rounded once to the
// element type. The per-channel form, with the gradient with respect to the
// slopes (sum of dy * x over x <= 0), is activ::prelu_channels (row-wise).
//
// Edges: f(-inf) = -inf (+inf for alpha < 0, -0 for alpha = 0), f(+inf) =
//        +inf, f(-0) = -0; f'(-inf) = alpha, f'(+inf) = 1; NaN in, NaN out.
// Accuracy: as leaky_relu: alpha x is one multiplication, correctly rounded
//   (0.5 ulp; exact for alpha = 0.25 except for subnormal results); in float
//   a non-float-exact alpha adds its own rounding (forward 1, derivative 0.5).
// Reference: PyTorch torch.nn.PReLU (num_parameters = 1); He et al., "Delving
//   deep into rectifiers" (2015).
#pragma once

#include <string_view>

#include "detail/piecewise.hpp"

namespace activ {

struct prelu {
  static constexpr std::string_view name = "prelu";
  static constexpr ulp_bounds accuracy{1, 0.5, 0.5, 0};

  double alpha = 0.25;

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
