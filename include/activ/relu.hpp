// relu (rectified linear unit)
//
//   f(x)  = max(0, x)
//   f'(x) = 1 for x > 0, 0 for x <= 0         (relu'(0) = 0, as PyTorch)
//   f'(y) = 1 for y > 0, 0 for y == 0          (derivative_from_output)
//
// Written as select(x <= 0, 0, x), not max(x, 0): a NaN compares false and
// passes through, whatever max/min do with NaN in a given xsimd release.
//
// Edges: f(-inf) = +0, f(+inf) = +inf, f(-0) = +0; f'(-inf) = 0,
//        f'(+inf) = 1; NaN in, NaN out (forward and derivative).
// Accuracy: exact (0 ulp) in float and double, forward and derivative.
// Reference: PyTorch torch.nn.ReLU.
#pragma once

#include <string_view>

#include "detail/simd.hpp"

namespace activ {

struct relu {
  static constexpr std::string_view name = "relu";
  static constexpr ulp_bounds accuracy{0, 0, 0, 0};

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) {
      using V = decltype(v);
      return xsimd::select(v <= V(0), V(0), v);
    });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) { return step(v); });
  }

  template <class T>
  T derivative_from_output(T y) const {
    return detail::lift(y, [](auto v) { return step(v); });
  }

 private:
  // 1 where v > 0, 0 where v <= 0, NaN where v is NaN.
  template <class V>
  static V step(V v) {
    return xsimd::select(v > V(0), V(1), xsimd::select(v <= V(0), V(0), v));
  }
};

}  // namespace activ
