// rrelu (randomized leaky rectified linear unit)
//   eval (the functor):  f(x) = x for x > 0, a x for x <= 0, a = (lower + upper)/2;
//                        f'(x) = 1 or a;  f'(y) = 1 for y > 0, a for y <= 0 (valid for a >= 0)
//   rrelu_train(f, seed, x, y, slopes, offset = 0):  y[i] = x[i] for x[i] > 0, r_i x[i]
//                        otherwise; slopes[i] = 1 or r_i (NaN for NaN x[i])
//   rrelu_backward(slopes, dy, dx):  dx[i] = dy[i] * slopes[i]
// r_i, uniform on [lower, upper], depends on (seed, offset + i) only: the (offset + i)-th output
// of a splitmix64 stream from state mix64(seed), scaled to [0, 1) with 24 (float) or 53 (double)
// random bits, then lower + (upper - lower) u in double, rounded once. So a seed gives the same
// slopes whatever the SIMD width, and one call over x[0, n) equals two over x[0, k) and x[k, n)
// with offsets 0 and k. No state, no allocation. Parameters: lower = 1/8, upper = 1/3
// (PyTorch's), finite, lower <= upper.
// Edges (eval): f(-inf) = -inf, f(+inf) = +inf, f(-0) = -0; f'(-inf) = a, f'(+inf) = 1; NaN in,
//   NaN out. Training: the same per element (x * r_i, -0 at -inf if r_i = 0).
// Bound: `accuracy`, as leaky_relu with alpha = a. Reference: PyTorch torch.nn.RReLU (eval and
//   train modes); Xu et al. 2015; Steele, Lea, Flood, "Fast splittable pseudorandom number
//   generators" (2014).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "apply.hpp"
#include "detail/piecewise.hpp"
#include "functor.hpp"

namespace activ {

struct rrelu {
  static constexpr std::string_view name = "rrelu";
  static constexpr ulp_bounds accuracy{1, 0.5, 0.5, 0};

  double lower = 1.0 / 8;
  double upper = 1.0 / 3;

  static constexpr auto parameters() {
    return std::array{parameter<&rrelu::lower>("lower"), parameter<&rrelu::upper>("upper")};
  }

  ACTIV_CALLS_FROM_EVAL()

  template <class T>
  T derivative_from_output(T y) const {
    return on_batch(y, [&](auto v) { return detail::leaky_step(v, slope()); });
  }
  bool derivative_from_output_valid() const { return slope() >= 0; }

  void validate() const {
    detail::require_finite(name, "lower", lower);
    detail::require_finite(name, "upper", upper);
    if (lower > upper) detail::bad_parameter(name, "lower must not exceed upper");
  }

  // The evaluation slope (lower + upper)/2.
  double slope() const { return (lower + upper) / 2; }

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    return detail::pick<Value, Slope>([&] { return detail::leaky(v, slope()); },
                                      [&] { return detail::leaky_step(v, slope()); });
  }
};

namespace detail {
// splitmix64's output function: a bijective mix of 64 bits.
constexpr std::uint64_t mix64(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return z ^ (z >> 31);
}

// The slope r of element `index` for key = mix64(seed): the index-th output of splitmix64
// (increment: the odd golden-ratio constant) from state key.
template <class T>
inline T rrelu_slope(const rrelu& f, std::uint64_t key, std::uint64_t index) noexcept {
  constexpr int bits = std::numeric_limits<T>::digits;  // 24 or 53
  const std::uint64_t h = mix64(key + (index + 1) * 0x9E3779B97F4A7C15u);
  const double u =
      static_cast<double>(h >> (64 - bits)) / static_cast<double>(std::uint64_t(1) << bits);
  const double r = f.lower + (f.upper - f.lower) * u;
  return static_cast<T>(r < f.upper ? r : f.upper);
}
}  // namespace detail

template <class T>
void rrelu_train(const rrelu& f, std::uint64_t seed, const T* x, T* y, T* slopes, std::size_t n,
                 std::uint64_t offset = 0) {
  detail::require_real<T>();
  detail::check<T, 1, 2>("rrelu_train", {{{"x", x, n}}}, {{{"y", y, n}, {"slopes", slopes, n}}});
  f.validate();
  const T inf = std::numeric_limits<T>::infinity();
  const std::uint64_t key = detail::mix64(seed);
  for (std::size_t i = 0; i < n; ++i) {
    const T xi = x[i];  // read before writing: y or slopes may be x itself
    T s = xi, yi = xi;  // NaN stays NaN in both
    if (xi > 0) {
      s = 1;
    } else if (xi <= 0) {
      s = detail::rrelu_slope<T>(f, key, offset + i);
      yi = xi == -inf ? (s == 0 ? T(-0.0) : -inf * s) : xi * s;
    }
    y[i] = yi;
    slopes[i] = s;
  }
}

template <class X, class Y, class S, class = std::enable_if_t<detail::are_ranges_v<X, Y, S>>>
void rrelu_train(const rrelu& f, std::uint64_t seed, const X& x, Y&& y, S&& slopes,
                 std::uint64_t offset = 0) {
  using T = detail::range_value_t<const X>;
  detail::same_sizes("rrelu_train", {{"x", x.size()}, {"y", y.size()}, {"slopes", slopes.size()}});
  rrelu_train(f, seed, static_cast<const T*>(x.data()), detail::data_of(y), detail::data_of(slopes),
              x.size(), offset);
}

template <class A = xsimd::default_arch, class T>
void rrelu_backward(const T* slopes, const T* dy, T* dx, std::size_t n) {
  detail::require_real<T>();
  detail::check<T, 2, 1>("rrelu_backward", {{{"slopes", slopes, n}, {"dy", dy, n}}},
                         {{{"dx", dx, n}}});
  detail::run<A, T, 2, 1>(n, {slopes, dy}, {dx}, [](auto s, auto g) { return g * s; });
}

template <class A = xsimd::default_arch, class R, class DY, class DX,
          class = std::enable_if_t<detail::are_ranges_v<R, DY, DX>>>
void rrelu_backward(const R& slopes, const DY& dy, DX&& dx) {
  using T = detail::range_value_t<const R>;
  detail::same_sizes("rrelu_backward",
                     {{"slopes", slopes.size()}, {"dy", dy.size()}, {"dx", dx.size()}});
  rrelu_backward<A>(static_cast<const T*>(slopes.data()), static_cast<const T*>(dy.data()),
                    detail::data_of(dx), slopes.size());
}

}  // namespace activ
