// leaky_relu (leaky rectified linear unit)
//   f(x)  = x for x > 0, alpha x for x <= 0
//   f'(x) = 1 for x > 0, alpha for x <= 0      (f'(0) = alpha, as PyTorch)
//   f'(y) = 1 for y > 0, alpha for y <= 0      (derivative_from_output, valid for alpha >= 0)
// Parameter: alpha = 0.01 (PyTorch's negative_slope), finite, rounded once to the element type as
//   PyTorch does; alpha x is one multiplication.
// Edges: f(-inf) = -inf (+inf for alpha < 0, -0 for alpha = 0: the limit, never 0 * inf),
//   f(+inf) = +inf, f(+-0) = +-0; f'(-inf) = alpha, f'(+inf) = 1, f'(+-0) = alpha; NaN in, NaN
//   out.
// Bound: `accuracy` against the double alpha: double correctly rounded (f' exact); in float
//   alpha's own rounding adds up to 0.5 ulp, and float-exact alphas (0.25) are correctly rounded.
//   The same bits with and without FMA.
// Reference: PyTorch torch.nn.LeakyReLU; Maas, Hannun, Ng 2013.
#pragma once

#include <string_view>

#include "detail/piecewise.hpp"
#include "functor.hpp"

namespace activ {
namespace detail {

// leaky_relu's and prelu's one formula; Self gives the name and the default.
template <class Self>
struct leaky_form {
  static constexpr ulp_bounds accuracy{1, 0.5, 0.5, 0};

  double alpha = Self::default_alpha;

  static constexpr auto parameters() { return std::array{parameter<&leaky_form::alpha>("alpha")}; }

  ACTIV_CALLS_FROM_EVAL()

  template <class T>
  T derivative_from_output(T y) const {
    return on_batch(y, [&](auto v) { return leaky_step(v, alpha); });
  }
  bool derivative_from_output_valid() const { return alpha >= 0; }

  void validate() const { require_finite(Self::name, "alpha", alpha); }

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    return pick<Value, Slope>([&] { return leaky(v, alpha); },
                              [&] { return leaky_step(v, alpha); });
  }
};

}  // namespace detail

struct leaky_relu : detail::leaky_form<leaky_relu> {
  static constexpr std::string_view name = "leaky_relu";
  static constexpr double default_alpha = 0.01;
};

}  // namespace activ
