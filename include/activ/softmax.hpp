// softmax (row-wise), and activ::jacobian for one row
//
//   y_i = e^(z_i - max z) / sum_j e^(z_j - max z),   z = x / T
//   backward (from y):  dx_i = (y_i / T) (dy_i - sum_j dy_j y_j)
//   jacobian:           J_ij = dy_i/dx_j = (y_i / T) (delta_ij - y_j)
//
// Layout: row-major rows of `cols` values; cols == 0 means the whole range is
// one row; x.size() must be a multiple of cols. forward(f, x, y) with
// y.size() == x.size(), in place allowed; backward(f, x, y, dy, dx) uses the
// saved output y (x is only size-checked), dx may be y or dy.
// Parameters: cols = 0; temperature T = 1 (finite, > 0); zero_masked_rows =
// false (PyTorch's NaN for a fully masked row; true gives zeros, as attention
// code wants).
//
// Method (detail/softmax_rows.hpp): a max pass, then a pass that forms
// x - max exactly (TwoSum; rounding it would cost up to 64 ulp at
// |x - max| = 64 in float), takes e^ of that double-word and sums with a
// compensated sum (scaled by 2^K, so that no term is subnormal), storing e;
// then y = e * (1/sum), the reciprocal a double-word and the product rounded
// once. No heap allocation.
//
// Edges: an element -inf gives 0; a row with NaN or +inf gives NaN in every
//   element (as PyTorch); a row of -inf only gives NaN, or 0 with
//   zero_masked_rows; rows of 1e30 or -1e30 are fine (uniform 1/n); ties
//   share the mass exactly.
// Accuracy (`accuracy`; tests/rowwise_softmax.cpp against long double over
//   random rows of lengths 1 .. 3W+1, 1000 and 32000: normal, spreads of 90
//   and 800 at offsets 0 .. 1e6, near-1 sums, ties, a maximum above a tail
//   of subnormal terms; subnormal results
//   included; T = 1, 0.5, 3; g++ 12 and clang 14 -O2, SSE2, AVX2+FMA and
//   AVX-512): every element within 2 ulp (measured 1.50) in float and double;
//   rows sum to 1 within 2 eps (measured 0.40 eps); backward within 2.5 ulp
//   (measured 2.21) of |y| (|dy| + |s|) / T, s = sum(dy y); jacobian within
//   2 ulp (measured 1.62) of |y_i| (delta_ij + y_j) / T.
// Reference: PyTorch torch.softmax; Bridle 1990.
#pragma once

#include <cmath>
#include <string_view>

#include "detail/piecewise.hpp"
#include "detail/softmax_rows.hpp"

namespace activ {

struct softmax {
  static constexpr std::string_view name = "softmax";
  static constexpr bool rowwise = true;
  // forward: ulps of y; derivative: backward, in ulps of its scale (see above).
  static constexpr ulp_bounds accuracy{2, 2.5, 2, 2.5};

  std::size_t cols = 0;
  double temperature = 1;
  bool zero_masked_rows = false;

  void validate() const {
    if (!(std::isfinite(temperature) && temperature > 0))
      detail::bad_parameter(name, "temperature must be finite and > 0, not " + std::to_string(temperature));
  }

  template <class A, class T>
  void forward_rows(const T* x, std::size_t nx, T* y, std::size_t ny) const {
    detail::softmax_forward<A, false>(name, *this, x, nx, y, ny);
  }

  template <class A, class T>
  void backward_rows(const T* x, std::size_t nx, const T* y, std::size_t ny, const T* dy,
                     std::size_t ndy, T* dx, std::size_t ndx) const {
    detail::softmax_backward<A, false>(name, *this, x, nx, y, ny, dy, ndy, dx, ndx);
  }
};

// The cols x cols Jacobian of one softmax row from its output y (row-major,
// J[i * cols + j] = dy_i / dx_j). J.size() must be y.size()^2.
template <class Y, class J, class = std::enable_if_t<detail::are_ranges_v<Y, J>>>
void jacobian(const softmax& f, const Y& y, J&& j) {
  using T = detail::range_value_t<const Y>;
  const std::size_t n = detail::jacobian_check<T>(f, y.data(), y.size(), detail::data_of(j), j.size());
  const T t = static_cast<T>(1 / f.temperature);
  T* out = detail::data_of(j);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b)
      out[a * n + b] = (t * y[a]) * ((a == b ? T(1) : T(0)) - y[b]);
}

}  // namespace activ
