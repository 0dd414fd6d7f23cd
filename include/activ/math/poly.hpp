// Polynomial evaluation, c[0] + c[1] x + ... + c[N-1] x^(N-1), for the
// kernels' minimax polynomials.
#pragma once

#include <cstddef>

#include "../detail/simd.hpp"

namespace activ::math {

// Horner's scheme: N - 1 fused multiply-adds in one chain.
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
    return detail::compat::fmadd(estrin<Lo + half, Count - half>(pw, c), pw[k],
                                 estrin<Lo, half>(pw, c));
  }
}
}  // namespace detail_poly

// Estrin's scheme for the terms from c[H] on, Horner's for the H lowest. The same multiply-adds
// plus about log2 N squarings, as a tree whose chain is about log2 N long instead of N - 1, so
// the core overlaps more batches of a long kernel (the double kernels use it; the float
// activations keep Horner's: their two double halves per float batch already fill the core).
// H > 0 where the variable is not small and the lowest terms carry the value (erf's tail, tanh):
// there Estrin's rounded x^2 and x^4 would reach them and cost the kernels their bounds.
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
