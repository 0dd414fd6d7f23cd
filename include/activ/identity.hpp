// identity (linear activation): the gate of the bilinear GLU variant
//
//   f(x)  = x
//   f'(x) = 1                               (NaN for NaN, as every f' here)
//   f'(y) = 1                               (derivative_from_output)
//
// Edges: f(+-inf) = +-inf, f(-0) = -0; f'(+-inf) = 1; NaN in, NaN out.
// Accuracy: exact (0 ulp), forward and derivative.
// Not in activ::elementwise_activations (it has no test record yet); it is
// here for activ::bilinear = glu<identity> (glu.hpp).
// Reference: Shazeer, "GLU Variants Improve Transformer", arXiv:2002.05202.
#pragma once

#include <string_view>

#include "detail/simd.hpp"

namespace activ {

struct identity {
  static constexpr std::string_view name = "identity";
  static constexpr ulp_bounds accuracy{0, 0, 0, 0};

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) { return v; });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) { return one(v); });
  }

  template <class T>
  T derivative_from_output(T y) const {
    return detail::lift(y, [](auto v) { return one(v); });
  }

 private:
  template <class V>
  static V one(V v) {
    return xsimd::select(v == v, V(1), v);
  }
};

}  // namespace activ
