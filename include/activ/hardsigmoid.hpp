// hardsigmoid
//
//   f(x)  = clamp(alpha x + beta, 0, 1), evaluated as (x + c)/s with s = 1/alpha,
//           c = beta s
//   f'(x) = alpha for -c < x < s - c, 0 otherwise (0 at both kinks, as PyTorch)
//
// Parameters: alpha = 1/6, beta = 1/2 (PyTorch: relu6(x + 3)/6, kinks at -3
// and 3); alpha = 0.2, beta = 0.5 gives the ONNX/Keras form (kinks at -2.5
// and 2.5). alpha > 0 and beta finite. s = 1/alpha and c = beta s are
// computed in double and rounded once to the element type: exactly 6 and 3
// (PyTorch) or 5 and 2.5 (Keras), so the kinks sit exactly where they should
// and f(-c) = 0 exactly. alpha x + beta with alpha = 1/6 rounded would miss
// the root and lose every digit next to it.
// The sloped piece is math::shifted_quotient: (x + c)/s rounded once.
//
// Edges: f(-inf) = 0, f(+inf) = 1, f(+-0) = 0.5 (beta); f'(+-inf) = 0,
//        f'(-3) = f'(3) = 0; NaN in, NaN out (forward and derivative).
// Accuracy: correctly rounded in float and double for the PyTorch and Keras
//   parameters, with and without FMA (tests/math_shifted_quotient.cpp: every
//   float, and double near every kind of midpoint); measured 0.5 ulp against
//   long double. Derivative: alpha rounded to the type (0.5 ulp in float,
//   exact in double). Other alphas: within 1 ulp.
//   No derivative_from_output: whether y in (0, 1) means x inside the kinks
//   depends on how the parameters round.
// Reference: PyTorch torch.nn.Hardsigmoid; ONNX HardSigmoid; Courbariaux et
//   al., "BinaryConnect" (2015).
#pragma once

#include <cfloat>
#include <cmath>
#include <string_view>

#include "detail/piecewise.hpp"
#include "math/shifted_quotient.hpp"

namespace activ {

struct hardsigmoid {
  static constexpr std::string_view name = "hardsigmoid";
  static constexpr ulp_bounds accuracy{0.5, 0.5, 0.5, 0};

  double alpha = 1.0 / 6;
  double beta = 0.5;

  template <class T>
  T operator()(T x) const {
    return detail::lift(x, [&](auto v) {
      using V = decltype(v);
      const auto k = constants<detail::scalar_t<V>>();
      const V q = math::shifted_quotient(v, k);
      const V lo(-k.c), hi(k.s - k.c);
      const V inner = xsimd::select((v >= hi) | (q > V(1)), V(1), q);
      return xsimd::select(v > lo, inner, xsimd::select(v <= lo, V(0), v));  // NaN: v itself
    });
  }

  template <class T>
  T derivative(T x) const {
    return detail::lift(x, [&](auto v) {
      using V = decltype(v);
      using S = detail::scalar_t<V>;
      const auto k = constants<S>();
      return V(static_cast<S>(alpha)) * detail::inside(v, V(-k.c), V(k.s - k.c));
    });
  }

  void validate() const {
    if (!(alpha > 0) || !std::isfinite(alpha)) detail::bad_parameter(name, "alpha must be positive and finite");
    detail::require_finite(name, "beta", beta);
    if (!(1 / alpha <= FLT_MAX) || !(std::fabs(beta * (1 / alpha)) <= FLT_MAX))
      detail::bad_parameter(name, "alpha is too small: 1/alpha and beta/alpha must be finite in float");
  }

 private:
  // c = beta s and s = 1/alpha in double, each rounded once to S.
  template <class S>
  math::shifted_quotient_k<S> constants() const {
    const double s = 1 / alpha;
    return math::make_shifted_quotient<S>(beta * s, s);
  }
};

}  // namespace activ
