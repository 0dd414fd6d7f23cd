// hardswish
//   f(x)  = x relu6(x + 3) / 6: -0 for x <= -3, x (x + 3)/6 between, x for x >= 3
//   f'(x) = 0 for x <= -3, (x + 3/2)/3 on (-3, 3), 1 for x >= 3 (the outer pieces at the kinks, as
//           PyTorch's CUDA kernel; its CPU kernel takes the middle piece: -1/2 at -3, 3/2 at 3)
// No parameters. Method: (x + 3)/6 = hi + lo to about twice the working precision
// (math::shifted_quotient_parts), f = fma(x, hi, x lo): one rounding with FMA, two without.
// f' = (x + 3/2)/3 rounded once (math::shifted_quotient), as x/3 + 1/2 would cancel next to its
// root. f(x) = x exactly for x >= 3 (PyTorch's x * 6 / 6 overflows above FLT_MAX/6).
// Edges: f(-inf) = -0 (PyTorch: NaN), f(+inf) = +inf, f(-0) = -0; f'(-inf) = 0, f'(+inf) = 1,
//   f'(0) = 0.5; NaN in, NaN out.
// Bound: `accuracy`: f 0.5 ulp with FMA, 1 without; f' correctly rounded.
// Reference: PyTorch torch.nn.Hardswish; Howard et al. 2019 (MobileNetV3).
#pragma once

#include <string_view>

#include "detail/piecewise.hpp"
#include "functor.hpp"
#include "math/shifted_quotient.hpp"

namespace activ {

struct hardswish {
  static constexpr std::string_view name = "hardswish";
  static constexpr ulp_bounds accuracy{1, 0.5, 1, 0.5};

  ACTIV_CALLS_FROM_EVAL()

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    return detail::pick<Value, Slope>(
        [&] {
          using S = detail::scalar_t<V>;
          const auto q = math::shifted_quotient_parts(v, math::make_shifted_quotient<S>(3, 6));
          const V middle = detail::compat::fmadd(v, q.hi, v * q.lo);
          const V outer = xsimd::select(v <= V(-3), V(S(-0.0)), v);  // v: x >= 3, and NaN itself
          return xsimd::select((v > V(-3)) & (v < V(3)), middle, outer);
        },
        [&] {
          using S = detail::scalar_t<V>;
          const V slope = math::shifted_quotient(v, math::make_shifted_quotient<S>(1.5, 3));
          return xsimd::select(v > V(-3), xsimd::select(v < V(3), slope, V(1)),
                               xsimd::select(v <= V(-3), V(0), v));  // NaN: v itself
        });
  }
};

}  // namespace activ
