// Compile-time questions about functors, asked by the drivers and the tests.
#pragma once

#include <type_traits>
#include <utility>

#include "simd.hpp"

namespace activ {

// True when F has derivative_from_output(y): f' is an exact function of y.
template <class F, class = void>
struct has_derivative_from_output : std::false_type {};
template <class F>
struct has_derivative_from_output<
    F, std::void_t<decltype(std::declval<const F&>().derivative_from_output(0.f))>>
    : std::true_type {};
template <class F>
inline constexpr bool has_derivative_from_output_v = has_derivative_from_output<F>::value;

// True when F provides value_and_derivative(v), a fused evaluation returning
// {f(v), f'(v)} for a batch; the drivers fall back to two calls otherwise.
template <class F, class = void>
struct has_value_and_derivative : std::false_type {};
template <class F>
struct has_value_and_derivative<
    F, std::void_t<decltype(std::declval<const F&>().value_and_derivative(
           std::declval<xsimd::batch<float>>()))>> : std::true_type {};

namespace detail {

// A contiguous range: r.data() and r.size().
template <class R, class = void>
struct is_contiguous_range : std::false_type {};
template <class R>
struct is_contiguous_range<
    R, std::void_t<decltype(std::declval<R&>().data()), decltype(std::declval<R&>().size())>>
    : std::is_pointer<decltype(std::declval<R&>().data())> {};
template <class... R>
inline constexpr bool are_ranges_v = (is_contiguous_range<std::remove_reference_t<R>>::value && ...);

}  // namespace detail
}  // namespace activ
