// threshold
//   f(x)  = x for x > theta, value for x <= theta
//   f'(x) = 1 for x > theta, 0 for x <= theta
//   f'(y) = 1 for y > theta, 0 for y <= theta   (derivative_from_output, valid for value <= theta)
// Parameters: theta = 0, value = 0 (torch.nn.Threshold(threshold, value) has no defaults; these
//   make it relu); theta, as a member cannot share its class's name. Neither may be NaN; both are
//   rounded once to the element type. select(x <= theta, value, x): NaN passes through, as in
//   PyTorch.
// Edges: f(-inf) = value, f(+inf) = +inf, f(-0) = value (+0 by default); f'(-inf) = 0,
//   f'(+inf) = 1, f'(theta) = 0; NaN in, NaN out.
// Bound: exact (`accuracy` 0 ulp). Reference: PyTorch torch.nn.Threshold.
#pragma once

#include <string_view>

#include "detail/piecewise.hpp"
#include "functor.hpp"

namespace activ {

struct threshold {
  static constexpr std::string_view name = "threshold";
  static constexpr ulp_bounds accuracy{0, 0, 0, 0};

  double theta = 0;
  double value = 0;

  static constexpr auto parameters() {
    return std::array{parameter<&threshold::theta>("theta"), parameter<&threshold::value>("value")};
  }

  ACTIV_CALLS_FROM_EVAL()

  template <class T>
  T derivative_from_output(T y) const {
    return derivative(y);  // y > theta exactly when x > theta, if value <= theta
  }
  bool derivative_from_output_valid() const { return value <= theta; }

  void validate() const {
    detail::require_not_nan(name, "theta", theta);
    detail::require_not_nan(name, "value", value);
  }

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    return detail::pick<Value, Slope>(
        [&] { return xsimd::select(v <= detail::splat<V>(theta), detail::splat<V>(value), v); },
        [&] {
          const V t = detail::splat<V>(theta);
          return xsimd::select(v > t, V(1), xsimd::select(v <= t, V(0), v));
        });
  }
};

}  // namespace activ
