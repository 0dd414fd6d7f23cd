// The element formulas and the slope-gradient sums of prelu_channels (prelu_channels.hpp).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "rowwise.hpp"

namespace activ {
namespace detail {
// PReLU with a batch of slopes: x for x > 0, a x otherwise, -0 for x = -inf
// and a = 0 (never 0 * inf).
template <class V>
inline V prelu_value(const V& x, const V& a) {
  using S = scalar_t<V>;
  const auto zero_at_inf = (a == V(0)) & (x < V(std::numeric_limits<S>::lowest()));
  return xsimd::select(x > V(0), x, xsimd::select(zero_at_inf, V(S(-0.0)), a * x));
}

// dy for x > 0, a dy for x <= 0, NaN for NaN x.
template <class V>
inline V prelu_grad(const V& x, const V& a, const V& g) {
  return g * xsimd::select(x > V(0), V(1), xsimd::select(x <= V(0), a, x));
}

// The sum of x dy over one channel, in a fixed order.
template <class T>
struct slope_sum;
template <>
struct slope_sum<float> {
  double s = 0;
  void add(float x, float g) { s += double(x) * double(g); }  // exact product
  float get() const { return static_cast<float>(s); }
};
template <>
struct slope_sum<double> {
  double s = 0, c = 0;
  static double high_half(double v) {  // v with its low 27 mantissa bits cleared
    std::uint64_t b;
    std::memcpy(&b, &v, sizeof b);
    b &= ~std::uint64_t(0x7FFFFFF);
    std::memcpy(&v, &b, sizeof v);
    return v;
  }
  void add(double x, double g) {
    const double p = x * g;
    const double xh = high_half(x), xl = x - xh, gh = high_half(g), gl = g - gh;
    const double p_lo = (((xh * gh - p) + xh * gl) + xl * gh) + xl * gl;  // x g - p, exact
    const double t = s + p, bb = t - s;
    const double e = (s - (t - bb)) + (p - bb);
    s = t;
    c += (std::isfinite(p) ? p_lo : 0.0) + e;
  }
  double get() const { return std::isfinite(s) ? s + c : s; }
};
}  // namespace detail
}  // namespace activ
