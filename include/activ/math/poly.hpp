// Polynomial evaluation over a coefficient array c[0] + c[1] x + ... +
// c[N-1] x^(N-1), for the kernels' minimax polynomials.
//
// horner: N - 1 fused multiply-adds in one chain.
// estrin: Estrin's scheme, the same N - 1 multiply-adds plus the squarings
//   x^2, x^4, x^8 (about log2 N of them), as a tree: c[2i] + c[2i+1] x, then
//   pairs of those joined with x^2, then with x^4, ... The chain is about
//   log2 N multiply-adds long instead of N - 1, so the out-of-order core
//   overlaps more batches of a long kernel: with it the double activations
//   (polynomials of 8 to 23 terms) took 3-25% less time, gelu the most
//   (forward, 4Ki elements, g++ 12, AVX2 and AVX-512, a small Google
//   Benchmark loop against the Horner commit). The float activations
//   (evaluated in double, math/wide.hpp) measured no difference: their two
//   double halves per float batch already fill the core; they keep Horner's.
//   estrin<H> keeps Horner's steps for the H lowest terms: where the
//   variable is not small and those terms carry the value (erf's tail,
//   tanh), Estrin's alone, whose rounded x^2 and x^4 reach them, went over
//   the bounds (normal_cdf 1.04 ulp; without FMA x_minus_tanh 1.6, erf 1.07
//   in float). Each kernel states its scheme and its measured error.
#pragma once

#include <cstddef>

#include "../detail/simd.hpp"

namespace activ::math {

// c[0] + c[1] x + ... + c[N-1] x^(N-1), by Horner's scheme.
template <class V, class S, std::size_t N>
inline V horner(V x, const S (&c)[N]) noexcept {
  V p(c[N - 1]);
  for (std::size_t i = N - 1; i-- > 0;) p = detail::compat::fmadd(p, x, V(c[i]));
  return p;
}

namespace detail_poly {
constexpr std::size_t floor_log2(std::size_t n) { return n < 2 ? 0 : 1 + floor_log2(n / 2); }

// c[Lo] + ... + c[Lo + Count - 1] x^(Count - 1), pw[k] = x^(2^k): the terms
// below the largest power of two under Count, plus the rest times it.
template <std::size_t Lo, std::size_t Count, class V, class S, std::size_t N, std::size_t P>
inline V estrin(const V (&pw)[P], const S (&c)[N]) noexcept {
  if constexpr (Count == 1) {
    return V(c[Lo]);
  } else {
    constexpr std::size_t k = floor_log2(Count - 1);
    constexpr std::size_t half = std::size_t(1) << k;
    return detail::compat::fmadd(estrin<Lo + half, Count - half>(pw, c), pw[k], estrin<Lo, half>(pw, c));
  }
}
}  // namespace detail_poly

// c[0] + c[1] x + ... + c[N-1] x^(N-1): Estrin's scheme for the terms from
// c[H] on, Horner's for the H lowest (H = 0: Estrin's alone).
template <std::size_t H = 0, class V, class S, std::size_t N>
inline V estrin(V x, const S (&c)[N]) noexcept {
  static_assert(N >= H + 2);
  constexpr std::size_t P = detail_poly::floor_log2(N - H - 1) + 1;  // x, x^2, ..., x^(2^(P-1))
  V pw[P] = {x};
  for (std::size_t k = 1; k < P; ++k) pw[k] = pw[k - 1] * pw[k - 1];
  V p = detail_poly::estrin<H, N - H>(pw, c);
  for (std::size_t i = H; i-- > 0;) p = detail::compat::fmadd(p, x, V(c[i]));
  return p;
}

}  // namespace activ::math
