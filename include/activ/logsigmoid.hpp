// logsigmoid
//
//   f(x)  = log(sigmoid(x)) = min(x, 0) - log1p(e^-|x|)
//   f'(x) = sigmoid(-x) = 1 - sigmoid(x), as e^-|x|/(1 + e^-|x|) for x > 0 and
//           1/(1 + e^-|x|) for x <= 0 (math::logistic; no 1 - sigmoid)
//   f'(y) = 1 - e^y = -expm1(y)                    (derivative_from_output)
// No parameters.
//
// e^-|x| is exp_split's hi + lo, passed whole to math::log1p, whose result
// is kept as hi + lo and added to min(x, 0) with one rounding at the end (for
// x < 0 the two terms have the same sign: no cancellation). Written
// -(log1p(e^-|x|) - min(x, 0)) so that the result is -0, not +0, where
// log1p(e^-|x|) underflows (large x): the function is negative everywhere.
//
// Edges: f(-inf) = -inf, f(+inf) = -0, f(-0) = -log 2;
//   f'(-inf) = 1, f'(+inf) = +0, f'(-0) = 0.5; NaN in, NaN out.
// Accuracy (`accuracy`, ulp over the whole line, subnormal results included;
//   tests/elementwise.cpp, ulp-space sweep of 8M points per sign against long
//   double, g++ 12 and clang++ 14 at SSE2 and AVX2+FMA): measured 0.85
//   forward, 1.39 derivative (math::logistic). from_output: -expm1(y) is
//   within 1.5 ulp of f'(x) everywhere (y's relative error carries over at
//   most 1:1, as |y e^y / (1 - e^y)| <= 1 for y <= 0).
// Reference: PyTorch torch.nn.LogSigmoid.
#pragma once

#include <string_view>

#include "detail/simd.hpp"
#include "math/dword.hpp"
#include "math/exp.hpp"
#include "math/expm1.hpp"
#include "math/log1p.hpp"
#include "math/logistic.hpp"

namespace activ {

struct logsigmoid {
  static constexpr std::string_view name = "logsigmoid";
  static constexpr ulp_bounds accuracy{1, 1.5, 1, 1.5};

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) {
      using V = decltype(v);
      const math::exp_split_t<V> e = math::exp_split(-xsimd::abs(v), V(0));
      const math::double_word<V> l =
          math::log1p_parts((e.hi * e.scale1) * e.scale2, (e.lo * e.scale1) * e.scale2);
      // -(log1p(t) - min(x, 0)), rounded once.
      const math::double_word<V> y = math::dw::two_sum(l.hi, -xsimd::select(v < V(0), v, V(0)));
      return xsimd::select(xsimd::isnan(v), v,
                          detail::compat::neg(math::dw::round(math::double_word<V>{y.hi, y.lo + l.lo})));
    });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) { return xsimd::select(xsimd::isnan(v), v, math::logistic(-v)); });
  }

  template <class T>
  T derivative_from_output(T y) const {
    return detail::lift(y, [](auto v) { return xsimd::select(xsimd::isnan(v), v, -math::expm1(v)); });
  }
};

}  // namespace activ
