// relu6 (= hardtanh{0, 6})
//   f(x)  = min(max(0, x), 6)
//   f'(x) = 1 for 0 < x < 6, 0 otherwise        (0 at both kinks, as PyTorch)
//   f'(y) = 1 for 0 < y < 6, 0 otherwise        (derivative_from_output)
// detail::clamp (selects), not max/min: NaN passes through, relu6(-0) = +0.
// Edges: f(-inf) = +0, f(+inf) = 6, f(-0) = +0; f'(+-inf) = f'(0) = f'(6) = 0; NaN in, NaN out.
// Bound: exact (`accuracy` 0 ulp). Reference: PyTorch torch.nn.ReLU6; Krizhevsky 2010 (deep
//   belief networks on CIFAR-10).
#pragma once

#include <string_view>

#include "detail/piecewise.hpp"
#include "functor.hpp"

namespace activ {

struct relu6 {
  static constexpr std::string_view name = "relu6";
  static constexpr ulp_bounds accuracy{0, 0, 0, 0};

  ACTIV_CALLS_FROM_EVAL()

  template <class T>
  T derivative_from_output(T y) const {
    return derivative(y);  // the same step: y is in (0, 6) exactly when x is
  }

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    return detail::pick<Value, Slope>([&] { return detail::clamp(v, V(0), V(6)); },
                                      [&] { return detail::inside(v, V(0), V(6)); });
  }
};

}  // namespace activ
