// sign
//   f(x)  = -1 for x < 0, +1 for x > 0, x for x = +-0 (keeps the sign of zero)
//   f'(x) = 0, also at 0 (PyTorch's convention); f'(y) = 0 (derivative_from_output)
// Edges: f(-inf) = -1, f(+inf) = 1, f(+-0) = +-0; f' = +0 everywhere, infinities included; NaN
//   in, NaN out.
// Bound: exact (`accuracy` 0 ulp). Reference: PyTorch torch.sign.
#pragma once

#include <string_view>

#include "detail/piecewise.hpp"
#include "functor.hpp"

namespace activ {

struct sign {
  static constexpr std::string_view name = "sign";
  static constexpr ulp_bounds accuracy{0, 0, 0, 0};

  ACTIV_CALLS_FROM_EVAL()

  template <class T>
  T derivative_from_output(T y) const {
    return derivative(y);
  }

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    return detail::pick<Value, Slope>(
        [&] { return xsimd::select(v > V(0), V(1), xsimd::select(v < V(0), V(-1), v)); },
        [&] {
          return xsimd::select(v == v, V(0), v);  // v == v is false only for NaN
        });
  }
};

}  // namespace activ
