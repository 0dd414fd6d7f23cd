// The row kernels behind softmax and log_softmax (softmax.hpp, log_softmax.hpp). Per row of n
// values, with t = 1/T (T the temperature):
//   pass 1  M = max x (NaN lanes ignored, a NaN flag kept)
//   pass 2  d_i = (x_i - M) t as hi + lo (x_i - M exact by TwoSum, times t as a double-word);
//           e_i = e^(d_i) from exp_split(hi, lo). The sum is c + R: c counts the x_i equal to M
//           (each e_i = 1 exactly), R sums the others compensated (TwoSum per addition), scaled
//           by 2^K (row_sum_k), where e_i and its low part stay normal down to the cut; below it
//           e_i < 2^-181 (double 2^-1106), and fewer than 2^31 such terms stay under half the
//           smallest subnormal: they are taken as 0 (x = -inf included). So R keeps the digits of
//           subnormal terms, and no product in the pass is subnormal (which costs time on some
//           CPUs). softmax stores e_i (rounded once; the scaling is exact) in y.
//   pass 3  softmax:     y_i = e_i q, q = 1/(c + R) as a double-word, rounded once
//                        (dw::mul_round: a subnormal y_i is not built from underflowed parts)
//           log_softmax: y_i = d_i - L, L = log1p((c - 1) + R) as hi + lo, rounded once
// Not an online (one-pass) max and sum: rescaling the running sum at every new maximum adds a
// rounding each time, and log1p((c - 1) + R) needs the sum relative to the true maximum to keep
// log_softmax's tiny results (-1e-13) accurate; the max pass is only compares. NaN and masked
// rows: softmax.hpp.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

#include "../functor.hpp"
#include "../math/dword.hpp"
#include "../math/exp.hpp"
#include "../math/log1p.hpp"
#include "piecewise.hpp"
#include "rowwise.hpp"

namespace activ::detail {

template <class V>
using dword_t = math::double_word<V>;

// lo where hi is finite, else 0 (inf - inf in TwoSum gives a NaN lo).
template <class V>
inline V finite_lo(const V& hi, const V& lo) {
  using S = scalar_t<V>;
  return xsimd::select(xsimd::abs(hi) < V(std::numeric_limits<S>::infinity()), lo, V(0));
}

// (x - m) * t as hi + lo, |lo| <= ulp(hi) / 2; exact for t = 1.
template <bool Scaled, class V>
inline dword_t<V> shifted(const V& x, const V& m, const math::dword_const<scalar_t<V>>& t) {
  using S = scalar_t<V>;
  dword_t<V> d = math::two_sum(x, -m);
  d.lo = finite_lo(d.hi, d.lo);
  if constexpr (Scaled) {
    // Where x - m overflowed (x and m near +-max), (x - m) t may still be
    // finite for T > 1: take x/2 - m/2 (exact there) and double the product.
    const auto over = (xsimd::abs(d.hi) == V(std::numeric_limits<S>::infinity())) &
                      (xsimd::abs(x) < V(std::numeric_limits<S>::infinity()));
    const dword_t<V> h = math::two_sum(x * V(S(0.5)), -(m * V(S(0.5))));
    d = {xsimd::select(over, h.hi, d.hi), xsimd::select(over, h.lo, d.lo)};
    dword_t<V> p = math::dw::mul(d, t);
    const V two = xsimd::select(over, V(2), V(1));
    p = {p.hi * two, p.lo * two};
    p.lo = finite_lo(p.hi, p.lo);
    d = math::fast_two_sum(p.hi, p.lo);
    d.lo = finite_lo(p.hi, d.lo);
    d.hi = xsimd::select(xsimd::abs(p.hi) < V(std::numeric_limits<S>::infinity()), d.hi, p.hi);
  }
  return d;
}

template <class T>
struct row_max_t {
  T max;
  bool nan;
};

template <class A, class T>
row_max_t<T> row_max(const T* x, std::size_t n) {
  using V = xsimd::batch<T, A>;
  constexpr std::size_t W = V::size;
  V m(-std::numeric_limits<T>::infinity());
  auto nan = xsimd::isnan(m);  // all false; not m != m (ordered on AVX)
  std::size_t i = 0;
  for (; i + W <= n; i += W) {
    const V v = V::load_unaligned(x + i);
    m = xsimd::select(v > m, v, m);
    nan = nan | xsimd::isnan(v);
  }
  T mt = compat::reduce_max(m);
  bool has_nan = xsimd::any(nan);
  for (; i < n; ++i) {
    mt = x[i] > mt ? x[i] : mt;
    has_nan = has_nan || x[i] != x[i];
  }
  return {mt, has_nan};
}

// Sum of e^((x_i - m) t): count of x_i == m, and the rest as hi + lo.
// With Store, e_i rounded once goes to e_out[i].
template <class T>
struct row_sum_t {
  T count;
  math::double_word<T> rest;
};

// The scale 2^K of the running sum and the cut below which its terms are 0 (see the top of this
// file). A row of n terms <= 2^K cannot overflow for n < 2^48 (float) or 2^800 (double).
template <class T>
struct row_sum_k;
template <>
struct row_sum_k<float> {
  static constexpr float up = 0x1p80f, down = 0x1p-80f, cut = -126.f;
};
template <>
struct row_sum_k<double> {
  static constexpr double up = 0x1p192, down = 0x1p-192, cut = -767.;
};

template <class A, bool Scaled, bool Store, class T>
row_sum_t<T> row_sum(const T* x, T* e_out, std::size_t n, T m, const math::dword_const<T>& t) {
  using V = xsimd::batch<T, A>;
  constexpr std::size_t W = V::size;
  const V mv(m);
  compensated<V> rest;
  V count(0);
  using K = row_sum_k<T>;
  auto step = [&](const T* src, T* dst) {
    const V v = V::load_unaligned(src);
    const dword_t<V> d = shifted<Scaled>(v, mv, t);
    const math::exp_split_t<V> e = math::exp_split(d.hi, d.lo);
    // e^d 2^K = hi + lo, both exact scalings (0 below the cut)
    const V scale1 = xsimd::select(d.hi < V(K::cut), V(0), e.scale1);
    const V scale2 = e.scale2 * V(K::up);
    const V hi = (e.hi * scale1) * scale2, lo = (e.lo * scale1) * scale2;
    const auto top = v == mv;
    rest.add(xsimd::select(top, V(0), hi), xsimd::select(top, V(0), lo));
    count = count + xsimd::select(top, V(1), V(0));
    if constexpr (Store) ((hi + lo) * V(K::down)).store_unaligned(dst);
  };
  std::size_t i = 0;
  for (; i + W <= n; i += W) step(x + i, e_out + (Store ? i : 0));
  if (i < n) {  // the tail, padded with -inf (e = 0, never the maximum)
    alignas(64) T tin[W], tout[W];
    std::fill(tin, tin + W, -std::numeric_limits<T>::infinity());
    std::copy(x + i, x + n, tin);
    step(tin, tout);
    if constexpr (Store) std::copy(tout, tout + (n - i), e_out + i);
  }
  const math::double_word<T> r = add_lanes(rest);
  return {compat::reduce_add(count), {r.hi * K::down, r.lo * K::down}};
}

// One softmax row, M = m finite: y = e / (c + R).
template <class A, bool Scaled, class T>
void softmax_row(const T* x, T* y, std::size_t n, T m, const math::dword_const<T>& t) {
  using V = xsimd::batch<T, A>;
  const row_sum_t<T> s = row_sum<A, Scaled, true>(x, y, n, m, t);
  const dword_t<V> c = math::two_sum(V(s.count), V(s.rest.hi));
  const dword_t<V> sum = math::fast_two_sum(c.hi, c.lo + V(s.rest.lo));
  const dword_t<V> q = math::divide(dword_t<V>{V(1), V(0)}, sum);
  // e q rounded once, also where it is subnormal (mul_round scales tiny e up).
  const math::dword_const<T> qc{q.hi.get(0), q.lo.get(0)};
  run<A, T, 1, 1>(n, {y}, {y}, [&](V e) { return math::dw::mul_round(dword_t<V>{e, V(0)}, qc); });
}

// One log_softmax row, M = m finite: y = d - log1p((c - 1) + R).
template <class A, bool Scaled, class T>
void log_softmax_row(const T* x, T* y, std::size_t n, T m, const math::dword_const<T>& t) {
  using V = xsimd::batch<T, A>;
  const row_sum_t<T> s = row_sum<A, Scaled, false>(x, static_cast<T*>(nullptr), n, m, t);
  const dword_t<V> c = math::two_sum(V(s.count - 1), V(s.rest.hi));
  dword_t<V> u = math::fast_two_sum(c.hi, c.lo + V(s.rest.lo));
  u.lo = xsimd::select(u.hi == V(0), V(0), u.lo);
  const dword_t<V> l = math::log1p_parts(u.hi, u.lo);
  const V mv(m);
  run<A, T, 1, 1>(n, {x}, {y}, [&](V v) {
    const dword_t<V> d = shifted<Scaled>(v, mv, t);
    const dword_t<V> r = math::two_sum(d.hi, -l.hi);
    return xsimd::select(xsimd::abs(r.hi) < V(std::numeric_limits<T>::infinity()),
                         r.hi + (r.lo + (d.lo - l.lo)), r.hi);
  });
}

// Every row of a call: the special rows first, then the kernel.
template <class A, bool Log, class T>
void softmax_rows(const T* x, T* y, std::size_t rows, std::size_t cols, double temperature,
                  bool zero_masked) {
  constexpr T inf = std::numeric_limits<T>::infinity();
  const math::dword_const<T> t = math::make_reciprocal<T>(temperature);
  for (std::size_t r = 0; r < rows; ++r) {
    const T* xr = x + r * cols;
    T* yr = y + r * cols;
    const row_max_t<T> m = row_max<A>(xr, cols);
    if (m.nan || m.max == inf) {
      std::fill(yr, yr + cols, std::numeric_limits<T>::quiet_NaN());
    } else if (m.max == -inf) {
      std::fill(yr, yr + cols,
                zero_masked ? (Log ? -inf : T(0)) : std::numeric_limits<T>::quiet_NaN());
    } else if (temperature == 1) {
      Log ? log_softmax_row<A, false>(xr, yr, cols, m.max, t)
          : softmax_row<A, false>(xr, yr, cols, m.max, t);
    } else {
      Log ? log_softmax_row<A, true>(xr, yr, cols, m.max, t)
          : softmax_row<A, true>(xr, yr, cols, m.max, t);
    }
  }
}

// Backward over every row, from the saved output y:
//   softmax:     dx = t y (dy - s),      s = sum(dy y)  (TwoProd, compensated)
//   log_softmax: dx = t (dy - e^y s),    s = sum(dy)    (compensated)
// dy - s and dy - e^y s are rounded once.
template <class A, bool Log, class T>
void softmax_backward_rows(const T* y, const T* dy, T* dx, std::size_t rows, std::size_t cols,
                           double temperature) {
  using V = xsimd::batch<T, A>;
  constexpr std::size_t W = V::size;
  const bool scaled = temperature != 1;
  const V t(static_cast<T>(1 / temperature));
  for (std::size_t r = 0; r < rows; ++r) {
    const T* yr = y + r * cols;
    const T* gr = dy + r * cols;
    compensated<V> acc;
    auto add = [&](const V& yv, const V& g) {
      if constexpr (Log) {
        acc.add(g, V(0));
      } else {
        const dword_t<V> p = math::two_prod(yv, g);
        acc.add(p.hi, finite_lo(p.hi, p.lo));
      }
    };
    std::size_t i = 0;
    for (; i + W <= cols; i += W) add(V::load_unaligned(yr + i), V::load_unaligned(gr + i));
    if (i < cols) {
      alignas(64) T ty[W] = {}, tg[W] = {};
      std::copy(yr + i, yr + cols, ty);
      std::copy(gr + i, gr + cols, tg);
      add(V::load_aligned(ty), V::load_aligned(tg));
    }
    const math::double_word<T> s = add_lanes(acc);
    const V s_hi(s.hi), s_lo(s.lo);
    run<A, T, 2, 1>(cols, {yr, gr}, {dx + r * cols}, [&](V yv, V g) {
      V out;
      if constexpr (Log) {
        const V p = math::exp(yv);
        const dword_t<V> ps = math::two_prod(p, s_hi);
        const dword_t<V> d = math::two_sum(g, -ps.hi);
        out = d.hi + (d.lo - (finite_lo(ps.hi, ps.lo) + p * s_lo));
      } else {
        const dword_t<V> d = math::two_sum(g, -s_hi);
        out = yv * (d.hi + (d.lo - s_lo));
      }
      return scaled ? out * t : out;
    });
  }
}

// softmax's and log_softmax's one functor: parameters, checks, hooks. Self
// gives the name; Log picks the row kernel.
template <class Self, bool Log>
struct softmax_form {
  static constexpr bool rowwise = true;

  std::size_t cols = 0;
  double temperature = 1;
  bool zero_masked_rows = false;

  static constexpr auto parameters() {
    return std::array{parameter<&softmax_form::cols>("cols"),
                      parameter<&softmax_form::temperature>("temperature"),
                      parameter<&softmax_form::zero_masked_rows>("zero_masked_rows")};
  }

  void validate() const {
    if (!(std::isfinite(temperature) && temperature > 0))
      bad_parameter(Self::name,
                    "temperature must be finite and > 0, not " + std::to_string(temperature));
  }

  template <class A, class T>
  void forward_rows(const T* x, std::size_t nx, T* y, std::size_t ny) const {
    const arg<const T> ax{"x", x, nx};
    const arg<T> ay{"y", y, ny};
    require_size("forward", Self::name, ay, nx, "the size of x");
    const std::size_t rows = row_count("forward", Self::name, "x", nx, cols);
    check_rows_memory<T, 1, 1>("forward", {ax}, {ay});
    validate();
    if (rows != 0) softmax_rows<A, Log>(x, y, rows, nx / rows, temperature, zero_masked_rows);
  }

  template <class A, class T>
  void backward_rows(const T* x, std::size_t nx, const T* y, std::size_t ny, const T* dy,
                     std::size_t ndy, T* dx, std::size_t ndx) const {
    const arg<const T> ax{"x", x, nx}, ay{"y", y, ny}, ady{"dy", dy, ndy};
    const arg<T> adx{"dx", dx, ndx};
    for (const arg<const T>* a : {&ay, &ady})
      require_size("backward", Self::name, *a, nx, "the size of x");
    require_size("backward", Self::name, adx, nx, "the size of x");
    const std::size_t rows = row_count("backward", Self::name, "x", nx, cols);
    check_rows_memory<T, 3, 1>("backward", {ax, ay, ady}, {adx});
    validate();
    if (rows != 0) softmax_backward_rows<A, Log>(y, dy, dx, rows, nx / rows, temperature);
  }
};

// activ::jacobian's checks; returns the row length n.
template <class T, class F>
std::size_t jacobian_check(const F& f, const T* y, std::size_t ny, const T* j, std::size_t nj) {
  static_assert(is_real_v<T>, "activ::jacobian takes ranges of float or double");
  const arg<const T> ay{"y", y, ny};
  const arg<T> aj{"J", const_cast<T*>(j), nj};
  if (f.cols != 0 && ny != f.cols)
    fail("jacobian",
         std::string(F::name) + ": " + has(ay) + " but cols = " + count(f.cols) + " (one row)");
  require_size("jacobian", F::name, aj, ny * ny, "y.size() squared, for a row of " + count(ny));
  check_rows_memory<T, 1, 1>("jacobian", {ay}, {aj});
  f.validate();
  return ny;
}

}  // namespace activ::detail
