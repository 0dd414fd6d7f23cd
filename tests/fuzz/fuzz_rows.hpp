// The fuzz target's row-wise part (softmax, log_softmax, maxout, the glu
// family) and rrelu's training form; fuzz_drivers.cpp picks them from the
// same input bytes as the element-wise drivers. Row-wise checks:
//   - a size that does not fit the layout (not a multiple of cols, of 2 * cols
//     or of pieces) throws std::invalid_argument and writes nothing;
//   - forward and backward give the same bits on misaligned arguments, with
//     the outputs in place (over x's buffer), as on aligned separate ones,
//     and row by row (one call per row, or per maxout group) as on the whole
//     range: a row's result depends neither on its position nor its neighbours;
//   - the documented values: maxout's output is its group's first maximum,
//     or its first NaN, bit for bit; glu's is gate(a) * b with the scalar
//     gate (any NaN for a NaN); a softmax or log_softmax row with NaN or +inf is NaN throughout,
//     and a finite row (temperature 1) is in [0, 1], or <= 0 for log_softmax.
// rrelu_train: slopes are 1 for x > 0, NaN for NaN, in [lower, upper] else;
// y = x * slope bit for bit (-inf times a zero slope is -0); two calls with
// offsets 0 and k give the bits of one call; rrelu_backward is dy * slope.
#pragma once

#include <activ/activ.hpp>
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "fuzz_support.hpp"

namespace activ_fuzz {

template <class G, class = void>
struct has_pieces : std::false_type {};
template <class G>
struct has_pieces<G, std::void_t<decltype(std::declval<G&>().pieces)>> : std::true_type {};
template <class G, class = void>
struct has_gate : std::false_type {};
template <class G>
struct has_gate<G, std::void_t<decltype(std::declval<G&>().gate)>> : std::true_type {};

constexpr std::size_t no_size = std::size_t(-1);

// A unit of `in` inputs gives `out` outputs; in == 0: the whole range is one row.
template <class G>
void row_unit(const G& g, std::size_t& in, std::size_t& out) {
  if constexpr (has_pieces<G>::value)
    in = g.pieces, out = 1;
  else if constexpr (has_gate<G>::value)
    in = 2 * g.cols, out = g.cols;
  else
    in = out = g.cols;
}

// y's size for n inputs, or no_size where n does not fit the layout.
template <class G>
std::size_t output_size(const G& g, std::size_t n) {
  std::size_t in = 0, out = 0;
  row_unit(g, in, out);
  if (in == 0) return !has_gate<G>::value ? n : n % 2 ? no_size : n / 2;
  return n % in ? no_size : n / in * out;
}

template <class T, class Call>
void expect_refusal(Call call, const std::vector<T>& out, const std::string& what) {
  bool thrown = false;
  try {
    call();
  } catch (const std::invalid_argument&) {
    thrown = true;
  }
  if (!thrown) fail(what + ": sizes that do not fit were not reported");
  for (T v : out)
    if (!same_bits(v, T(7))) fail(what + ": written before the size error");
}

// The documented values of one row (x: in values, y: out values).
template <class G, class T>
void check_row_values(const G& g, const T* x, std::size_t in, const T* y, std::size_t out,
                      const std::string& where) {
  if constexpr (has_pieces<G>::value) {
    std::size_t k = 0;
    while (k < in && x[k] == x[k]) ++k;  // the first NaN, if any
    if (k == in) {
      T m = x[0];
      for (std::size_t j = 1; j < in; ++j) m = x[j] > m ? x[j] : m;
      for (k = 0; x[k] != m; ++k) {
      }
    }
    if (!same_bits(y[0], x[k])) fail("maxout is not its group's first maximum: " + where);
  } else if constexpr (has_gate<G>::value) {
    const std::size_t c = out, a = g.gate_first ? 0 : c, b = g.gate_first ? c : 0;
    for (std::size_t i = 0; i < c; ++i)
      if (!same_value(y[i], T(g.gate(x[a + i]) * x[b + i])))
        fail("glu differs from gate(a) * b: " + where);
  } else {
    const bool log = G::name == "log_softmax";
    bool poisoned = false, finite = true;
    for (std::size_t i = 0; i < in; ++i) {
      poisoned |= std::isnan(x[i]) || x[i] == std::numeric_limits<T>::infinity();
      finite &= std::isfinite(x[i]);
    }
    for (std::size_t i = 0; i < out; ++i) {
      if (poisoned && !std::isnan(y[i]))
        fail(std::string(G::name) + " of a row with NaN or +inf: " + where);
      if (finite && g.temperature == 1 && !(log ? y[i] <= 0 : y[i] >= 0 && y[i] <= 1))
        fail(std::string(G::name) + " of a finite row out of its range: " + where);
    }
  }
}

template <class T, class G>
void run_rows(const G& g, const std::string& spec, reader& in) {
  const std::size_t n = in.byte() % 200, offset = in.byte() % 16;
  const bool in_place = in.byte() & 1;
  std::vector<T> x(n);
  for (auto& v : x) v = in.raw<T>();
  const std::string where = spec + (sizeof(T) == 4 ? " f32" : " f64") + " n=" + std::to_string(n) +
                            " offset=" + std::to_string(offset) + (in_place ? " in place" : "");
  const std::size_t ny = output_size(g, n);
  if (ny == no_size) {
    std::vector<T> y(n, T(7)), dy(n, T(1)), dx(n, T(7));
    expect_refusal([&] { activ::forward(g, x, y); }, y, "forward " + where);
    expect_refusal([&] { activ::backward(g, x, y, dy, dx); }, dx, "backward " + where);
    return;
  }
  std::vector<T> dy(ny);
  for (auto& v : dy) v = in.raw<T>();
  const T nan = std::numeric_limits<T>::quiet_NaN();
  std::vector<T> y(ny, nan), dx(n, nan);
  activ::forward(g, x, y);
  activ::backward(g, x, y, dy, dx);

  // Misaligned copies, the outputs over x's buffer when in place.
  std::vector<T> xb(n + offset), yb(ny + offset, nan), dyb(ny + offset), dxb(n + offset, nan);
  std::copy(x.begin(), x.end(), xb.begin() + offset);
  std::copy(dy.begin(), dy.end(), dyb.begin() + offset);
  T* px = xb.data() + offset;
  const view<T> vy{in_place && ny == n ? px : yb.data() + offset, ny};
  const view<T> vdx{in_place ? px : dxb.data() + offset, n};
  const view<const T> vdy{dyb.data() + offset, ny};
  activ::forward(g, view<const T>{px, n}, vy);
  for (std::size_t i = 0; i < ny; ++i)
    if (!same_bits(vy.p[i], y[i])) fail("forward depends on position or aliasing: " + where);
  // backward: x back in its buffer (an in-place forward overwrote it), y misaligned too.
  std::copy(x.begin(), x.end(), px);
  std::copy(y.begin(), y.end(), yb.begin() + offset);
  activ::backward(g, view<const T>{px, n}, view<const T>{yb.data() + offset, ny}, vdy, vdx);
  for (std::size_t i = 0; i < n; ++i)
    if (!same_bits(vdx.p[i], dx[i])) fail("backward depends on position or aliasing: " + where);

  // Row by row, with the documented values of each row.
  std::size_t unit_in = 0, unit_out = 0;
  row_unit(g, unit_in, unit_out);
  if (unit_in == 0) unit_in = n, unit_out = ny;
  std::vector<T> yr(unit_out), dxr(unit_in);
  for (std::size_t r = 0; n != 0 && r < n / unit_in; ++r) {
    const view<const T> xr{x.data() + r * unit_in, unit_in}, y_r{y.data() + r * unit_out, unit_out};
    const std::string row = where + " row " + std::to_string(r);
    check_row_values(g, xr.p, unit_in, y_r.p, unit_out, row);
    activ::forward(g, xr, yr);
    activ::backward(g, xr, y_r, view<const T>{dy.data() + r * unit_out, unit_out}, dxr);
    for (std::size_t i = 0; i < unit_out; ++i)
      if (!same_bits(yr[i], y_r.p[i])) fail("forward of one row differs from the whole: " + row);
    for (std::size_t i = 0; i < unit_in; ++i)
      if (!same_bits(dxr[i], dx[r * unit_in + i]))
        fail("backward of one row differs from the whole: " + row);
  }
}

template <class T>
void run_rrelu_train(const activ::rrelu& f, const std::string& spec, reader& in) {
  const std::size_t n = in.byte() % 200, offset = in.byte() % 16;
  const std::size_t k = in.byte() % (n + 1);
  const bool in_place = in.byte() & 1;
  const std::uint64_t seed = in.raw<std::uint64_t>(), start = in.raw<std::uint32_t>();
  std::vector<T> x(n), dy(n);
  for (auto& v : x) v = in.raw<T>();
  for (auto& v : dy) v = in.raw<T>();
  const std::string where = spec + " rrelu_train" + (sizeof(T) == 4 ? " f32" : " f64") +
                            " n=" + std::to_string(n) + " k=" + std::to_string(k) +
                            " seed=" + std::to_string(seed);
  const T nan = std::numeric_limits<T>::quiet_NaN();
  std::vector<T> y(n, nan), s(n, nan), dx(n, nan);
  activ::rrelu_train(f, seed, x, y, s, start);
  const T lower = static_cast<T>(f.lower), upper = static_cast<T>(f.upper);
  for (std::size_t i = 0; i < n; ++i) {
    const T xi = x[i];
    if (std::isnan(xi)) {
      if (!std::isnan(y[i]) || !std::isnan(s[i])) fail("rrelu_train of NaN: " + where);
      continue;
    }
    const T want_s = s[i];  // checked next, then used for y
    if (xi > 0 ? want_s != 1 : !(want_s >= lower && want_s <= upper))
      fail("rrelu_train slope: " + where);
    const T want_y =
        xi == -std::numeric_limits<T>::infinity() && want_s == 0 ? T(-0.0) : xi * want_s;
    if (!same_bits(y[i], xi > 0 ? xi : want_y)) fail("rrelu_train y is not x * slope: " + where);
  }
  // Two calls (offsets start, start + k), misaligned, y over x when in place.
  std::vector<T> xb(n + offset), yb(n + offset, nan), sb(n + offset, nan);
  std::copy(x.begin(), x.end(), xb.begin() + offset);
  T* px = xb.data() + offset;
  T* py = in_place ? px : yb.data() + offset;
  T* ps = sb.data() + offset;
  activ::rrelu_train(f, seed, px, py, ps, k, start);
  activ::rrelu_train(f, seed, px + k, py + k, ps + k, n - k, start + k);
  for (std::size_t i = 0; i < n; ++i)
    if (!same_bits(py[i], y[i]) || !same_bits(ps[i], s[i]))
      fail("rrelu_train split in two calls: " + where);
  activ::rrelu_backward(s, dy, dx);
  for (std::size_t i = 0; i < n; ++i)
    if (!same_value(dx[i], T(dy[i] * s[i]))) fail("rrelu_backward is not dy * slope: " + where);
}

}  // namespace activ_fuzz
