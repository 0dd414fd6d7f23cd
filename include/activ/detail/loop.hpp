// The loop engine behind the array drivers (apply.hpp): runs a batch
// formula over contiguous memory, unrolled, with a zero-padded tail, so that
// every element gets the bits of a scalar call.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <tuple>
#include <utility>

#include "../functor.hpp"
#include "simd.hpp"

namespace activ::detail {

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
inline constexpr std::size_t unroll = 4;

// A single output of at least this many bytes is written with non-temporal
// stores (compat::store_stream): an array that large leaves the caches
// before anyone reads it again, and an ordinary store first reads each
// output line from memory (three streams instead of two). The elements
// before the first aligned batch go through the zero-padded path.
inline constexpr std::size_t stream_bytes = std::size_t(16) << 20;

// run() inlines everything it calls (flatten): op and the kernels under it.
// Without it GCC stops inlining once a translation unit has grown by its
// inline-unit-growth limit, and in a file that instantiates many activations
// kernels such as the sigmoid core become calls per batch, their parts passed
// through memory.
#if defined(__GNUC__)
#define ACTIV_FLATTEN __attribute__((flatten))
#else
#define ACTIV_FLATTEN
#endif

// run_interleaved is run with GCC's first instruction scheduling pass (off
// by default on x86), which interleaves the `unroll` independent batches of
// an iteration. Without it each batch's chain of dependent operations comes
// whole after the previous one, and the out-of-order window spans little
// more than one chain of a sigmoid or a gelu. Activations that declare
// `interleave` take it; short kernels gain nothing and may spill registers,
// so they keep run. The arithmetic, hence the bits, is the same
// (tests/drivers_large.cpp). Other compilers: run (their own scheduler).
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

}  // namespace activ::detail
