// logsigmoid
//
//   f(x)  = log(sigmoid(x)) = min(x, 0) - log1p(e^-|x|)
//   f'(x) = sigmoid(-x) = 1 - sigmoid(x), as e^-|x|/(1 + e^-|x|) for x > 0 and
//           1/(1 + e^-|x|) for x <= 0 (double: math::logistic; no 1 - sigmoid)
//   f'(y) = 1 - e^y = -expm1(y)                    (derivative_from_output)
// No parameters.
//
// float (math/wide.hpp): in double, rounded once to float: min(x, 0) -
// wide::log1p(wide::exp(-|x|)) (math/wide_log.hpp, degree 11, 2^-32.9
// relative), which is -0 where log1p(e^-|x|) < 2^-150 (large x);
// f'(x) = sigmoid(-x) from the same t = e^-|x| (clamped to e^-700, where f'
// rounds to 0): 1 / (1 + t) for x <= 0, t / (1 + t) above
// (wide::logistic_from); f'(y) = -wide::expm1(y).
// double: e^-|x| as hi + lo from the sigmoid core (math::logistic_parts,
// which f' = sigmoid(-x) also takes), passed whole to math::log1p, whose
// result is kept as hi + lo and added to min(x, 0) with one rounding at the
// end (for x < 0 the two terms have the same sign: no cancellation). Written
// -(log1p(e^-|x|) - min(x, 0)) so that the result is -0, not +0, where
// log1p(e^-|x|) underflows (large x): the function is negative everywhere.
//
// Fused (value_and_derivative, forward_with_derivative): in float f and f'
//   share e^-|x| (f' = sigmoid(-x) from it); in double the sigmoid core.
// Edges: f(-inf) = -inf, f(+inf) = -0, f(-0) = -log 2;
//   f'(-inf) = 1, f'(+inf) = +0, f'(-0) = 0.5; NaN in, NaN out.
// Accuracy (`accuracy`, ulp over the whole line, subnormal results included;
//   tests/elementwise.cpp, ulp-space sweep of 8M points per sign against long
//   double, g++ 12 and clang++ 14 at SSE2 and AVX2+FMA): measured float
//   0.502 forward, 0.502 derivative; double 0.75 forward, 0.81 derivative
//   (math::logistic). from_output (1.36 float, 1.25 double): -expm1(y) is
//   within 1.5 ulp of f'(x) everywhere (y's relative error carries over at
//   most 1:1, as |y e^y / (1 - e^y)| <= 1 for y <= 0).
// Reference: PyTorch torch.nn.LogSigmoid.
#pragma once

#include <string_view>
#include <utility>

#include "detail/simd.hpp"
#include "detail/widen.hpp"
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

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) { return eval<1, 0>(v); });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) { return eval<0, 1>(v); });
  }

  // {f(x), f'(x)} from one e^-|x|: the same bits as the two calls.
  template <class T>
  std::pair<T, T> value_and_derivative(T x) const {
    return detail::lift_pair(x, [](auto v) { return eval<1, 1>(v); });
  }

  template <class T>
  T derivative_from_output(T y) const {
    return detail::lift(y, [](auto v) {
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
      // In double, rounded once, with t = e^-|x| (d | -0 is -|x|): f = min(x, 0)
      // - log1p(t), f' = sigmoid(-x). NaN lanes are returned as they came,
      // whatever min makes of them.
      const auto r = detail::in_double(v, [](auto d) {
        using D = decltype(d);
        const D t = math::wide::exp(d | D(-0.0));
        return detail::pick<Value, Slope>([&] { return xsimd::min(d, D(0)) - math::wide::log1p(t); },
                                          [&] { return math::wide::logistic_from(t, d <= D(0)); });
      });
      return detail::each<Value, Slope>(r, keep_nan, keep_nan);
    } else {
      // t = e^-|x| and sigmoid(-x) from one evaluation of the sigmoid core
      // (its parts depend on |x| only).
      return math::logistic_parts(v, [&](const math::logistic_t<V>& p) {
        const auto r = detail::pick<Value, Slope>(
            [&] {
              const math::double_word<V> l = math::log1p_finite_parts(p.t_hi * p.scale, p.t_lo * p.scale);
              // -(log1p(t) - min(x, 0)), rounded once.
              const math::double_word<V> s = math::dw::two_sum(l.hi, -xsimd::select(v < V(0), v, V(0)));
              return detail::compat::neg(math::dw::round(math::double_word<V>{s.hi, s.lo + l.lo}));
            },
            [&] { return xsimd::select(v > V(0), p.neg(), p.pos()); });
        return detail::each<Value, Slope>(r, keep_nan, keep_nan);
      });
    }
  }
};

}  // namespace activ
