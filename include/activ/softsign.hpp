// softsign
//
//   f(x)  = x / (1 + |x|)
//   f'(x) = 1 / (1 + |x|)^2
//   f'(y) = (1 - |y|)^2                          (derivative_from_output)
//
// Method: d + e = 1 + |x| exactly (TwoSum). Forward, on |x| with the sign
// put back (odd: f(-0) = -0): q0 = |x|/d, r = |x| - q0 d (exact with an
// FMA), f = q0 + (r - q0 e)/d. Derivative: t = (1/d)/d, f' = t - t (2 e/d),
// no FMA involved. 1 + |x| never overflows (it rounds to |x| near the
// top), and f' underflows gradually through subnormals.
//
// Edges: f(-inf) = -1, f(+inf) = 1 (PyTorch: NaN), f(-0) = -0;
//        f'(+-inf) = +0, f'(0) = 1; NaN in, NaN out.
// Accuracy (ulp vs long double, dense sweep, float and double): forward 0.5
//   with FMA (AVX2), 1.0 without (SSE2); derivative 1.61 (no FMA in it).
// derivative_from_output: (1 - |y|)^2 is within 3.5 ulp of f'(x) for
//   |x| <= 1 (3.0 measured without FMA, 2.55 with); beyond, 1 - |y| carries
//   the error of y: within 2^-23 (float) or 2^-52 (double) absolute
//   (6.6e-8, 1.2e-16 measured). Prefer derivative(x) when x is at hand.
// Reference: PyTorch torch.nn.Softsign; Turian, Bergstra, Bengio, "Quadratic
//   features and deep architectures for chunking" (2009).
#pragma once

#include <limits>
#include <string_view>

#include "detail/simd.hpp"

namespace activ {

struct softsign {
  static constexpr std::string_view name = "softsign";
  static constexpr ulp_bounds accuracy{1, 1.7, 1, 1.7};

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) {
      using V = decltype(v);
      const V a = xsimd::abs(v);
      const V d = V(1) + a, e = sum_error(a, d);
      const V q0 = a / d;
      const V r = detail::compat::fmadd(-q0, d, a);
      const V m = q0 + (r - q0 * e) / d;
      const V f = xsimd::copysign(xsimd::select(a == inf<V>(), V(1), m), v);
      return xsimd::select(v == v, f, v);  // NaN: v itself
    });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) {
      using V = decltype(v);
      const V a = xsimd::abs(v);
      const V d = V(1) + a, e = sum_error(a, d);
      const V w = V(1) / d;
      const V t = w / d;
      const V f = xsimd::select(a == inf<V>(), V(0), t - t * (V(2) * e * w));
      return xsimd::select(v == v, f, v);  // NaN: v itself
    });
  }

  template <class T>
  T derivative_from_output(T y) const {
    return detail::lift(y, [](auto v) {
      using V = decltype(v);
      const V z = V(1) - xsimd::abs(v);
      return z * z;
    });
  }

 private:
  template <class V>
  static V inf() {
    return V(std::numeric_limits<detail::scalar_t<V>>::infinity());
  }
  // The rounding error of d = 1 + a (TwoSum): 1 + a = d + error exactly.
  template <class V>
  static V sum_error(V a, V d) {
    const V da = d - a;
    return (a - (d - da)) + (V(1) - da);
  }
};

}  // namespace activ
