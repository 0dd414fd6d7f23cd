// softshrink
//
//   f(x)  = x - lambda for x > lambda, x + lambda for x < -lambda, 0 on the
//           closed band [-lambda, lambda]
//   f'(x) = 1 for |x| > lambda, 0 on the band
//   f'(y) = 1 for y != 0, 0 for y == 0          (derivative_from_output)
//
// Parameter: lambda = 0.5 (PyTorch's lambd), lambda >= 0 (PyTorch's check),
// rounded once to the element type. The band gives x * 0 (as PyTorch): a
// zero with the sign of x, softshrink being odd, and NaN for NaN.
//
// Edges: f(-inf) = -inf, f(+inf) = +inf, f(-0) = -0; f'(+-inf) = 1,
//        f'(+-lambda) = 0; NaN in, NaN out.
// Accuracy: x -+ lambda is one subtraction, correctly rounded (0.5 ulp; exact
//   unless |x| >= 2^24 lambda in float, 2^53 lambda in double); derivative exact.
// Reference: PyTorch torch.nn.Softshrink.
#pragma once

#include <string_view>

#include "detail/piecewise.hpp"

namespace activ {

struct softshrink {
  static constexpr std::string_view name = "softshrink";
  static constexpr ulp_bounds accuracy{0.5, 0, 0.5, 0};

  double lambda = 0.5;

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [&](auto v) {
      using V = decltype(v);
      const V l = detail::splat<V>(lambda);
      return xsimd::select(v > l, v - l, xsimd::select(v < -l, v + l, v * V(0)));
    });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [&](auto v) {
      using V = decltype(v);
      return detail::outside_band(v, detail::splat<V>(lambda));
    });
  }

  template <class T>
  T derivative_from_output(T y) const {
    return detail::lift(y, [](auto v) { return detail::nonzero(v); });
  }

  void validate() const {
    if (!(lambda >= 0)) detail::bad_parameter(name, "lambda must be >= 0");
  }
};

}  // namespace activ
