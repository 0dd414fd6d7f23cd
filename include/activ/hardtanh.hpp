// hardtanh
//   f(x)  = min_val for x <= min_val, max_val for x >= max_val, x between
//   f'(x) = 1 for min_val < x < max_val, 0 otherwise (0 at both bounds, as PyTorch)
//   f'(y) = the same step in y                    (derivative_from_output)
// Parameters: min_val = -1, max_val = 1 (PyTorch's), min_val <= max_val, not NaN (infinite bounds
//   are allowed: hardtanh{0, inf} is relu), each rounded once to the element type. Selects and
//   comparisons, not max/min: NaN passes through.
// Edges: f(-inf) = min_val, f(+inf) = max_val, f(-0) = -0 (for min_val < 0); f'(+-inf) = 0; NaN
//   in, NaN out.
// Bound: exact (`accuracy` 0 ulp). Reference: PyTorch torch.nn.Hardtanh.
#pragma once

#include <string_view>

#include "detail/piecewise.hpp"
#include "functor.hpp"

namespace activ {

struct hardtanh {
  static constexpr std::string_view name = "hardtanh";
  static constexpr ulp_bounds accuracy{0, 0, 0, 0};

  double min_val = -1;
  double max_val = 1;

  static constexpr auto parameters() {
    return std::array{parameter<&hardtanh::min_val>("min_val"),
                      parameter<&hardtanh::max_val>("max_val")};
  }

  ACTIV_CALLS_FROM_EVAL()

  template <class T>
  T derivative_from_output(T y) const {
    return derivative(y);  // the same step: y is inside exactly when x is
  }

  void validate() const {
    detail::require_not_nan(name, "min_val", min_val);
    detail::require_not_nan(name, "max_val", max_val);
    if (min_val > max_val) detail::bad_parameter(name, "min_val must not exceed max_val");
  }

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    return detail::pick<Value, Slope>(
        [&] { return detail::clamp(v, detail::splat<V>(min_val), detail::splat<V>(max_val)); },
        [&] { return detail::inside(v, detail::splat<V>(min_val), detail::splat<V>(max_val)); });
  }
};

}  // namespace activ
