// sign
//
//   f(x)  = -1 for x < 0, +1 for x > 0, x for x = +-0 (keeps the sign of zero)
//   f'(x) = 0 (also at 0: PyTorch's convention for torch.sign)
//   f'(y) = 0                                    (derivative_from_output)
//
// Edges: f(-inf) = -1, f(+inf) = 1, f(-0) = -0, f(+0) = +0; f' = +0
//        everywhere, infinities included; NaN in, NaN out (forward and
//        derivative).
// Accuracy: exact (0 ulp) in float and double, forward and derivative.
// Reference: PyTorch torch.sign (and its zero gradient).
#pragma once

#include <string_view>

#include "detail/piecewise.hpp"

namespace activ {

struct sign {
  static constexpr std::string_view name = "sign";
  static constexpr ulp_bounds accuracy{0, 0, 0, 0};

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) {
      using V = decltype(v);
      return xsimd::select(v > V(0), V(1), xsimd::select(v < V(0), V(-1), v));
    });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) {
      using V = decltype(v);
      return xsimd::select(v == v, V(0), v);  // v == v is false only for NaN
    });
  }

  template <class T>
  T derivative_from_output(T y) const {
    return derivative(y);
  }
};

}  // namespace activ
