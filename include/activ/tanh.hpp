// tanh (hyperbolic tangent)
//
//   f(x)  = tanh(x) = (e^x - e^-x) / (e^x + e^-x)
//   f'(x) = 1 - tanh(x)^2 = 4 e^-2|x| / (1 + e^-2|x|)^2
//   f'(y) = 1 - y^2 = (1 - y)(1 + y)         (derivative_from_output)
//
// Both work on |x| and restore the sign bit (odd, tanh(-0) = -0); f' is
// never 1 - tanh^2 (that cancels where tanh is near 1).
// float: evaluated in double and rounded once (math/wide_tanh.hpp, after
// math/wide.hpp): tanh|x| = E / (E + 2), E = e^2|x| - 1 (relative to |x|
// near 0, e^700 and so exactly 1 far out); f' = 4t / (1 + t)^2, t = e^-2|x|,
// written 4 (E + 1) / (E + 2)^2 from the same E.
// double: math::tanh, a polynomial below 1, 1 - 2 e^-2|x| / (1 + e^-2|x|)
// above, exactly 1 from math::detail_tanh::k<double>::k_saturation (19.062)
// on; f' from the same rounded e^-2|x| in numerator and denominator, so
// accurate in ulps everywhere, 4 e^-2|x| rounded once into the subnormal tail.
//
// Fused (value_and_derivative, forward_with_derivative): in float f and f'
//   share E = e^2|x| - 1 (f' = 4 (E + 1) / (E + 2)^2); double evaluates its
//   two kernels.
// Edges: f(-inf) = -1, f(+inf) = 1, f(-0) = -0; f'(+-inf) = +0, f'(+-0) = 1;
//        NaN in, NaN out (forward and derivative).
// Accuracy (ulp, whole range, see `accuracy`): tests/elementwise.cpp sweeps
//   float and double in ulp space against long double; measured with g++ 12
//   and clang 14 -O2 at SSE2 (no FMA), AVX2+FMA and AVX-512: float 0.504
//   forward, 0.501 derivative; double 0.78, 1.03.
// derivative_from_output: (1 - y)(1 + y) is within 1.75 ulp of f'(x) for
//   |y| <= 1/2; for |y| > 1/2 the error of y itself (1 - y carries it) is the
//   error, so it is bounded in absolute terms there: 2 * 2^-24 (float),
//   2 * 2^-53 (double). Prefer derivative(x) when x is at hand.
// Reference: PyTorch torch.tanh / torch.nn.Tanh.
#pragma once

#include <string_view>
#include <utility>

#include "detail/simd.hpp"
#include "detail/widen.hpp"
#include "math/tanh.hpp"
#include "math/wide_tanh.hpp"

namespace activ {

struct tanh {
  static constexpr std::string_view name = "tanh";
  static constexpr ulp_bounds accuracy{1, 2, 1, 2};
  static constexpr bool interleave = true;  // one long chain per batch (apply.hpp)

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [](auto v) { return eval<1, 0>(v); });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [](auto v) { return eval<0, 1>(v); });
  }

  // {f(x), f'(x)}; in float from one e^2|x| - 1 (double: two kernels): the
  // same bits as the two calls.
  template <class T>
  std::pair<T, T> value_and_derivative(T x) const {
    return detail::lift_pair(x, [](auto v) { return eval<1, 1>(v); });
  }

  template <class T>
  T derivative_from_output(T y) const {
    return detail::lift(y, [](auto v) {
      using V = decltype(v);
      return (V(1) - v) * (V(1) + v);
    });
  }

 private:
  template <bool Value, bool Slope, class V>
  static auto eval(const V& v) {
    if constexpr (detail::is_float_batch<V>) {
      const auto r = detail::in_double(clamp(v), [](auto a) {
        const auto e = math::wide::tanh_e(a);
        return detail::pick<Value, Slope>([&] { return math::wide::tanh_of(e); },
                                          [&] { return math::wide::tanh_derivative_of(e); });
      });
      // odd: the sign bit of x on f; NaN: v itself
      return detail::each<Value, Slope>(
          r, [&](const V& t) { return xsimd::select(xsimd::isnan(v), v, t | (v & V(-0.f))); },
          [&](const V& d) { return xsimd::select(xsimd::isnan(v), v, d); });
    } else {
      return detail::pick<Value, Slope>([&] { return math::tanh(v); },
                                        [&] { return math::tanh_derivative(v); });
    }
  }

  template <class V>
  static V clamp(V v) {
    return detail::compat::clamp_above(xsimd::abs(v), V(350.f));
  }
};

}  // namespace activ
