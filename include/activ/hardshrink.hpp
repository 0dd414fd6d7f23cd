// hardshrink
//   f(x)  = x for |x| > lambda, 0 on the closed band [-lambda, lambda]
//   f'(x) = 1 for |x| > lambda, 0 on the band
//   f'(y) = 1 for y != 0, 0 for y == 0          (derivative_from_output)
// Parameter: lambda = 0.5 (PyTorch's lambd), >= 0, rounded once to the element type. The band
//   gives x * 0, a zero with the sign of x (odd; PyTorch gives +0).
// Edges: f(+-inf) = +-inf, f(-0) = -0, f(-0.25) = -0; f'(+-inf) = 1, f'(+-lambda) = 0; NaN in,
//   NaN out.
// Bound: exact (`accuracy` 0 ulp). Reference: PyTorch torch.nn.Hardshrink.
#pragma once

#include <string_view>

#include "detail/piecewise.hpp"
#include "functor.hpp"

namespace activ {
namespace detail {

// hardshrink's and softshrink's parameter, derivative and checks; Self gives
// the name and f on |x| > lambda, Self::shrink(v, lambda).
template <class Self>
struct shrink_form {
  double lambda = 0.5;

  static constexpr auto parameters() {
    return std::array{parameter<&shrink_form::lambda>("lambda")};
  }

  ACTIV_CALLS_FROM_EVAL()

  template <class T>
  T derivative_from_output(T y) const {
    return on_batch(y, [](auto v) { return nonzero(v); });
  }

  void validate() const {
    if (!(lambda >= 0)) bad_parameter(Self::name, "lambda must be >= 0");
  }

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    const V l = splat<V>(lambda);
    return pick<Value, Slope>([&] { return Self::shrink(v, l); },
                              [&] { return outside_band(v, l); });
  }
};

}  // namespace detail

struct hardshrink : detail::shrink_form<hardshrink> {
  static constexpr std::string_view name = "hardshrink";
  static constexpr ulp_bounds accuracy{0, 0, 0, 0};

  template <class V>
  static V shrink(const V& v, const V& l) {
    return xsimd::select(xsimd::abs(v) <= l, v * V(0), v);
  }
};

}  // namespace activ
