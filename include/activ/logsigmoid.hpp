// logsigmoid
//   f(x)  = log(sigmoid(x)) = min(x, 0) - log1p(e^-|x|)
//   f'(x) = sigmoid(-x): e^-|x|/(1 + e^-|x|) for x > 0, 1/(1 + e^-|x|) for x <= 0
//   f'(y) = 1 - e^y = -expm1(y)                    (derivative_from_output)
// No parameters. Method: t = e^-|x|, no 1 - sigmoid anywhere. float in double (wide::log1p,
// wide::logistic_from, wide::expm1). double: t as hi + lo from the sigmoid core
// (math::logistic_parts, which also gives f') into math::log1p, whose hi + lo is added to min(x,
// 0) with one rounding (both terms have one sign), as -(log1p(t) - min(x, 0)) so that f is -0,
// not +0, where log1p(t) underflows. Fused: f and f' share t (float), the sigmoid core (double).
// Edges: f(-inf) = -inf, f(+inf) = -0, f(-0) = -log 2; f'(-inf) = 1, f'(+inf) = +0, f'(-0) = 0.5;
//   NaN in, NaN out.
// Bound: `accuracy` ulp over the whole float and double lines; from_output within 1.5 ulp
//   everywhere (|y e^y / (1 - e^y)| <= 1 for y <= 0: y's relative error carries over at most
//   1:1).
// Reference: PyTorch torch.nn.LogSigmoid.
#pragma once

#include <string_view>
#include <utility>

#include "detail/widen.hpp"
#include "functor.hpp"
#include "math/dword.hpp"
#include "math/expm1.hpp"
#include "math/log1p.hpp"
#include "math/logistic.hpp"
#include "math/wide.hpp"
#include "math/wide_log.hpp"

namespace activ {

struct logsigmoid {
  static constexpr std::string_view name = "logsigmoid";
  static constexpr ulp_bounds accuracy{1, 1.5, 1, 1.5};
  static constexpr bool interleave = true;  // one long chain per batch (apply.hpp)

  ACTIV_CALLS_FROM_EVAL()

  template <class T>
  T derivative_from_output(T y) const {
    return on_batch(y, [](auto v) {
      using V = decltype(v);
      V s;
      if constexpr (detail::is_float_batch<V>)
        s = detail::in_double(v, [](auto d) { return -math::wide::expm1(d); });
      else
        s = -math::expm1(v);
      return xsimd::select(xsimd::isnan(v), v, s);
    });
  }

 private:
  template <bool Value, bool Slope, class V>
  static auto eval(const V& v) {
    const auto keep_nan = [&](const V& y) { return xsimd::select(xsimd::isnan(v), v, y); };
    if constexpr (detail::is_float_batch<V>) {
      // t = e^-|x| (d | -0 is -|x|). NaN lanes are returned as they came, whatever min makes of
      // them.
      const auto r = detail::in_double(v, [](auto d) {
        using D = decltype(d);
        const D t = math::wide::exp(d | D(-0.0));
        return detail::pick<Value, Slope>(
            [&] { return xsimd::min(d, D(0)) - math::wide::log1p(t); },
            [&] { return math::wide::logistic_from(t, d <= D(0)); });
      });
      return detail::each<Value, Slope>(r, keep_nan, keep_nan);
    } else {
      // t and sigmoid(-x) from one sigmoid core (its parts depend on |x| only).
      return math::logistic_parts(v, [&](const math::logistic_t<V>& p) {
        const auto r = detail::pick<Value, Slope>(
            [&] {
              const math::double_word<V> l =
                  math::log1p_finite_parts(p.t_hi * p.scale, p.t_lo * p.scale);
              const math::double_word<V> s =
                  math::dw::two_sum(l.hi, -xsimd::select(v < V(0), v, V(0)));
              return detail::compat::neg(math::dw::round(math::double_word<V>{s.hi, s.lo + l.lo}));
            },
            [&] { return xsimd::select(v > V(0), p.neg(), p.pos()); });
        return detail::each<Value, Slope>(r, keep_nan, keep_nan);
      });
    }
  }
};

}  // namespace activ
