// gelu (Gaussian error linear unit, exact erf form: PyTorch's approximate='none')
//   f(x)  = x Phi(x) = x/2 erfc(-x/sqrt 2)
//   f'(x) = Phi(x) + x phi(x),   phi(x) = e^(-x^2/2) / sqrt(2 pi)
// No parameters. Not gelu_tanh: the two forms differ by up to 4.7e-4.
// Method: Phi is never 1 + erf (it cancels for x < 0) nor taken from a rounded x/sqrt 2 (2 x^2
//   2^-24 relative error far left). float in double (math/wide_phi.hpp), with a = min(|x|,
//   14.5625) and Phi(-a) = e^(-a^2/2) R(a): f = x Phi(-a) (x < 0) or x (1 - Phi(-a)),
//   f' = e^(-a^2/2) (R - a/sqrt(2 pi)) (x < 0) or 1 minus that, relative down to the subnormals.
//   double: math::x_normal_cdf and normal_cdf_plus_x_pdf. Fused: f and f' share e^(-a^2/2) and
//   R (float), math::normal_parts (double).
// Edges: f(-inf) = -0 (PyTorch: NaN), f(+inf) = +inf, f(-0) = -0; f'(-inf) = -0, f'(+inf) = 1,
//   f'(+-0) = 0.5; NaN in, NaN out.
// Bound: `accuracy` ulp over the whole float and double lines; f' crosses 0 near x = -0.7518 and
//   is measured in ulps of |Phi(x)| + |x phi(x)| there.
// Reference: Hendrycks & Gimpel, arXiv:1606.08415; PyTorch torch.nn.GELU.
#pragma once

#include <string_view>
#include <utility>

#include "detail/simd.hpp"
#include "detail/widen.hpp"
#include "math/erf.hpp"
#include "math/wide_phi.hpp"

namespace activ {

struct gelu {
  static constexpr std::string_view name = "gelu";
  static constexpr ulp_bounds accuracy{2, 4, 2, 4};
  static constexpr bool interleave = true;  // one long chain per batch (apply.hpp)

  ACTIV_CALLS_FROM_EVAL()

 private:
  template <bool Value, bool Slope, class V>
  static auto eval(const V& v) {
    // NaN: x itself (which NaN an operation passes on depends on operand order, which may differ
    // between the scalar and array paths).
    const auto keep_nan = [&](const V& y) { return xsimd::select(xsimd::isnan(v), v, y); };
    if constexpr (detail::is_float_batch<V>) {
      const auto r = detail::in_double(v, math::wide::reciprocal_seed(v), [](auto d, auto y0) {
        using D = decltype(d);
        const auto t = math::wide::normal_tail(d, y0);
        const auto neg = d < D(0);
        return detail::pick<Value, Slope>(
            [&] {
              const D g = t.e * t.r;
              return xsimd::select(neg, -t.a, d) * xsimd::select(neg, g, D(1) - g);
            },
            [&] {
              // e^(-a^2/2) (R - a/sqrt(2 pi)) = Phi(-a) - a phi(a); 1/sqrt(2 pi) rounded
              const D h = t.e * math::wide::fnmadd(t.a, D(0x1.9884533d43651p-2), t.r);
              return xsimd::select(neg, h, D(1) - h);
            });
      });
      return detail::each<Value, Slope>(r, keep_nan, keep_nan);
    } else {
      return math::normal_parts(v, [&](const math::normal_parts_t<V>& n) {
        return detail::each<Value, Slope>(
            detail::pick<Value, Slope>([&] { return math::x_normal_cdf(v, n); },
                                       [&] { return math::normal_cdf_plus_x_pdf(v, n); }),
            keep_nan, keep_nan);
      });
    }
  }
};

}  // namespace activ
