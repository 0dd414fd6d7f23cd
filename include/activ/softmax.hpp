// softmax (row-wise), and activ::jacobian for one row
//   y_i = e^(z_i - max z) / sum_j e^(z_j - max z),   z = x / T
//   backward (from y):  dx_i = (y_i / T) (dy_i - sum_j dy_j y_j)
//   jacobian:           J_ij = dy_i/dx_j = (y_i / T) (delta_ij - y_j)
// Layout: row-major rows of `cols` values (cols == 0: one row). forward(f, x, y),
//   y.size() == x.size(), in place allowed; backward(f, x, y, dy, dx) uses the saved output y (x
//   only size-checked), dx may be y or dy. Parameters: cols = 0; temperature T = 1 (finite, > 0);
//   zero_masked_rows = false (PyTorch's NaN for a fully masked row; true gives zeros, as
//   attention code wants).
// Method (detail/softmax_rows.hpp): x - max exact (rounded, it would cost up to 64 ulp at
//   |x - max| = 64 in float), e^ of that double-word, a compensated sum, y = e * (1/sum) rounded
//   once. No heap allocation.
// Edges: an element -inf gives 0; a row with NaN or +inf gives NaN in every element (as PyTorch);
//   a row of -inf only gives NaN, or 0 with zero_masked_rows; rows of 1e30 or -1e30 give 1/n;
//   ties share the mass exactly.
// Bound (`accuracy`; tests/rowwise_softmax.cpp, subnormal results included): every element within
//   2 ulp; rows sum to 1 within 2 eps; backward within 2.5 ulp of |y| (|dy| + |s|) / T,
//   s = sum(dy y); jacobian within 2 ulp of |y_i| (delta_ij + y_j) / T.
// Reference: PyTorch torch.softmax; Bridle 1990.
#pragma once

#include <cmath>
#include <string_view>

#include "detail/piecewise.hpp"
#include "detail/softmax_rows.hpp"

namespace activ {

struct softmax : detail::softmax_form<softmax, false> {
  static constexpr std::string_view name = "softmax";
  // forward: ulps of y; derivative: backward, in ulps of its scale (see above).
  static constexpr ulp_bounds accuracy{2, 2.5, 2, 2.5};
};

// The cols x cols Jacobian of one softmax row from its output y (row-major,
// J[i * cols + j] = dy_i / dx_j). J.size() must be y.size()^2.
template <class Y, class J, class = std::enable_if_t<detail::are_ranges_v<Y, J>>>
void jacobian(const softmax& f, const Y& y, J&& j) {
  using T = detail::range_value_t<const Y>;
  const std::size_t n =
      detail::jacobian_check<T>(f, y.data(), y.size(), detail::data_of(j), j.size());
  const T t = static_cast<T>(1 / f.temperature);
  T* out = detail::data_of(j);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b)
      out[a * n + b] = (t * y[a]) * ((a == b ? T(1) : T(0)) - y[b]);
}

}  // namespace activ
