// elu (exponential linear unit)
//   f(x)  = x for x > 0, alpha (e^x - 1) for x <= 0
//   f'(x) = 1 for x > 0, alpha e^x for x <= 0     (f'(0) = alpha, as PyTorch)
//   f'(y) = 1 for y > 0, y + alpha for y <= 0     (derivative_from_output, for alpha >= 0: below,
//           y does not tell the branches apart)
// Parameter: alpha = 1 (PyTorch's default).
// Method: alpha (e^x - 1) and alpha e^x without cancellation near 0, rounded once: float in
//   double (math/wide.hpp; f(-1e-30) = -1e-30 alpha, where PyTorch's float kernel gives 0),
//   double from math::expm1_exp_nonpositive's double-words times alpha as a double-word constant.
//   Fused: f and f' share that reduction.
// Edges (alpha = 1): f(-inf) = -1, f(+inf) = +inf, f(-0) = -0; f'(-inf) = +0, f'(+inf) = 1,
//   f'(-0) = 1; NaN in, NaN out.
// Bound: `accuracy` ulp over the whole float and double lines; from_output 1.5 ulp for x >= -1,
//   below that 2^-24 (float) / 2^-53 (double) absolute (y + alpha cancels), alpha = 1.
// Reference: Clevert et al. 2015, arXiv:1511.07289; PyTorch torch.nn.ELU.
// Fast tier (fast_eval): float, alpha (e^x - 1) and alpha e^x from one math::fast
// exponential; bound 4 / 8 ulp (fast.hpp).
#pragma once

#include <string_view>
#include <utility>

#include "detail/widen.hpp"
#include "functor.hpp"
#include "math/dword.hpp"
#include "math/exp.hpp"
#include "math/expm1.hpp"
#include "math/fast.hpp"
#include "math/wide.hpp"

namespace activ {
namespace detail {

// The fast tier of elu and selu (float): pos x for x > 0, neg (e^x - 1) else;
// f' = pos or neg e^x. x = +-0 gives x itself, NaN gives NaN.
template <bool Value, bool Slope, class V>
inline auto elu_fast(const V& x, const V& pos, const V& neg) {
  namespace mf = math::fast;
  const auto e = mf::exp_neg(xsimd::select(x > V(0), V(0), x));
  const auto up = (x > V(0)) | xsimd::isnan(x);
  return pick<Value, Slope>(
      [&] {
        return xsimd::select(up, pos * x, xsimd::select(x == V(0), x, neg * mf::expm1_of(e)));
      },
      [&] {
        return xsimd::select(x > V(0), pos,
                             xsimd::select(xsimd::isnan(x), x, (neg * e.ts) * V(mf::scale_down)));
      });
}

}  // namespace detail

struct elu {
  static constexpr std::string_view name = "elu";
  static constexpr ulp_bounds accuracy{1, 1.25, 1, 1.25};
  // No `interleave`: its chain is short; interleaving batches does not pay here.

  double alpha = 1;

  static constexpr auto parameters() { return std::array{parameter<&elu::alpha>("alpha")}; }

  ACTIV_CALLS_FROM_EVAL()

  template <bool Value, bool Slope, class V>
  auto fast_eval(const V& v) const {
    return detail::elu_fast<Value, Slope>(v, V(1), detail::splat<V>(alpha));
  }

  template <class T>
  T derivative_from_output(T y) const {
    return on_batch(y, [&](auto v) {
      using V = decltype(v);
      return xsimd::select(v > V(0), V(1), v + detail::splat<V>(alpha));
    });
  }

  bool derivative_from_output_valid() const { return alpha >= 0; }

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    using S = detail::scalar_t<V>;
    const auto a = math::make_dword<S>(alpha);
    const auto value = [&](const V& y) {
      return xsimd::select((v > V(0)) | xsimd::isnan(v), v,
                           xsimd::select(v == V(0), v * V(a.hi), y));
    };
    const auto slope = [&](const V& d) {
      return xsimd::select(v > V(0), V(1), xsimd::select(xsimd::isnan(v), v, d));
    };
    if constexpr (detail::is_float_batch<V>) {
      const auto r = detail::in_double(v, [&](auto d) {
        using D = decltype(d);
        const auto e = math::wide::exp_parts(d);
        return detail::pick<Value, Slope>([&] { return D(alpha) * math::wide::expm1_of(e); },
                                          [&] { return D(alpha) * math::wide::exp_of(e); });
      });
      return detail::each<Value, Slope>(r, value, slope);
    } else {
      // Unit: alpha == 1, where the products by alpha are exact and skipped (same bits).
      const auto both = [&](auto unit) {
        constexpr bool Unit = decltype(unit)::value;
        const math::expm1_exp_t<V> e = math::expm1_exp_nonpositive(v, V(0));
        return detail::pick<Value, Slope>(
            [&] { return Unit ? e.em1.hi + e.em1.lo : math::dw::mul_round(e.em1, a); },
            [&] {
              const V er = Unit ? e.er.hi + e.er.lo : math::dw::round(math::dw::mul(e.er, a));
              return (er * e.scale1) * e.scale2;
            });
      };
      const auto r = detail::if_one(alpha, both);
      return detail::each<Value, Slope>(r, value, slope);
    }
  }
};

}  // namespace activ
