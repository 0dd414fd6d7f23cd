// relu6 (= hardtanh{0, 6})
//
//   f(x)  = min(max(0, x), 6)
//   f'(x) = 1 for 0 < x < 6, 0 otherwise        (0 at both kinks, as PyTorch)
//   f'(y) = 1 for 0 < y < 6, 0 otherwise        (derivative_from_output)
//
// Written with select and comparisons (detail::clamp), not max/min: NaN
// passes through, and relu6(-0) = +0 like relu.
//
// Edges: f(-inf) = +0, f(+inf) = 6, f(-0) = +0; f'(+-inf) = 0, f'(0) = 0,
//        f'(6) = 0; NaN in, NaN out (forward and derivative).
// Accuracy: exact (0 ulp) in float and double, forward and derivative.
// Reference: PyTorch torch.nn.ReLU6; Krizhevsky, "Convolutional deep belief
//   networks on CIFAR-10" (2010).
#pragma once

#include <string_view>

#include "detail/piecewise.hpp"

namespace activ {

struct relu6 {
  static constexpr std::string_view name = "relu6";
  static constexpr ulp_bounds accuracy{0, 0, 0, 0};

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) {
      using V = decltype(v);
      return detail::clamp(v, V(0), V(6));
    });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) {
      using V = decltype(v);
      return detail::inside(v, V(0), V(6));
    });
  }

  template <class T>
  T derivative_from_output(T y) const {
    return derivative(y);  // the same step: y is in (0, 6) exactly when x is
  }
};

}  // namespace activ
