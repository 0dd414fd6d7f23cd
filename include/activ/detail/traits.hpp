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

// Functors whose parameters can be invalid (celu's alpha == 0) provide
// validate(), which throws std::invalid_argument; the drivers call it once
// per call, before anything is written.
template <class F, class = void>
struct has_validate : std::false_type {};
template <class F>
struct has_validate<F, std::void_t<decltype(std::declval<const F&>().validate())>> : std::true_type {};

template <class F>
inline void validate(const F& f) {
  if constexpr (has_validate<F>::value) f.validate();
}

// Functors whose derivative is a function of the output only for some
// parameter values (leaky_relu and elu need alpha >= 0) provide
// derivative_from_output_valid(); backward_from_output refuses the others.
template <class F, class = void>
struct has_from_output_check : std::false_type {};
template <class F>
struct has_from_output_check<
    F, std::void_t<decltype(std::declval<const F&>().derivative_from_output_valid())>>
    : std::true_type {};

template <class F>
inline bool derivative_from_output_valid(const F& f) {
  if constexpr (has_from_output_check<F>::value)
    return f.derivative_from_output_valid();
  else
    return has_derivative_from_output_v<F>;
}

// Row-wise activations (softmax, log_softmax, maxout, glu<F>,
// prelu_channels) declare `static constexpr bool rowwise = true`; the array
// drivers send them to their row hooks (detail/rowwise.hpp).
template <class F, class = void>
struct is_rowwise : std::false_type {};
template <class F>
struct is_rowwise<F, std::enable_if_t<F::rowwise>> : std::true_type {};
template <class F>
inline constexpr bool is_rowwise_v = is_rowwise<F>::value;

// Activations whose kernel is one long chain of dependent operations per
// batch (an exp, a log1p, a division: sigmoid, tanh, gelu ...) declare
// `static constexpr bool interleave = true`; the drivers then let the
// compiler interleave the unrolled batches (apply.hpp, run_interleaved).
template <class F, class = void>
struct is_interleaved : std::false_type {};
template <class F>
struct is_interleaved<F, std::enable_if_t<F::interleave>> : std::true_type {};
template <class F>
inline constexpr bool is_interleaved_v = is_interleaved<F>::value;

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
