// hardshrink
//
//   f(x)  = x for |x| > lambda, 0 on the closed band [-lambda, lambda]
//   f'(x) = 1 for |x| > lambda, 0 on the band
//   f'(y) = 1 for y != 0, 0 for y == 0          (derivative_from_output)
//
// Parameter: lambda = 0.5 (PyTorch's lambd), lambda >= 0, rounded once to the
// element type. The band gives x * 0, a zero with the sign of x: hardshrink
// is odd, so hardshrink(-0) = -0 (PyTorch returns +0 on the band).
//
// Edges: f(-inf) = -inf, f(+inf) = +inf, f(-0) = -0, f(-0.25) = -0;
//        f'(+-inf) = 1, f'(+-lambda) = 0; NaN in, NaN out.
// Accuracy: exact (0 ulp) in float and double, forward and derivative.
// Reference: PyTorch torch.nn.Hardshrink.
#pragma once

#include <string_view>

#include "detail/piecewise.hpp"

namespace activ {

struct hardshrink {
  static constexpr std::string_view name = "hardshrink";
  static constexpr ulp_bounds accuracy{0, 0, 0, 0};

  double lambda = 0.5;

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [&](auto v) {
      using V = decltype(v);
      return xsimd::select(xsimd::abs(v) <= detail::splat<V>(lambda), v * V(0), v);
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
