// hardsigmoid
//   f(x)  = clamp(alpha x + beta, 0, 1), evaluated as (x + c)/s, s = 1/alpha, c = beta s
//   f'(x) = alpha for -c < x < s - c, 0 otherwise (0 at both kinks, as PyTorch)
// Parameters: alpha = 1/6, beta = 1/2 (PyTorch: relu6(x + 3)/6); alpha = 0.2, beta = 0.5 gives
//   the ONNX/Keras form. alpha > 0, beta finite. s and c are computed in double and rounded once
//   (exactly 6 and 3, or 5 and 2.5), so the kinks sit where they should and f(-c) = 0 exactly,
//   where alpha x + beta with 1/6 rounded would lose every digit next to the root; the sloped
//   piece is math::shifted_quotient. No derivative_from_output: whether y in (0, 1) means x
//   inside the kinks depends on how the parameters round.
// Edges: f(-inf) = 0, f(+inf) = 1, f(+-0) = 0.5 (beta); f'(+-inf) = 0, f'(-3) = f'(3) = 0; NaN
//   in, NaN out.
// Bound: `accuracy`: correctly rounded for the PyTorch and Keras parameters
//   (tests/math_shifted_quotient.cpp), 1 ulp for other alphas; f' is alpha rounded to the type.
// Reference: PyTorch torch.nn.Hardsigmoid; ONNX HardSigmoid; Courbariaux et al. 2015.
#pragma once

#include <cfloat>
#include <cmath>
#include <string_view>

#include "detail/piecewise.hpp"
#include "functor.hpp"
#include "math/shifted_quotient.hpp"

namespace activ {

struct hardsigmoid {
  static constexpr std::string_view name = "hardsigmoid";
  static constexpr ulp_bounds accuracy{0.5, 0.5, 0.5, 0};

  double alpha = 1.0 / 6;
  double beta = 0.5;

  static constexpr auto parameters() {
    return std::array{parameter<&hardsigmoid::alpha>("alpha"),
                      parameter<&hardsigmoid::beta>("beta")};
  }

  ACTIV_CALLS_FROM_EVAL()

  void validate() const {
    if (!(alpha > 0) || !std::isfinite(alpha))
      detail::bad_parameter(name, "alpha must be positive and finite");
    detail::require_finite(name, "beta", beta);
    if (!(1 / alpha <= FLT_MAX) || !(std::fabs(beta * (1 / alpha)) <= FLT_MAX))
      detail::bad_parameter(name,
                            "alpha is too small: 1/alpha and beta/alpha must be finite in float");
  }

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    return detail::pick<Value, Slope>(
        [&] {
          const auto k = constants<detail::scalar_t<V>>();
          const V q = math::shifted_quotient(v, k);
          const V lo(-k.c), hi(k.s - k.c);
          const V inner = xsimd::select((v >= hi) | (q > V(1)), V(1), q);
          return xsimd::select(v > lo, inner, xsimd::select(v <= lo, V(0), v));  // NaN: v itself
        },
        [&] {
          using S = detail::scalar_t<V>;
          const auto k = constants<S>();
          return V(static_cast<S>(alpha)) * detail::inside(v, V(-k.c), V(k.s - k.c));
        });
  }

  template <class S>
  math::shifted_quotient_k<S> constants() const {
    const double s = 1 / alpha;
    return math::make_shifted_quotient<S>(beta * s, s);
  }
};

}  // namespace activ
