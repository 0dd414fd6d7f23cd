// selu (scaled exponential linear unit)
//
//   f(x)  = scale x                     for x > 0
//         = scale alpha (e^x - 1)       for x <= 0
//   f'(x) = scale for x > 0, scale alpha e^x for x <= 0  (f'(0) = scale alpha,
//                                                          as PyTorch)
//   f'(y) = scale for y > 0, y + scale alpha for y <= 0  (derivative_from_output)
// Constants (no parameters; Klambauer et al.'s values, as in PyTorch):
//   alpha = 1.6732632423543772848170429916717
//   scale = 1.0507009873554804934193349852946
// float: scale x, scale alpha expm1(x) and scale alpha e^x evaluated in
// double (math/wide.hpp) and rounded to float once. double: scale and scale
// alpha are double-word constants (the double nearest the exact value and
// the remainder), so a product with x, expm1(x) or e^x (x <= 0: both from
// one reduction, math::expm1_exp_nonpositive, kept as hi + lo) rounds once
// (f: scale x and scale alpha (e^x - 1) are one product with the constant
// chosen per lane, dw::mul_round; a subnormal f rounds twice, within 0.75
// ulp). PyTorch's scale * alpha * expm1 rounds three times.
//
// Fused (value_and_derivative, forward_with_derivative): in float f and f'
//   share one reduction of e^x (wide::exp_parts), in double one reduction
//   and one polynomial (math::expm1_exp_nonpositive).
// Edges: f(-inf) = -scale alpha, f(+inf) = +inf, f(-0) = -0;
//   f'(-inf) = +0, f'(+inf) = scale, f'(-0) = scale alpha; NaN in, NaN out.
// Accuracy (`accuracy`, ulp over the whole line, subnormal results included;
//   tests/elementwise.cpp, ulp-space sweep of 8M points per sign against long
//   double, g++ 12 and clang++ 14 at SSE2, AVX2+FMA and AVX-512): measured
//   float 0.50 forward, 0.50 derivative; double 0.75 forward (at a subnormal
//   result; the full sweep agrees), 0.73 derivative. from_output: y + scale alpha
//   is within 1.5 ulp of f'(x) for x >= -1; below, it cancels and y's own
//   rounding remains: 2^-23 absolute (float), 2^-52 (double).
// Reference: Klambauer et al., "Self-Normalizing Neural Networks", 2017;
//   PyTorch torch.nn.SELU.
#pragma once

#include <string_view>
#include <utility>

#include "detail/simd.hpp"
#include "detail/widen.hpp"
#include "math/dword.hpp"
#include "math/exp.hpp"
#include "math/expm1.hpp"
#include "math/wide.hpp"

namespace activ {

struct selu {
  static constexpr std::string_view name = "selu";
  static constexpr ulp_bounds accuracy{1, 1, 1, 1};
  static constexpr bool interleave = true;  // one long chain per batch (apply.hpp)

  // scale = 1.0507009873554804934193349852946 as a double and its remainder.
  static constexpr double scale = 0x1.0cfabd6a91132p+0, scale_lo = 0x1.6fc7d272f2695p-55;
  // scale * alpha = 1.7580993408473768599402175208123 likewise.
  static constexpr double scale_alpha = 0x1.c212cc640f031p+0, scale_alpha_lo = 0x1.05161b045a1fep-56;

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) { return eval<1, 0>(v); });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) { return eval<0, 1>(v); });
  }

  // {f(x), f'(x)} from one reduction of e^x: the same bits as the two calls.
  template <class T>
  std::pair<T, T> value_and_derivative(T x) const {
    return detail::lift_pair(x, [](auto v) { return eval<1, 1>(v); });
  }

  template <class T>
  T derivative_from_output(T y) const {
    return detail::lift(y, [](auto v) {
      using V = decltype(v);
      return xsimd::select(v > V(0), detail::splat<V>(scale), v + detail::splat<V>(scale_alpha));
    });
  }

 private:
  template <bool Value, bool Slope, class V>
  static auto eval(const V& v) {
    using S = detail::scalar_t<V>;
    namespace dw = math::dw;
    // y: the x <= 0 branch (float) or both branches (double)
    const auto value = [&](const V& y) {
      const auto zero_or_nan = (v == V(0)) | xsimd::isnan(v);
      if constexpr (detail::is_float_batch<V>) {
        const V pos = detail::in_double(v, [](auto d) { return decltype(d)(scale) * d; });
        return xsimd::select(v > V(0), pos, xsimd::select(zero_or_nan, v, y));
      } else {
        return xsimd::select(zero_or_nan, v, y);
      }
    };
    const auto slope = [&](const V& d) {
      return xsimd::select(v > V(0), detail::splat<V>(scale), xsimd::select(xsimd::isnan(v), v, d));
    };
    if constexpr (detail::is_float_batch<V>) {
      const auto r = detail::in_double(v, [](auto d) {
        using D = decltype(d);
        const auto e = math::wide::exp_parts(d);
        return detail::pick<Value, Slope>([&] { return D(scale_alpha) * math::wide::expm1_of(e); },
                                          [&] { return D(scale_alpha) * math::wide::exp_of(e); });
      });
      return detail::each<Value, Slope>(r, value, slope);
    } else {
      const auto sa = math::make_dword<S>(scale_alpha, scale_alpha_lo);
      const math::expm1_exp_t<V> e = math::expm1_exp_nonpositive(v, V(0));
      const auto r = detail::pick<Value, Slope>(
          [&] {  // scale x (x > 0) and scale alpha (e^x - 1): one product, lane by lane
            const auto sc = math::make_dword<S>(scale, scale_lo);
            const auto pos = v > V(0);
            const math::double_word<V> a{xsimd::select(pos, v, e.em1.hi),
                                         xsimd::select(pos, V(0), e.em1.lo)};
            return dw::mul_round(a, xsimd::select(pos, V(sc.hi), V(sa.hi)),
                                 xsimd::select(pos, V(sc.lo), V(sa.lo)));
          },
          [&] { return (dw::round(dw::mul(e.er, sa)) * e.scale1) * e.scale2; });
      return detail::each<Value, Slope>(r, value, slope);
    }
  }
};

}  // namespace activ
