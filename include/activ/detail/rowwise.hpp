// What the row-wise activations (softmax, log_softmax, maxout, glu<F>,
// prelu_channels) share: argument checks that throw before anything is
// written, the row count, and sums carried as double-words.
//
// A row-wise functor declares `static constexpr bool rowwise = true` and two
// driver hooks, which activ::forward(f, x, y) and activ::backward(f, x, y,
// dy, dx) call (apply.hpp):
//   template <class A, class T> void forward_rows(const T* x, size_t nx, T* y, size_t ny) const;
//   template <class A, class T> void backward_rows(x, nx, y, ny, dy, ndy, dx, ndx) const;
// Each hook checks sizes, parameters and memory first, then runs.
//
// Memory rule (stricter than the element-wise one, because x and y differ in
// size for maxout and glu): an output may be the very same range as an input
// of the same size (same start, same size); any other sharing of memory
// throws.
#pragma once

#include <array>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

#include "../apply.hpp"
#include "../math/extended.hpp"
#include "check.hpp"

namespace activ::detail {

// The memory rule above, and no null pointer with a non-zero size.
template <class T, std::size_t I, std::size_t O>
void check_rows_memory(const char* call, const std::array<arg<const T>, I>& ins,
                       const std::array<arg<T>, O>& outs) {
  not_null(call, ins, outs);
  auto shares = [](const void* a0, std::size_t an, const void* b0, std::size_t bn) {
    if (an == 0 || bn == 0) return false;
    std::less<const void*> lt;
    return lt(a0, static_cast<const char*>(b0) + bn) && lt(b0, static_cast<const char*>(a0) + an);
  };
  for (std::size_t o = 0; o < O; ++o) {
    const auto& out = outs[o];
    for (const auto& in : ins) {
      if (!shares(out.data, out.size * sizeof(T), in.data, in.size * sizeof(T))) continue;
      if (static_cast<const void*>(out.data) == static_cast<const void*>(in.data) &&
          out.size == in.size)
        continue;  // in place
      fail(call, std::string(out.name) + " shares memory with " + in.name + " (" + has(out) + ", " +
                     has(in) + "; in place needs the very same range)");
    }
    for (std::size_t p = o + 1; p < O; ++p)
      if (shares(out.data, out.size * sizeof(T), outs[p].data, outs[p].size * sizeof(T)))
        fail(call, std::string(out.name) + " and " + outs[p].name + " share memory");
  }
}

// `out` shares no memory at all with any of `ins` (outputs written before
// the inputs are read in full, such as prelu_channels' slope gradient).
template <class T, std::size_t I>
void check_disjoint(const char* call, const arg<T>& out, const std::array<arg<const T>, I>& ins) {
  std::less<const void*> lt;
  for (const auto& in : ins)
    if (out.size != 0 && in.size != 0 && lt(out.data, in.data + in.size) &&
        lt(in.data, out.data + out.size))
      fail(call, std::string(out.name) + " shares memory with " + in.name + " (" + has(out) + ", " +
                     has(in) + ")");
}

// a.size must be `want`; the message says why (e.g. "rows * cols").
template <class T>
void require_size(const char* call, std::string_view f, const arg<T>& a, std::size_t want,
                  const std::string& why) {
  if (a.size != want)
    fail(call, std::string(f) + ": " + has(a) + " but needs " + count(want) + " (" + why + ")");
}

// Rows of `cols` in n elements (cols == 0: one row of n). Throws when cols
// does not divide n.
inline std::size_t row_count(const char* call, std::string_view f, const char* xname, std::size_t n,
                             std::size_t cols, const char* cols_name = "cols") {
  if (cols == 0) return n == 0 ? 0 : 1;
  if (n % cols != 0)
    fail(call, std::string(f) + ": " + xname + " has " + count(n) +
                   " elements, not a multiple of " + cols_name + " = " + count(cols));
  return n / cols;
}

// A sum carried as hi + lo (Knuth's TwoSum at every addition): the error of
// the whole sum is about one rounding of the result plus n * 2^-48 (float)
// or n * 2^-106 (double) relative to the sum of |terms|, so long rows sum as
// if in a wider type, and the lanes are combined by add_lanes in a fixed order.
template <class V>
struct compensated {
  V hi = V(0), lo = V(0);
  void add(const V& t, const V& t_lo) {
    const math::double_word<V> s = math::two_sum(hi, t);
    hi = s.hi;
    lo = lo + (s.lo + t_lo);
  }
};

// The lanes of a compensated sum added in lane order, plus `start`, as a
// scalar double-word (hi, lo) renormalized.
template <class V>
math::double_word<scalar_t<V>> add_lanes(const compensated<V>& c, scalar_t<V> start = 0) {
  using S = scalar_t<V>;
  alignas(64) S hi[V::size], lo[V::size];
  c.hi.store_aligned(hi);
  c.lo.store_aligned(lo);
  S h = start, l = 0;
  for (std::size_t k = 0; k < V::size; ++k) {
    const S s = h + hi[k], bb = s - h;
    l += ((h - (s - bb)) + (hi[k] - bb)) + lo[k];
    h = s;
  }
  const S s = h + l;
  return {s, l - (s - h)};
}

}  // namespace activ::detail
