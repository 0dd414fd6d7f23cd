// softshrink
//   f(x)  = x - lambda for x > lambda, x + lambda for x < -lambda, 0 on the band [-lambda, lambda]
//   f'(x) = 1 for |x| > lambda, 0 on the band
//   f'(y) = 1 for y != 0, 0 for y == 0          (derivative_from_output)
// Parameter: lambda = 0.5 (PyTorch's lambd), >= 0, rounded once to the element type. The band
//   gives x * 0 (as PyTorch): a zero with the sign of x, NaN for NaN.
// Edges: f(+-inf) = +-inf, f(-0) = -0; f'(+-inf) = 1, f'(+-lambda) = 0; NaN in, NaN out.
// Bound: `accuracy`: x -+ lambda is one subtraction, correctly rounded (exact unless |x| >= 2^24
//   lambda in float, 2^53 lambda in double); f' exact. Reference: PyTorch torch.nn.Softshrink.
#pragma once

#include <string_view>

#include "hardshrink.hpp"

namespace activ {

struct softshrink : detail::shrink_form<softshrink> {
  static constexpr std::string_view name = "softshrink";
  static constexpr ulp_bounds accuracy{0.5, 0, 0.5, 0};

  template <class V>
  static V shrink(const V& v, const V& l) {
    return xsimd::select(v > l, v - l, xsimd::select(v < -l, v + l, v * V(0)));
  }
};

}  // namespace activ
