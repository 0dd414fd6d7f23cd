// gelu (Gaussian error linear unit, exact erf form)
//
//   f(x)  = x Phi(x) = x/2 (1 + erf(x/sqrt 2)) = x/2 erfc(-x/sqrt 2)
//   f'(x) = Phi(x) + x phi(x),   phi(x) = e^(-x^2/2) / sqrt(2 pi)
//
// Not gelu_tanh: the two GELU forms are different functions (they differ
// by up to 4.7e-4); PyTorch's GELU(approximate='none') is this one.
// Phi is never 1 + erf(x) (which cancels for x < 0) nor taken from a rounded
// x/sqrt 2 (a relative error of 2^-24 in the argument is 2 x^2 2^-24 in Phi(x)
// far left).
// float: in double (math/wide_phi.hpp), rounded to float once, with a = |x|
// clamped to 14.5625 and Phi(-a) = e^(-a^2/2) R(a), R one polynomial in
// a / (a + 5) to 2^-34 relative (a^2 exact, e^ to 2^-31.7):
//   f  = x Phi(-a) (x < 0) or x (1 - Phi(-a)),
//   f' = e^(-a^2/2) (R - a/sqrt(2 pi)) (x < 0) or 1 minus that,
// products for x < 0, so relative to the result down to the subnormals.
// double: math/erf.hpp's own tables:
//   |x| < 0.7:  x (1/2 + x (c0 + x^2 E(x^2)))
//   x <= -0.7:  (x r(|x|)) e^(-x^2/2), r = e^(x^2/2) Phi(-|x|) a polynomial in
//               |x| / (|x| + 4) over 1 + |x|; x^2 split exactly, x folded into
//               the exponential's last rounding (so the subnormal results near
//               x = -38 are still within the bound)
//   x >= 0.7:   x (1 - r(x) e^(-x^2/2))
//   f' shares that exponential: e^(-x^2/2) (r - |x|/sqrt(2 pi)) for x <= -0.7.
// f' crosses 0 near x = -0.7518; its accuracy is measured in ulps of
// |Phi(x)| + |x phi(x)| there (README, "Accuracy").
//
// Fused (value_and_derivative, forward_with_derivative): in float f and f'
//   share normal_tail (one e^(-a^2/2), one polynomial); in double the series,
//   the tail's ratio (its division and polynomial) and the reduction of
//   e^(-x^2/2) (math::normal_parts), each applying its own multiplier.
// Edges: f(-inf) = -0 (PyTorch gives NaN), f(+inf) = +inf, f(-0) = -0;
//        f'(-inf) = -0 (f' < 0 left of -0.75), f'(+inf) = 1, f'(+-0) = 0.5;
//        NaN in, NaN out.
// Accuracy (ulp, whole range, see `accuracy`): tests/elementwise.cpp, g++ 12
//   and clang 14 -O2 at SSE2 and AVX2+FMA, float and double; measured float
//   0.501 forward, 0.501 derivative (g++ -march=native/x86-64-v3/x86-64, clang).
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

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) { return eval<1, 0>(v); });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) { return eval<0, 1>(v); });
  }

  // {f(x), f'(x)} from one normal tail (float: wide::normal_tail; double:
  // math::normal_parts): the same bits as the two calls.
  template <class T>
  std::pair<T, T> value_and_derivative(T x) const {
    return detail::lift_pair(x, [](auto v) { return eval<1, 1>(v); });
  }

 private:
  template <bool Value, bool Slope, class V>
  static auto eval(const V& v) {
    // NaN: x itself. Which NaN an operation passes on depends on operand
    // order, which the compiler may commute differently in the scalar and
    // array paths.
    const auto keep_nan = [&](const V& y) { return xsimd::select(xsimd::isnan(v), v, y); };
    if constexpr (detail::is_float_batch<V>) {
      const auto r = detail::in_double(v, math::wide::reciprocal_seed(v), [](auto d, auto y0) {
        using D = decltype(d);
        const auto t = math::wide::normal_tail(d, y0);
        const auto neg = d < D(0);
        return detail::pick<Value, Slope>(
            [&] {
              // x Phi(x) = -a Phi(-a) (a clamped) or x (1 - Phi(-x)), g = Phi(-|x|)
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
