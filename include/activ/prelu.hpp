// prelu (parametric rectified linear unit, one shared slope)
//   f(x)  = x for x > 0, alpha x for x <= 0;  f'(x) = 1 for x > 0, alpha for x <= 0
//   f'(y) = 1 for y > 0, alpha for y <= 0      (derivative_from_output, valid for alpha >= 0)
// leaky_relu's formula and bound (detail::leaky_form) with alpha = 0.25 (PyTorch's PReLU init),
// finite; exact for 0.25 except for subnormal results. The per-channel form, with the slope
// gradient, is activ::prelu_channels.
// Edges: f(-inf) = -inf (+inf for alpha < 0, -0 for alpha = 0), f(+inf) = +inf, f(-0) = -0;
//   f'(-inf) = alpha, f'(+inf) = 1; NaN in, NaN out.
// Reference: PyTorch torch.nn.PReLU (num_parameters = 1); He et al. 2015.
#pragma once

#include <string_view>

#include "leaky_relu.hpp"

namespace activ {

struct prelu : detail::leaky_form<prelu> {
  static constexpr std::string_view name = "prelu";
  static constexpr double default_alpha = 0.25;
};

}  // namespace activ
