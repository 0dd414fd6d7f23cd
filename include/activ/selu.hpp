// selu (scaled exponential linear unit)
//   f(x)  = scale x for x > 0, scale alpha (e^x - 1) for x <= 0
//   f'(x) = scale for x > 0, scale alpha e^x for x <= 0   (f'(0) = scale alpha, as PyTorch)
//   f'(y) = scale for y > 0, y + scale alpha for y <= 0   (derivative_from_output)
// No parameters: alpha = 1.6732632423543772848170429916717 and scale (below), Klambauer et al.'s.
// Method: as elu, each product rounded once (PyTorch's scale * alpha * expm1 rounds three times):
//   float in double; double with scale and scale alpha as double-word constants, f as one
//   dw::mul_round with the constant chosen per lane (a subnormal f rounds twice: within 0.75
//   ulp). Fused: f and f' share the reduction of e^x.
// Edges: f(-inf) = -scale alpha, f(+inf) = +inf, f(-0) = -0; f'(-inf) = +0, f'(+inf) = scale,
//   f'(-0) = scale alpha; NaN in, NaN out.
// Bound: `accuracy` ulp over the whole float and double lines; from_output 1.5 ulp for x >= -1,
//   below that 2^-23 (float) / 2^-52 (double) absolute (it cancels).
// Reference: Klambauer et al. 2017, arXiv:1706.02515; PyTorch torch.nn.SELU.
// Fast tier (fast_eval): elu's fast kernel with scale and scale alpha rounded to float;
// bound 4 / 8 ulp (fast.hpp).
#pragma once

#include <string_view>
#include <utility>

#include "detail/widen.hpp"
#include "elu.hpp"
#include "functor.hpp"
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
  static constexpr double scale_alpha = 0x1.c212cc640f031p+0,
                          scale_alpha_lo = 0x1.05161b045a1fep-56;

  ACTIV_CALLS_FROM_EVAL()

  template <bool Value, bool Slope, class V>
  static auto fast_eval(const V& v) {
    return detail::elu_fast<Value, Slope>(v, detail::splat<V>(scale),
                                          detail::splat<V>(scale_alpha));
  }

  template <class T>
  T derivative_from_output(T y) const {
    return on_batch(y, [](auto v) {
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
