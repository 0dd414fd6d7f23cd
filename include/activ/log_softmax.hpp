// log_softmax (row-wise), and activ::jacobian for one row
//   y_i = (z_i - max z) - log(sum_j e^(z_j - max z)),   z = x / T
//   backward (from y):  dx_i = (dy_i - e^(y_i) sum_j dy_j) / T
//   jacobian:           J_ij = dy_i/dx_j = (delta_ij - e^(y_j)) / T
// Layout, arguments and parameters as softmax (softmax.hpp): cols = 0, T = 1,
// zero_masked_rows = false; in place allowed; backward uses the saved output y.
// Method (detail/softmax_rows.hpp): log(sum) = log1p((c - 1) + R) as hi + lo, c the count of
//   maxima: where the sum is close to 1 the answer for the maximum is -R (say -1e-13), which
//   log(sum) rounded to 1 would return as 0; y_i = d_i - log(sum), rounded once.
// Edges: an element -inf gives -inf; a row with NaN or +inf gives NaN in every element (as
//   PyTorch); a row of -inf only gives NaN, or -inf with zero_masked_rows; rows of 1e30 or -1e30
//   give -log(n).
// Bound (`accuracy`; tests/rowwise_softmax.cpp): every element within 1 ulp, the near-1 sums
//   included; log_softmax and log(softmax) agree within 1 ulp(log_softmax) + 2 eps where softmax
//   is normal; backward within 2 ulp of (|dy| + e^y |s|) / T, s = sum(dy); jacobian within 2 ulp
//   of (delta_ij + e^(y_j)) / T.
// Reference: PyTorch torch.log_softmax.
#pragma once

#include <cmath>
#include <string_view>

#include "detail/piecewise.hpp"
#include "detail/softmax_rows.hpp"
#include "softmax.hpp"

namespace activ {

struct log_softmax : detail::softmax_form<log_softmax, true> {
  static constexpr std::string_view name = "log_softmax";
  // forward: ulps of y; derivative: backward, in ulps of its scale (see above).
  static constexpr ulp_bounds accuracy{1, 2, 1, 2};
};

// The cols x cols Jacobian of one log_softmax row from its output y.
template <class Y, class J, class = std::enable_if_t<detail::are_ranges_v<Y, J>>>
void jacobian(const log_softmax& f, const Y& y, J&& j) {
  using T = detail::range_value_t<const Y>;
  const std::size_t n =
      detail::jacobian_check<T>(f, y.data(), y.size(), detail::data_of(j), j.size());
  const T t = static_cast<T>(1 / f.temperature);
  T* out = detail::data_of(j);
  for (std::size_t b = 0; b < n; ++b) {
    const T p = math::exp(xsimd::batch<T>(y[b])).get(0);
    for (std::size_t a = 0; a < n; ++a) out[a * n + b] = t * ((a == b ? T(1) : T(0)) - p);
  }
}

}  // namespace activ
