// sigmoid (logistic)
//
//   f(x)  = 1 / (1 + e^-x)
//   f'(x) = f(x) (1 - f(x)) = e^-|x| / (1 + e^-|x|)^2
//   f'(y) = y (1 - y)                       (derivative_from_output)
//
// Evaluated on t = e^-|x| <= 1, which never overflows (XNNPACK's
// orientation): f = 1/(1+t) for x >= 0, t/(1+t) for x < 0, one division
// either way, and f' = t / (1+t)^2. Results are subnormal but accurate far
// out: f(-100) = 3.7e-44 in float.
//
// Fused (value_and_derivative, forward_with_derivative): f and f' from one
//   evaluation of the core, in float and double.
// Edges: f(-inf) = +0, f(+inf) = 1, f(+-0) = 0.5; f'(+-inf) = +0;
//        NaN in, NaN out (forward and derivative).
// Accuracy (ulp, whole range, see `accuracy`): tests/elementwise.cpp sweeps
//   the float and double lines in ulp space against long double; measured with
//   g++ 12 -O2 at SSE2 (no FMA), AVX2+FMA and AVX-512: f 0.82 (float) and
//   0.81 (double), f' 1.72 and 1.51 (math/logistic.hpp: one division, about
//   0.6 ulp for sigmoid(-|x|), 1 - that for x > 0).
// derivative_from_output: y (1 - y) is within 3.5 ulp of f'(x) for y <= 0.5;
//   for y > 0.5 the error of y itself (1 - y carries it) is the error, so it
//   is bounded in absolute terms there: 3 * 2^-24 (float), 3 * 2^-53 (double).
//   Prefer derivative(x) when x is at hand.
// Reference: PyTorch torch.sigmoid; XNNPACK f32-vsigmoid.
#pragma once

#include <string_view>
#include <utility>

#include "detail/simd.hpp"
#include "math/logistic.hpp"

namespace activ {

struct sigmoid {
  static constexpr std::string_view name = "sigmoid";
  static constexpr ulp_bounds accuracy{1.5, 3.5, 1.5, 3.5};
  static constexpr bool interleave = true;  // one long chain per batch (apply.hpp)

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) { return eval<1, 0>(v); });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) { return eval<0, 1>(v); });
  }

  // {f(x), f'(x)} from one evaluation of the core: the same bits as the two calls.
  template <class T>
  std::pair<T, T> value_and_derivative(T x) const {
    return detail::lift_pair(x, [](auto v) { return eval<1, 1>(v); });
  }

  template <class T>
  T derivative_from_output(T y) const {
    return detail::lift(y, [](auto v) {
      using V = decltype(v);
      return v * (V(1) - v);
    });
  }

 private:
  template <bool Value, bool Slope, class V>
  static auto eval(const V& x) {
    return math::logistic_parts(x, [&](const math::logistic_t<V>& l) {
      // f' = sigmoid(|x|) sigmoid(-|x|)
      return detail::pick<Value, Slope>([&] { return math::logistic_value(x, l); },
                                        [&] { return math::keep_nan(x, (l.pos() * l.neg_m()) * l.scale); });
    });
  }
};

}  // namespace activ
