// identity (linear activation): the gate of activ::bilinear = glu<identity>
//   f(x) = x,  f'(x) = 1,  f'(y) = 1 (derivative_from_output); NaN for NaN, as every f'
// Edges: f(+-inf) = +-inf, f(-0) = -0; f'(+-inf) = 1; NaN in, NaN out.
// Bound: exact (`accuracy` 0 ulp). Not in activ::elementwise_activations (no test record yet).
// Reference: Shazeer, "GLU Variants Improve Transformer", arXiv:2002.05202.
#pragma once

#include <string_view>

#include "functor.hpp"

namespace activ {

struct identity {
  static constexpr std::string_view name = "identity";
  static constexpr ulp_bounds accuracy{0, 0, 0, 0};

  ACTIV_CALLS_FROM_EVAL()

  template <class T>
  T derivative_from_output(T y) const {
    return on_batch(y, [](auto v) { return one(v); });
  }

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    return detail::pick<Value, Slope>([&] { return v; }, [&] { return one(v); });
  }

  template <class V>
  static V one(V v) {
    return xsimd::select(v == v, V(1), v);
  }
};

}  // namespace activ
