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

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>

#include "detail/error.hpp"
#include "detail/simd.hpp"
#include "detail/traits.hpp"

namespace activ {
namespace detail {

// One argument of a driver call, with the name used in error messages.
template <class T>
struct arg {
  const char* name;
  T* data;
  std::size_t size;
};

[[noreturn]] inline void fail(const char* call, const std::string& what) {
  raise(std::string("activ::") + call + ": " + what);
}

// Two arguments overlap partially: they share memory but do not start at the
// same address. Compared through std::less, which is a total order on pointers.
template <class T, class U>
inline bool overlap_partially(const arg<T>& a, const arg<U>& b) {
  const void* a0 = a.data;
  const void* b0 = b.data;
  if (a.size == 0 || b.size == 0 || a0 == b0) return false;
  std::less<const void*> lt;
  const void* a1 = a.data + a.size;
  const void* b1 = b.data + b.size;
  return lt(a0, b1) && lt(b0, a1);
}

// Checks every rule of the drivers for one call; throws before any write.
// `ins` are read, `outs` are written; outputs may alias an input exactly but
// must not share memory with each other.
template <class T, std::size_t I, std::size_t O>
void check(const char* call, const std::array<arg<const T>, I>& ins,
           const std::array<arg<T>, O>& outs) {
  const auto& first = ins[0];
  auto null_check = [&](const char* name, const void* p, std::size_t n) {
    if (p == nullptr && n != 0)
      fail(call, std::string(name) + " is null but has " + std::to_string(n) + " elements");
  };
  auto size_check = [&](const char* name, std::size_t n) {
    if (n != first.size)
      fail(call, std::string(first.name) + " has " + std::to_string(first.size) +
                     " elements but " + name + " has " + std::to_string(n));
  };
  for (const auto& a : ins) null_check(a.name, a.data, a.size), size_check(a.name, a.size);
  for (const auto& a : outs) null_check(a.name, a.data, a.size), size_check(a.name, a.size);
  for (std::size_t o = 0; o < O; ++o) {
    for (const auto& a : ins)
      if (overlap_partially(outs[o], a))
        fail(call, std::string(outs[o].name) + " partially overlaps " + a.name +
                       " (in place needs the very same range)");
    for (std::size_t p = o + 1; p < O; ++p)
      if (outs[o].size != 0 && (outs[o].data == outs[p].data || overlap_partially(outs[o], outs[p])))
        fail(call, std::string(outs[o].name) + " and " + outs[p].name + " share memory");
  }
}

// Runs op over n elements: op takes I batches and returns one batch (O == 1)
// or a std::array of O batches. Full batches are loaded unaligned from user
// memory, `unroll` of them per iteration: all loads, then op on each,
// then all stores (in place is safe: every element is read before any store
// of the group, and partial overlap was rejected), which gives the
// out-of-order core independent batches to overlap and cuts the loop
// overhead of cheap functions. Each element still goes through op on its own
// batch, so the bits are those of the scalar call. The remaining full
// batches run one at a time; the tail is copied into zero-padded buffers
// and run the same way.
// (Float, AVX-512, 4Ki elements, on a loaded 2-core machine: 4 against 1
// was at most a few percent faster for relu and within noise for sigmoid and
// silu; it never measured slower.)
inline constexpr std::size_t unroll = 4;

// A single output of at least this many bytes is written with non-temporal
// stores (compat::store_stream): an array that large leaves the caches
// before anyone reads it again, and an ordinary store first reads each
// output line from memory (three streams instead of two). The elements
// before the first aligned batch go through the zero-padded path.
inline constexpr std::size_t stream_bytes = std::size_t(16) << 20;

// run() inlines everything it calls (flatten): op and the kernels under it.
// Without it GCC stops inlining once a translation unit has grown by its
// inline-unit-growth limit, and in a file that instantiates many
// activations (the benchmark: 27 of them, each in float and double, four
// directions) kernels such as the sigmoid core or gelu's normal tail became
// calls per batch, their parts passed through memory: up to 1.3-1.5x slower
// than the same loop in a small file (g++ 12, AVX-512).
#if defined(__GNUC__)
#define ACTIV_FLATTEN __attribute__((flatten))
#else
#define ACTIV_FLATTEN
#endif

// run_interleaved is run with GCC's first instruction scheduling pass (off
// by default on x86), which interleaves the `unroll` independent batches of
// an iteration. Without it each batch's chain of dependent operations comes
// whole after the previous one, and the out-of-order window (Zen 4: 320
// instructions) spans little more than one of a sigmoid's or a gelu's. The
// activations that declare `interleave` (detail::is_interleaved) take it;
// measured with g++ 12 on Zen 4, 4Ki elements, the two drivers on the same
// kernels in one binary, min of 10 rounds, over those 11 activations: AVX2
// float 0.72-1.09x the time (median 0.80-0.92 per direction), double
// 0.75-1.05x (median 0.95-0.98); AVX-512 float 0.88-1.10x (median 0.95-0.97),
// double 0.90-1.18x (median 0.97-0.99; tanhshrink's double forward the
// 1.18). elu and celu measured slower (up to 1.16x and 1.27x, AVX-512 and
// double) and short kernels gain nothing and may spill (AVX2 has 16 vector
// registers; hardswish's fused pass 1.17x): they keep run. The bits are the
// same (tests/drivers_large.cpp). Other compilers: run (their own scheduler).
#if defined(__GNUC__) && !defined(__clang__)
#define ACTIV_INTERLEAVE __attribute__((flatten, optimize("schedule-insns", "sched-pressure")))
#else
#define ACTIV_INTERLEAVE ACTIV_FLATTEN
#endif

template <class A, class T, std::size_t I, std::size_t O, class Op>
ACTIV_FLATTEN void run(std::size_t n, const std::array<const T*, I> in, const std::array<T*, O> out,
                       Op op) {
  // in and out by value: a store through a vector type may alias anything,
  // and the compiler would reload pointers held by reference on every batch.
  using B = xsimd::batch<T, A>;
  constexpr std::size_t W = B::size;
  constexpr std::size_t U = unroll;
  auto load = [&](const std::array<const T*, I>& src, std::size_t i) {
    std::array<B, I> xs;
    for (std::size_t k = 0; k < I; ++k) xs[k] = B::load_unaligned(src[k] + i);
    return xs;
  };
  auto store = [&](const auto& ys, const std::array<T*, O>& dst, std::size_t i) {
    if constexpr (O == 1) {
      ys.store_unaligned(dst[0] + i);
    } else {
      for (std::size_t k = 0; k < O; ++k) ys[k].store_unaligned(dst[k] + i);
    }
  };
  auto step = [&](const std::array<const T*, I>& src, const std::array<T*, O>& dst, std::size_t i) {
    store(std::apply(op, load(src, i)), dst, i);
  };
  // rest < W elements from i, through zero-padded local buffers.
  auto partial = [&](std::size_t i, std::size_t rest) {
    alignas(64) T tin[I][W] = {};
    alignas(64) T tout[O][W];
    std::array<const T*, I> pin;
    std::array<T*, O> pout;
    for (std::size_t k = 0; k < I; ++k) {
      std::memcpy(tin[k], in[k] + i, rest * sizeof(T));
      pin[k] = tin[k];
    }
    for (std::size_t k = 0; k < O; ++k) pout[k] = tout[k];
    step(pin, pout, 0);
    for (std::size_t k = 0; k < O; ++k) std::memcpy(out[k] + i, tout[k], rest * sizeof(T));
  };
  std::size_t i = 0;
  if constexpr (O == 1) {
    const auto addr = reinterpret_cast<std::uintptr_t>(out[0]);
    if (n * sizeof(T) >= stream_bytes && addr % sizeof(T) == 0) {
      const std::size_t head = ((sizeof(B) - addr % sizeof(B)) % sizeof(B)) / sizeof(T);
      if (head) partial(0, head);
      for (i = head; i + U * W <= n; i += U * W) {
        std::array<std::array<B, I>, U> xs;
        for (std::size_t u = 0; u < U; ++u) xs[u] = load(in, i + u * W);
        std::array<B, U> ys;
        for (std::size_t u = 0; u < U; ++u) ys[u] = std::apply(op, xs[u]);
        for (std::size_t u = 0; u < U; ++u) compat::store_stream(out[0] + i + u * W, ys[u]);
      }
      compat::stream_fence();
    }
  }
  if constexpr (U > 1) {
    using R = decltype(std::apply(op, load(in, 0)));
    for (; i + U * W <= n; i += U * W) {
      std::array<std::array<B, I>, U> xs;
      for (std::size_t u = 0; u < U; ++u) xs[u] = load(in, i + u * W);
      std::array<R, U> ys;
      for (std::size_t u = 0; u < U; ++u) ys[u] = std::apply(op, xs[u]);
      for (std::size_t u = 0; u < U; ++u) store(ys[u], out, i + u * W);
    }
  }
  for (; i + W <= n; i += W) step(in, out, i);
  if (i < n) partial(i, n - i);
}

template <class A, class T, std::size_t I, std::size_t O, class Op>
ACTIV_INTERLEAVE void run_interleaved(std::size_t n, const std::array<const T*, I> in,
                                      const std::array<T*, O> out, Op op) {
  run<A, T, I, O>(n, in, out, op);
}

// run_interleaved for an activation that asks for it, else run.
template <class F, class A, class T, std::size_t I, std::size_t O, class Op>
inline void run_for(std::size_t n, const std::array<const T*, I> in, const std::array<T*, O> out,
                    Op op) {
  if constexpr (is_interleaved_v<F>)
    run_interleaved<A, T, I, O>(n, in, out, op);
  else
    run<A, T, I, O>(n, in, out, op);
}

template <class T>
inline void require_real() {
  static_assert(is_real_v<T>, "activ: the array drivers take ranges of float or double");
}

template <class F>
inline void require_elementwise() {
  static_assert(!is_rowwise_v<F>,
                "activ: row-wise activations (softmax, log_softmax, maxout, glu, prelu_channels) "
                "have no element-wise derivative and no pointer form: call forward(f, x, y) and "
                "backward(f, x, y, dy, dx) with ranges");
}

template <class R>
using range_value_t = std::remove_cv_t<std::remove_pointer_t<decltype(std::declval<R&>().data())>>;

template <class R>
inline auto data_of(R& r) {
  static_assert(!std::is_const_v<std::remove_pointer_t<decltype(r.data())>>,
                "activ: an output argument must be a writable range");
  return r.data();
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
  detail::check<T, 2, 1>("backward_from_output", {{{"y", y, n}, {"dy", dy, n}}},
                         {{{"dx", dx, n}}});
  detail::validate(f);
  if (!detail::derivative_from_output_valid(f))
    detail::fail("backward_from_output",
                 std::string(F::name) + " with these parameters has no derivative from its output; "
                 "use backward(f, x, dy, dx)");
  // derivative_from_output is a short formula (y (1 - y), 1 - y^2, a select): plain run.
  detail::run<A, T, 2, 1>(n, {y, dy}, {dx},
                          [f](auto v, auto g) { return g * f.derivative_from_output(v); });
}

template <class A = xsimd::default_arch, class F, class T>
void forward_with_derivative(const F& f, const T* x, T* y, T* d, std::size_t n) {
  detail::require_elementwise<F>();
  detail::require_real<T>();
  detail::check<T, 1, 2>("forward_with_derivative", {{{"x", x, n}}},
                         {{{"y", y, n}, {"d", d, n}}});
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
  if (x.size() != y.size())
    detail::fail("forward", "x has " + std::to_string(x.size()) + " elements but y has " +
                                std::to_string(y.size()));
  forward<A>(f, static_cast<const T*>(x.data()), detail::data_of(y), x.size());
}

template <class A = xsimd::default_arch, class F, class X, class D,
          class = std::enable_if_t<detail::are_ranges_v<X, D>>>
void derivative(const F& f, const X& x, D&& d) {
  using T = detail::range_value_t<const X>;
  if (x.size() != d.size())
    detail::fail("derivative", "x has " + std::to_string(x.size()) + " elements but d has " +
                                   std::to_string(d.size()));
  derivative<A>(f, static_cast<const T*>(x.data()), detail::data_of(d), x.size());
}

namespace detail {
// Size check for the range overloads with an input, a gradient and an output.
template <class X, class DY, class DX>
void check_sizes3(const char* call, const char* xname, const X& x, const DY& dy, const DX& dx) {
  if (dy.size() != x.size())
    fail(call, std::string(xname) + " has " + std::to_string(x.size()) + " elements but dy has " +
                   std::to_string(dy.size()));
  if (dx.size() != x.size())
    fail(call, std::string(xname) + " has " + std::to_string(x.size()) + " elements but dx has " +
                   std::to_string(dx.size()));
}
}  // namespace detail

template <class A = xsimd::default_arch, class F, class X, class DY, class DX,
          class = std::enable_if_t<detail::are_ranges_v<X, DY, DX>>>
void backward(const F& f, const X& x, const DY& dy, DX&& dx) {
  using T = detail::range_value_t<const X>;
  detail::check_sizes3("backward", "x", x, dy, dx);
  backward<A>(f, static_cast<const T*>(x.data()), static_cast<const T*>(dy.data()),
              detail::data_of(dx), x.size());
}

template <class A = xsimd::default_arch, class F, class Y, class DY, class DX,
          class = std::enable_if_t<detail::are_ranges_v<Y, DY, DX>>>
void backward_from_output(const F& f, const Y& y, const DY& dy, DX&& dx) {
  using T = detail::range_value_t<const Y>;
  detail::check_sizes3("backward_from_output", "y", y, dy, dx);
  backward_from_output<A>(f, static_cast<const T*>(y.data()), static_cast<const T*>(dy.data()),
                          detail::data_of(dx), y.size());
}

// The five-argument backward that every activation accepts. Element-wise
// activations use x (more accurate than y) and only check y's size.
template <class A = xsimd::default_arch, class F, class X, class Y, class DY, class DX,
          class = std::enable_if_t<detail::are_ranges_v<X, Y, DY, DX> && !detail::is_rowwise_v<F>>>
void backward(const F& f, const X& x, const Y& y, const DY& dy, DX&& dx) {
  if (y.size() != x.size())
    detail::fail("backward", "x has " + std::to_string(x.size()) + " elements but y has " +
                                 std::to_string(y.size()));
  backward<A>(f, x, dy, std::forward<DX>(dx));
}

template <class A = xsimd::default_arch, class F, class X, class Y, class D,
          class = std::enable_if_t<detail::are_ranges_v<X, Y, D>>>
void forward_with_derivative(const F& f, const X& x, Y&& y, D&& d) {
  using T = detail::range_value_t<const X>;
  if (y.size() != x.size() || d.size() != x.size())
    detail::fail("forward_with_derivative",
                 "x has " + std::to_string(x.size()) + " elements but y has " +
                     std::to_string(y.size()) + " and d has " + std::to_string(d.size()));
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
  f.template backward_rows<A, T>(static_cast<const T*>(x.data()), x.size(),
                                 static_cast<const T*>(y.data()), y.size(),
                                 static_cast<const T*>(dy.data()), dy.size(), detail::data_of(dx),
                                 dx.size());
}

}  // namespace activ
