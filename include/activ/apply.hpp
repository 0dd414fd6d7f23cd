// Array drivers: run a functor's batch formula over contiguous memory.
//
//   forward(f, x, y)                    y[i]  = f(x[i])
//   derivative(f, x, d)                 d[i]  = f'(x[i])
//   backward(f, x, dy, dx)              dx[i] = dy[i] * f'(x[i])
//   backward_from_output(f, y, dy, dx)  dx[i] = dy[i] * f'(y[i]), from the output
//   backward(f, x, y, dy, dx)           the same call for every activation; for
//                                       element-wise ones y is only size-checked
//   forward_with_derivative(f, x, y, d) y[i] = f(x[i]) and d[i] = f'(x[i])
//
// Row-wise activations (softmax, log_softmax, maxout, glu, prelu_channels)
// take forward(f, x, y) and backward(f, x, y, dy, dx) on ranges; their
// overloads are the last block of this file.
//
// Arguments are ranges (anything with data() and size(): std::vector,
// std::array, std::span) of float or double, or pointers followed by a count.
// The instruction set is a template parameter defaulting to
// xsimd::default_arch: activ::forward<xsimd::avx2>(f, x, y) builds an AVX2
// kernel in a translation unit compiled for it.
//
// Rules: an output may be the very same memory as an input (in place); sizes
// that differ, partial overlap, or a null pointer with a non-zero count throw
// std::invalid_argument naming the arguments, before anything is written.
// No heap allocation, no locks, no global state. The tail (n modulo the batch
// width) runs the same batch formula over a zero-padded local buffer, so
// every element gets the bits a scalar call f(x[i]) gives. A single output
// of 16 MiB or more is written with non-temporal stores (detail::stream_bytes).
#pragma once

#include <cstddef>
#include <string>
#include <type_traits>
#include <utility>

#include "detail/check.hpp"
#include "detail/loop.hpp"
#include "functor.hpp"

namespace activ {
namespace detail {

template <class F>
inline void require_elementwise() {
  static_assert(!is_rowwise_v<F>,
                "activ: row-wise activations (softmax, log_softmax, maxout, glu, prelu_channels) "
                "have no element-wise derivative and no pointer form: call forward(f, x, y) and "
                "backward(f, x, y, dy, dx) with ranges");
}

}  // namespace detail

// ---- pointer + count ---------------------------------------------------------

template <class A = xsimd::default_arch, class F, class T>
void forward(const F& f, const T* x, T* y, std::size_t n) {
  detail::require_elementwise<F>();
  detail::require_real<T>();
  detail::check<T, 1, 1>("forward", {{{"x", x, n}}}, {{{"y", y, n}}});
  detail::validate(f);
  detail::run_for<F, A, T, 1, 1>(n, {x}, {y}, [f](auto v) { return f(v); });
}

template <class A = xsimd::default_arch, class F, class T>
void derivative(const F& f, const T* x, T* d, std::size_t n) {
  detail::require_elementwise<F>();
  detail::require_real<T>();
  detail::check<T, 1, 1>("derivative", {{{"x", x, n}}}, {{{"d", d, n}}});
  detail::validate(f);
  detail::run_for<F, A, T, 1, 1>(n, {x}, {d}, [f](auto v) { return f.derivative(v); });
}

template <class A = xsimd::default_arch, class F, class T>
void backward(const F& f, const T* x, const T* dy, T* dx, std::size_t n) {
  detail::require_elementwise<F>();
  detail::require_real<T>();
  detail::check<T, 2, 1>("backward", {{{"x", x, n}, {"dy", dy, n}}}, {{{"dx", dx, n}}});
  detail::validate(f);
  detail::run_for<F, A, T, 2, 1>(n, {x, dy}, {dx},
                                 [f](auto v, auto g) { return g * f.derivative(v); });
}

template <class A = xsimd::default_arch, class F, class T>
void backward_from_output(const F& f, const T* y, const T* dy, T* dx, std::size_t n) {
  detail::require_elementwise<F>();
  static_assert(has_derivative_from_output_v<F>,
                "activ::backward_from_output: this activation's derivative is not a function "
                "of its output; use backward(f, x, dy, dx)");
  detail::require_real<T>();
  detail::check<T, 2, 1>("backward_from_output", {{{"y", y, n}, {"dy", dy, n}}}, {{{"dx", dx, n}}});
  detail::validate(f);
  if (!detail::derivative_from_output_valid(f))
    detail::fail("backward_from_output",
                 std::string(F::name) +
                     " with these parameters has no derivative from its output; "
                     "use backward(f, x, dy, dx)");
  // derivative_from_output is a short formula (y (1 - y), 1 - y^2, a select): plain run.
  detail::run<A, T, 2, 1>(n, {y, dy}, {dx},
                          [f](auto v, auto g) { return g * f.derivative_from_output(v); });
}

template <class A = xsimd::default_arch, class F, class T>
void forward_with_derivative(const F& f, const T* x, T* y, T* d, std::size_t n) {
  detail::require_elementwise<F>();
  detail::require_real<T>();
  detail::check<T, 1, 2>("forward_with_derivative", {{{"x", x, n}}}, {{{"y", y, n}, {"d", d, n}}});
  detail::validate(f);
  detail::run_for<F, A, T, 1, 2>(n, {x}, {y, d}, [f](auto v) {
    using V = decltype(v);
    if constexpr (has_value_and_derivative<F>::value) {
      const auto [fy, fd] = f.value_and_derivative(v);
      return std::array<V, 2>{fy, fd};
    } else {
      return std::array<V, 2>{f(v), f.derivative(v)};
    }
  });
}

// ---- ranges ------------------------------------------------------------------

template <class A = xsimd::default_arch, class F, class X, class Y,
          class = std::enable_if_t<detail::are_ranges_v<X, Y> && !detail::is_rowwise_v<F>>>
void forward(const F& f, const X& x, Y&& y) {
  using T = detail::range_value_t<const X>;
  detail::same_sizes("forward", {{"x", x.size()}, {"y", y.size()}});
  forward<A>(f, static_cast<const T*>(x.data()), detail::data_of(y), x.size());
}

template <class A = xsimd::default_arch, class F, class X, class D,
          class = std::enable_if_t<detail::are_ranges_v<X, D>>>
void derivative(const F& f, const X& x, D&& d) {
  using T = detail::range_value_t<const X>;
  detail::same_sizes("derivative", {{"x", x.size()}, {"d", d.size()}});
  derivative<A>(f, static_cast<const T*>(x.data()), detail::data_of(d), x.size());
}

template <class A = xsimd::default_arch, class F, class X, class DY, class DX,
          class = std::enable_if_t<detail::are_ranges_v<X, DY, DX>>>
void backward(const F& f, const X& x, const DY& dy, DX&& dx) {
  using T = detail::range_value_t<const X>;
  detail::same_sizes("backward", {{"x", x.size()}, {"dy", dy.size()}, {"dx", dx.size()}});
  backward<A>(f, static_cast<const T*>(x.data()), static_cast<const T*>(dy.data()),
              detail::data_of(dx), x.size());
}

template <class A = xsimd::default_arch, class F, class Y, class DY, class DX,
          class = std::enable_if_t<detail::are_ranges_v<Y, DY, DX>>>
void backward_from_output(const F& f, const Y& y, const DY& dy, DX&& dx) {
  using T = detail::range_value_t<const Y>;
  detail::same_sizes("backward_from_output",
                     {{"y", y.size()}, {"dy", dy.size()}, {"dx", dx.size()}});
  backward_from_output<A>(f, static_cast<const T*>(y.data()), static_cast<const T*>(dy.data()),
                          detail::data_of(dx), y.size());
}

// The five-argument backward that every activation accepts. Element-wise
// activations use x (more accurate than y) and only check y's size.
template <class A = xsimd::default_arch, class F, class X, class Y, class DY, class DX,
          class = std::enable_if_t<detail::are_ranges_v<X, Y, DY, DX> && !detail::is_rowwise_v<F>>>
void backward(const F& f, const X& x, const Y& y, const DY& dy, DX&& dx) {
  detail::same_sizes("backward", {{"x", x.size()}, {"y", y.size()}});
  backward<A>(f, x, dy, std::forward<DX>(dx));
}

template <class A = xsimd::default_arch, class F, class X, class Y, class D,
          class = std::enable_if_t<detail::are_ranges_v<X, Y, D>>>
void forward_with_derivative(const F& f, const X& x, Y&& y, D&& d) {
  using T = detail::range_value_t<const X>;
  detail::same_sizes("forward_with_derivative",
                     {{"x", x.size()}, {"y", y.size()}, {"d", d.size()}});
  forward_with_derivative<A>(f, static_cast<const T*>(x.data()), detail::data_of(y),
                             detail::data_of(d), x.size());
}

// ---- row-wise activations ---------------------------------------------------
// softmax, log_softmax, maxout, glu<F> and prelu_channels read a whole row
// (or channel). They take ranges only (x and y differ in size for maxout and
// glu) and check every size, parameter and overlap in their hooks
// (detail/rowwise.hpp) before writing. backward takes the input and the saved
// output; softmax and log_softmax use y, the others x.

template <class A = xsimd::default_arch, class F, class X, class Y,
          std::enable_if_t<detail::are_ranges_v<X, Y> && detail::is_rowwise_v<F>, int> = 0>
void forward(const F& f, const X& x, Y&& y) {
  using T = detail::range_value_t<const X>;
  detail::require_real<T>();
  f.template forward_rows<A, T>(static_cast<const T*>(x.data()), x.size(), detail::data_of(y),
                                y.size());
}

template <class A = xsimd::default_arch, class F, class X, class Y, class DY, class DX,
          std::enable_if_t<detail::are_ranges_v<X, Y, DY, DX> && detail::is_rowwise_v<F>, int> = 0>
void backward(const F& f, const X& x, const Y& y, const DY& dy, DX&& dx) {
  using T = detail::range_value_t<const X>;
  detail::require_real<T>();
  f.template backward_rows<A, T>(
      static_cast<const T*>(x.data()), x.size(), static_cast<const T*>(y.data()), y.size(),
      static_cast<const T*>(dy.data()), dy.size(), detail::data_of(dx), dx.size());
}

}  // namespace activ
