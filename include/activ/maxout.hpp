// maxout: the maximum of each group of `pieces` consecutive inputs
//   y[u] = max(x[u p], ..., x[u p + p - 1]),   p = pieces
//   backward: dx[u p + k] = dy[u] for k the first maximum of group u, 0 for the other members
// Layout: x.size() == y.size() * pieces; backward(f, x, y, dy, dx): dy has y's size, dx x's (x is
//   used, y only size-checked). Parameter: pieces = 2, >= 1. An output may be the very range of
//   an input of its size (dx over x) and shares no memory with the inputs otherwise. A scalar
//   loop per group: the groups are strided across SIMD lanes, and a comparison per input is
//   memory-bound anyway.
// Edges: NaN in a group gives NaN, the gradient to the first NaN; +-inf are ordinary values; -0
//   and +0 tie and the first wins (value and gradient).
// Bound: exact (a maximum rounds nothing; the gradient is dy itself). Reference: Goodfellow et
//   al., "Maxout networks", ICML 2013.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "detail/rowwise.hpp"

namespace activ {
namespace detail {
// Index of the first maximum of g[0 .. p), or of its first NaN.
template <class T>
inline std::size_t first_max(const T* g, std::size_t p) {
  std::size_t k = 0;
  for (std::size_t j = 1; j < p; ++j)
    if (g[k] == g[k] && (g[j] > g[k] || g[j] != g[j])) k = j;
  return k;
}
}  // namespace detail

struct maxout {
  static constexpr std::string_view name = "maxout";
  static constexpr bool rowwise = true;

  std::size_t pieces = 2;

  static constexpr auto parameters() { return std::array{parameter<&maxout::pieces>("pieces")}; }

  void check_pieces(const char* call) const {
    if (pieces == 0) detail::fail(call, "maxout: pieces must be at least 1, not 0");
  }

  template <class A, class T>
  void forward_rows(const T* x, std::size_t nx, T* y, std::size_t ny) const {
    check_pieces("forward");
    const detail::arg<const T> ax{"x", x, nx};
    const detail::arg<T> ay{"y", y, ny};
    check_sizes("forward", nx, ny);
    detail::check_rows_memory<T, 1, 1>("forward", {ax}, {ay});
    for (std::size_t u = 0; u < ny; ++u)
      y[u] = x[u * pieces + detail::first_max(x + u * pieces, pieces)];
  }

  template <class A, class T>
  void backward_rows(const T* x, std::size_t nx, const T* y, std::size_t ny, const T* dy,
                     std::size_t ndy, T* dx, std::size_t ndx) const {
    check_pieces("backward");
    check_sizes("backward", nx, ny);
    detail::require_size("backward", name, detail::arg<const T>{"dy", dy, ndy}, ny,
                         "the size of y");
    detail::require_size("backward", name, detail::arg<T>{"dx", dx, ndx}, nx, "the size of x");
    detail::check_rows_memory<T, 3, 1>("backward", {{{"x", x, nx}, {"y", y, ny}, {"dy", dy, ndy}}},
                                       {{{"dx", dx, ndx}}});
    for (std::size_t u = 0; u < ny; ++u) {
      const std::size_t k = detail::first_max(x + u * pieces, pieces);  // read before dx is written
      T* g = dx + u * pieces;
      for (std::size_t j = 0; j < pieces; ++j) g[j] = j == k ? dy[u] : T(0);
    }
  }

 private:
  void check_sizes(const char* call, std::size_t nx, std::size_t ny) const {
    if (ny * pieces != nx || nx / pieces != ny)
      detail::fail(call, "maxout: x has " + detail::count(nx) + " elements and y has " +
                             detail::count(ny) + ", but x needs y * pieces = " + detail::count(ny) +
                             " * " + detail::count(pieces) + " elements");
  }
};

}  // namespace activ
