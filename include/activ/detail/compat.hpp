// Every difference between the xsimd releases activ supports (8.1 .. 14.x) lives in this file, so
// the rest of the library reads as one API:
//   8.1 -> 9.0   hadd became reduce_add; reduce_max appeared
//   10.x -> 11.0 bitwise_cast<batch<To, A>>(x) became bitwise_cast<To>(x)
//   13.0         Arch::version() removed (activ does not use it)
//   14.0         generic renamed common (activ never names it); max/min NaN semantics changed:
//                where a NaN lane's result matters, formulas use select with a comparison, or
//                compat::clamp
//   8.x AVX-512  unary minus is 0 - x, so -(+0) is +0: compat::neg where the sign of a zero result
//                is part of the contract; != is ordered (NaN != NaN is false, also on AVX): test
//                NaN with xsimd::isnan or x == x; fma rounds twice (no avx512f kernel):
//                compat::fmadd / fnmadd call the intrinsic there
#pragma once

#include <cstddef>
#include <type_traits>
#include <xsimd/xsimd.hpp>

#if !defined(XSIMD_VERSION_MAJOR) || XSIMD_VERSION_MAJOR < 8 || \
    (XSIMD_VERSION_MAJOR == 8 && XSIMD_VERSION_MINOR < 1)
#error "activ needs xsimd 8.1 or newer"
#endif

namespace activ::detail::compat {

// Reinterpret the bits of a batch as a batch of another element type.
template <class To, class From, class A>
inline xsimd::batch<To, A> bit_cast(const xsimd::batch<From, A>& x) noexcept {
#if XSIMD_VERSION_MAJOR >= 11
  return xsimd::bitwise_cast<To>(x);
#else
  return xsimd::bitwise_cast<xsimd::batch<To, A>>(x);
#endif
}

// Sum of the lanes.
template <class T, class A>
inline T reduce_add(const xsimd::batch<T, A>& x) noexcept {
#if XSIMD_VERSION_MAJOR >= 9
  return xsimd::reduce_add(x);
#else
  return xsimd::hadd(x);
#endif
}

// Largest lane, for batches without NaN (row-wise code removes NaN first).
template <class T, class A>
inline T reduce_max(const xsimd::batch<T, A>& x) noexcept {
#if XSIMD_VERSION_MAJOR >= 9
  return xsimd::reduce_max(x);
#else
  alignas(64) T lanes[xsimd::batch<T, A>::size];
  x.store_unaligned(lanes);
  T m = lanes[0];
  for (std::size_t i = 1; i < xsimd::batch<T, A>::size; ++i) m = lanes[i] > m ? lanes[i] : m;
  return m;
#endif
}

// -x by flipping the sign bit, -(+0) = -0 on every instruction set.
template <class T, class A>
inline xsimd::batch<T, A> neg(const xsimd::batch<T, A>& x) noexcept {
  return x ^ xsimd::batch<T, A>(T(-0.0));
}

// a * b + c rounded once wherever the instruction set has FMA (the intrinsic on
// AVX-512, see above), twice on SSE2 and plain AVX; has_fused_fma<V>() tells
// which. Kernels that need an exact remainder (math::logistic) take another
// route without it, so that every build computes the same values.
template <class V>
constexpr bool has_fused_fma() noexcept {
  using A = typename V::arch_type;
  return std::is_base_of_v<xsimd::avx512f, A> || std::is_base_of_v<xsimd::fma3<xsimd::avx2>, A> ||
         std::is_base_of_v<xsimd::fma3<xsimd::avx>, A> ||
         std::is_base_of_v<xsimd::fma3<xsimd::sse4_2>, A> || std::is_base_of_v<xsimd::fma4, A>;
}

template <class V>
inline V fmadd(const V& a, const V& b, const V& c) noexcept {
#if XSIMD_WITH_AVX512F
  if constexpr (std::is_base_of_v<xsimd::avx512f, typename V::arch_type>) {
    if constexpr (std::is_same_v<typename V::value_type, float>)
      return V(_mm512_fmadd_ps(a, b, c));
    else
      return V(_mm512_fmadd_pd(a, b, c));
  } else
#endif
  {
    return xsimd::fma(a, b, c);
  }
}

// c - a * b, rounded as fmadd rounds.
template <class V>
inline V fnmadd(const V& a, const V& b, const V& c) noexcept {
#if XSIMD_WITH_AVX512F
  if constexpr (std::is_base_of_v<xsimd::avx512f, typename V::arch_type>) {
    if constexpr (std::is_same_v<typename V::value_type, float>)
      return V(_mm512_fnmadd_ps(a, b, c));
    else
      return V(_mm512_fnmadd_pd(a, b, c));
  } else
#endif
  {
    return xsimd::fnma(a, b, c);
  }
}

namespace detail_minmax {
// max(a, b) (Max) or min(a, b) lane by lane, b where either is NaN: the rule of x86's
// maxps / minps and their wider forms, called directly (xsimd's own max and min changed their NaN
// rule in 14.0); elsewhere a comparison with the same rule.
template <bool Max, class T, class A>
inline xsimd::batch<T, A> second_on_nan(const xsimd::batch<T, A>& a,
                                        const xsimd::batch<T, A>& b) noexcept {
  using B = xsimd::batch<T, A>;
  constexpr bool F = std::is_same_v<T, float>;
#if XSIMD_WITH_AVX512F
  if constexpr (std::is_base_of_v<xsimd::avx512f, A>) {
    if constexpr (F)
      return B(Max ? _mm512_max_ps(a, b) : _mm512_min_ps(a, b));
    else
      return B(Max ? _mm512_max_pd(a, b) : _mm512_min_pd(a, b));
  } else
#endif
#if XSIMD_WITH_AVX
      if constexpr (std::is_base_of_v<xsimd::avx, A>) {
    if constexpr (F)
      return B(Max ? _mm256_max_ps(a, b) : _mm256_min_ps(a, b));
    else
      return B(Max ? _mm256_max_pd(a, b) : _mm256_min_pd(a, b));
  } else
#endif
#if XSIMD_WITH_SSE2
      if constexpr (std::is_base_of_v<xsimd::sse2, A>) {
    if constexpr (F)
      return B(Max ? _mm_max_ps(a, b) : _mm_min_ps(a, b));
    else
      return B(Max ? _mm_max_pd(a, b) : _mm_min_pd(a, b));
  } else
#endif
  {
    return xsimd::select(Max ? a > b : a < b, a, b);
  }
}
}  // namespace detail_minmax

// x clamped to [lo, hi] lane by lane, a NaN x kept: one max and one min, where
// a select is a compare and a blend.
template <class T, class A>
inline xsimd::batch<T, A> clamp(const xsimd::batch<T, A>& x, const xsimd::batch<T, A>& lo,
                                const xsimd::batch<T, A>& hi) noexcept {
  return detail_minmax::second_on_nan<false>(hi, detail_minmax::second_on_nan<true>(lo, x));
}

// min(x, hi) lane by lane, a NaN x kept.
template <class T, class A>
inline xsimd::batch<T, A> clamp_above(const xsimd::batch<T, A>& x,
                                      const xsimd::batch<T, A>& hi) noexcept {
  return detail_minmax::second_on_nan<false>(hi, x);
}

// A store that bypasses the caches (non-temporal) to p, aligned to the batch's size, or an
// ordinary aligned store where the target has none; stream_fence() orders such stores before what
// follows.
template <class T, class A>
inline void store_stream(T* p, const xsimd::batch<T, A>& v) noexcept {
#if XSIMD_WITH_AVX512F
  if constexpr (std::is_base_of_v<xsimd::avx512f, A>) {
    if constexpr (std::is_same_v<T, float>)
      _mm512_stream_ps(p, v);
    else
      _mm512_stream_pd(p, v);
  } else
#endif
#if XSIMD_WITH_AVX
      if constexpr (std::is_base_of_v<xsimd::avx, A>) {
    if constexpr (std::is_same_v<T, float>)
      _mm256_stream_ps(p, v);
    else
      _mm256_stream_pd(p, v);
  } else
#endif
#if XSIMD_WITH_SSE2
      if constexpr (std::is_base_of_v<xsimd::sse2, A>) {
    if constexpr (std::is_same_v<T, float>)
      _mm_stream_ps(p, v);
    else
      _mm_stream_pd(p, v);
  } else
#endif
  {
    v.store_aligned(p);
  }
}

inline void stream_fence() noexcept {
#if XSIMD_WITH_SSE2
  _mm_sfence();
#endif
}
}  // namespace activ::detail::compat
