// activ::fast<F>: the fast precision tier of activation F, usable wherever F
// is (the drivers, the scalar call, value_and_derivative, a GLU gate,
// runtime selection as "fast_<name>").
//
//   activ::forward(activ::fast{activ::silu{}}, x, y);
//   activ::forward(activ::fast<activ::tanh>{}, x, y);
//
// Bound, where F has a fast kernel (a member template fast_eval, the same
// shape as eval): forward within 4 ulp, derivative within 8 ulp (scaled near
// roots as the accurate tier), over the whole float and double lines; a
// result smaller in magnitude than the smallest normal number may be a zero
// of the right sign instead; NaN, infinities and signed zeros as F documents.
// The fast kernels are float kernels; double, and every activation without
// one, runs F's own kernel and F's bound. The scalar call, the array body and
// the tail give the same bits, as for F. Parameters, validate() and
// derivative_from_output are F's.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "functor.hpp"

namespace activ {
namespace detail {

template <class F, class = void>
struct has_fast_eval : std::false_type {};
template <class F>
struct has_fast_eval<F,
                     std::void_t<decltype(std::declval<const F&>().template fast_eval<true, false>(
                         std::declval<xsimd::batch<float>>()))>> : std::true_type {};

struct fast_prefix {
  static constexpr std::string_view value = "fast_";
};

}  // namespace detail

template <class F>
struct fast : F {
  static_assert(!detail::is_rowwise_v<F>,
                "activ::fast: the row-wise activations have no fast tier yet");

  static constexpr std::string_view name = detail::prefixed_name<detail::fast_prefix, F>::value;
  static constexpr ulp_bounds accuracy =
      detail::has_fast_eval<F>::value ? ulp_bounds{4, 8, 4, 8} : F::accuracy;

  ACTIV_CALLS_FROM_EVAL()

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    const F& f = *this;
    if constexpr (detail::has_fast_eval<F>::value && detail::is_float_batch<V>)
      return f.template fast_eval<Value, Slope>(v);
    else if constexpr (Value && Slope && has_value_and_derivative<F>::value)
      return f.value_and_derivative(v);
    else
      return detail::pick<Value, Slope>([&] { return f(v); }, [&] { return f.derivative(v); });
  }
};

template <class F>
fast(F) -> fast<F>;

// The activations of list L that have a fast kernel, as fast<F>.
template <class L>
struct fast_of;
template <class... F>
struct fast_of<std::tuple<F...>> {
  using type = decltype(std::tuple_cat(
      std::declval<std::conditional_t<detail::has_fast_eval<F>::value, std::tuple<fast<F>>,
                                      std::tuple<>>>()...));
};

}  // namespace activ
