// Float lanes as two batches of double and back, so that a float activation can be evaluated in
// double and rounded to float once (math/wide.hpp). widen is exact; narrow rounds each lane once,
// to nearest (the conversions follow MXCSR, which activ never changes), subnormal float results
// included. Lane order is kept (lo holds lanes 0 .. W/2-1). x86 has a conversion per width;
// elsewhere the lanes go through memory.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "compat.hpp"
#include "simd.hpp"

namespace activ::detail {

template <class A>
struct widened {
  xsimd::batch<double, A> lo, hi;
};

template <class A>
inline widened<A> widen(const xsimd::batch<float, A>& x) noexcept {
  using D = xsimd::batch<double, A>;
  static_assert(2 * D::size == xsimd::batch<float, A>::size,
                "activ: evaluating float in double needs a double batch of half the float width");
#if XSIMD_WITH_AVX512F
  if constexpr (std::is_base_of_v<xsimd::avx512f, A>) {
    const __m512 v = x;
    const __m256 hi = _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1));
    return {D(_mm512_cvtps_pd(_mm512_castps512_ps256(v))), D(_mm512_cvtps_pd(hi))};
  } else
#endif
#if XSIMD_WITH_AVX
      if constexpr (std::is_base_of_v<xsimd::avx, A>) {
    const __m256 v = x;
    return {D(_mm256_cvtps_pd(_mm256_castps256_ps128(v))),
            D(_mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)))};
  } else
#endif
#if XSIMD_WITH_SSE2
      if constexpr (std::is_base_of_v<xsimd::sse2, A>) {
    const __m128 v = x;
    return {D(_mm_cvtps_pd(v)), D(_mm_cvtps_pd(_mm_movehl_ps(v, v)))};
  } else
#endif
  {
    alignas(64) float f[2 * D::size];
    alignas(64) double d[2 * D::size];
    x.store_aligned(f);
    for (std::size_t i = 0; i < 2 * D::size; ++i) d[i] = f[i];
    return {D::load_aligned(d), D::load_aligned(d + D::size)};
  }
}

template <class A>
inline xsimd::batch<float, A> narrow(const widened<A>& w) noexcept {
  using D = xsimd::batch<double, A>;
  using F = xsimd::batch<float, A>;
#if XSIMD_WITH_AVX512F
  if constexpr (std::is_base_of_v<xsimd::avx512f, A>) {
    const __m512 lo = _mm512_castps256_ps512(_mm512_cvtpd_ps(w.lo));
    const __m256d hi = _mm256_castps_pd(_mm512_cvtpd_ps(w.hi));
    return F(_mm512_castpd_ps(_mm512_insertf64x4(_mm512_castps_pd(lo), hi, 1)));
  } else
#endif
#if XSIMD_WITH_AVX
      if constexpr (std::is_base_of_v<xsimd::avx, A>) {
    return F(_mm256_insertf128_ps(_mm256_castps128_ps256(_mm256_cvtpd_ps(w.lo)),
                                  _mm256_cvtpd_ps(w.hi), 1));
  } else
#endif
#if XSIMD_WITH_SSE2
      if constexpr (std::is_base_of_v<xsimd::sse2, A>) {
    return F(_mm_movelh_ps(_mm_cvtpd_ps(w.lo), _mm_cvtpd_ps(w.hi)));
  } else
#endif
  {
    alignas(64) double d[2 * D::size];
    alignas(64) float f[2 * D::size];
    w.lo.store_aligned(d);
    w.hi.store_aligned(d + D::size);
    for (std::size_t i = 0; i < 2 * D::size; ++i) f[i] = static_cast<float>(d[i]);
    return F::load_aligned(f);
  }
}

// Both halves' results narrowed: one batch, or a pair {f, f'} of them (value_and_derivative).
template <class A, class R>
inline auto narrow_results(const R& lo, const R& hi) noexcept {
  if constexpr (is_pair_v<R>)
    return std::pair{narrow(widened<A>{lo.first, hi.first}),
                     narrow(widened<A>{lo.second, hi.second})};
  else
    return narrow(widened<A>{lo, hi});
}

// g (a function of double batches) on the lanes of x, each result rounded
// to float once. g may return a batch or a pair of them.
template <class A, class G>
inline auto in_double(const xsimd::batch<float, A>& x, G g) noexcept {
  const widened<A> w = widen(x);
  return narrow_results<A>(g(w.lo), g(w.hi));
}

// The same with a second float batch s, lane by lane beside x: something
// computed once for all lanes in float (gelu's seed for a reciprocal).
template <class A, class G>
inline auto in_double(const xsimd::batch<float, A>& x, const xsimd::batch<float, A>& s,
                      G g) noexcept {
  const widened<A> w = widen(x), ws = widen(s);
  return narrow_results<A>(g(w.lo, ws.lo), g(w.hi, ws.hi));
}

}  // namespace activ::detail
