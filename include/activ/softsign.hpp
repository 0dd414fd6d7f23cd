// softsign
//   f(x)  = x / (1 + |x|)
//   f'(x) = 1 / (1 + |x|)^2
//   f'(y) = (1 - |y|)^2                          (derivative_from_output)
// No parameters. Method: d + e = 1 + |x| exactly (TwoSum). f on |x| with the sign put back (odd:
// f(-0) = -0): q0 = |x|/d, r = |x| - q0 d (exact with an FMA), f = q0 + (r - q0 e)/d.
// f' = t - t (2 e/d), t = (1/d)/d, no FMA involved. 1 + |x| never overflows (it rounds to |x|
// near the top), and f' underflows gradually.
// Edges: f(-inf) = -1, f(+inf) = 1 (PyTorch: NaN), f(-0) = -0; f'(+-inf) = +0, f'(0) = 1; NaN in,
//   NaN out.
// Bound: `accuracy`: f 0.5 ulp with FMA, 1 without. from_output: within 3.5 ulp of f'(x) for
//   |x| <= 1; beyond, 1 - |y| carries y's error: 2^-23 (float), 2^-52 (double) absolute. Prefer
//   derivative(x) when x is at hand.
// Reference: PyTorch torch.nn.Softsign; Turian, Bergstra, Bengio 2009.
#pragma once

#include <limits>
#include <string_view>

#include "functor.hpp"

namespace activ {

struct softsign {
  static constexpr std::string_view name = "softsign";
  static constexpr ulp_bounds accuracy{1, 1.7, 1, 1.7};

  ACTIV_CALLS_FROM_EVAL()

  template <class T>
  T derivative_from_output(T y) const {
    return on_batch(y, [](auto v) {
      using V = decltype(v);
      const V z = V(1) - xsimd::abs(v);
      return z * z;
    });
  }

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    return detail::pick<Value, Slope>(
        [&] {
          const V a = xsimd::abs(v);
          const V d = V(1) + a, e = sum_error(a, d);
          const V q0 = a / d;
          const V r = detail::compat::fmadd(-q0, d, a);
          const V m = q0 + (r - q0 * e) / d;
          const V f = xsimd::copysign(xsimd::select(a == inf<V>(), V(1), m), v);
          return xsimd::select(v == v, f, v);  // NaN: v itself
        },
        [&] {
          const V a = xsimd::abs(v);
          const V d = V(1) + a, e = sum_error(a, d);
          const V w = V(1) / d;
          const V t = w / d;
          const V f = xsimd::select(a == inf<V>(), V(0), t - t * (V(2) * e * w));
          return xsimd::select(v == v, f, v);  // NaN: v itself
        });
  }

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
