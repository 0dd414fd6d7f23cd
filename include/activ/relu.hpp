// relu (rectified linear unit)
//   f(x)  = max(0, x)
//   f'(x) = 1 for x > 0, 0 for x <= 0         (relu'(0) = 0, as PyTorch)
//   f'(y) = 1 for y > 0, 0 for y == 0          (derivative_from_output)
// select(x <= 0, 0, x), not max(x, 0): a NaN compares false and passes through, whatever max does
// with NaN in a given xsimd release.
// Edges: f(-inf) = +0, f(+inf) = +inf, f(-0) = +0; f'(-inf) = 0, f'(+inf) = 1; NaN in, NaN out.
// Bound: exact (`accuracy` 0 ulp). Reference: PyTorch torch.nn.ReLU.
#pragma once

#include <string_view>

#include "functor.hpp"

namespace activ {

struct relu {
  static constexpr std::string_view name = "relu";
  static constexpr ulp_bounds accuracy{0, 0, 0, 0};

  ACTIV_CALLS_FROM_EVAL()

  template <class T>
  T derivative_from_output(T y) const {
    return on_batch(y, [](auto v) { return step(v); });
  }

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    return detail::pick<Value, Slope>([&] { return xsimd::select(v <= V(0), V(0), v); },
                                      [&] { return step(v); });
  }

  // 1 where v > 0, 0 where v <= 0, NaN where v is NaN.
  template <class V>
  static V step(V v) {
    return xsimd::select(v > V(0), V(1), xsimd::select(v <= V(0), V(0), v));
  }
};

}  // namespace activ
