// What every formula needs around xsimd: type traits, constants, and the
// rule that makes a value independent of the path that reached it.
//
// A formula is written once, as a generic lambda over xsimd::batch. The array
// drivers call it on batches; a scalar call f(x) broadcasts x to the default
// batch, runs the very same lambda and returns lane 0 (activ::on_batch, functor.hpp). Scalar
// libm and the batch polynomials differ by an ulp or two, and compilers fuse
// a*b+c differently in scalar and vector code, so this is the only way the
// scalar call, the array body and the array tail give the same bits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "compat.hpp"

namespace activ {
namespace detail {

template <class T>
struct batch_info : std::false_type {};
template <class T, class A>
struct batch_info<xsimd::batch<T, A>> : std::true_type {
  using scalar = T;
  using arch = A;
};

template <class T>
inline constexpr bool is_real_v = std::is_same_v<T, float> || std::is_same_v<T, double>;

template <class T>
constexpr bool is_real_batch() {
  if constexpr (batch_info<T>::value)
    return is_real_v<typename batch_info<T>::scalar>;
  else
    return false;
}

// T is something a functor accepts: float, double or a batch of either.
template <class T>
inline constexpr bool is_real_or_batch_v = is_real_v<T> || is_real_batch<T>();

// The element type of a batch.
template <class V>
using scalar_t = typename batch_info<V>::scalar;

// V holds floats (whose formulas may run in double, math/wide.hpp).
template <class V>
inline constexpr bool is_float_batch = std::is_same_v<scalar_t<V>, float>;

// The integer batch with the width and lane size of V (int32 for float).
template <class V>
using int_batch_t =
    xsimd::batch<std::conditional_t<std::is_same_v<scalar_t<V>, float>, std::int32_t, std::int64_t>,
                 typename batch_info<V>::arch>;

template <class T>
inline constexpr void require_real_or_batch() {
  static_assert(is_real_or_batch_v<T>,
                "activ: activation functions take float, double or xsimd::batch of "
                "them; convert integers (or long double) to float or double first");
}

template <class T>
struct is_pair : std::false_type {};
template <class A, class B>
struct is_pair<std::pair<A, B>> : std::true_type {};
template <class T>
inline constexpr bool is_pair_v = is_pair<T>::value;

// Formulas that give f, f' or both from one shared evaluation (the fused
// value_and_derivative) are written once as eval<Value, Slope>(x); pick
// returns what was asked for, evaluating only that: f (Value), f' (Slope) or
// the pair {f, f'}. each maps such a result, fv on f and fs on f'.
template <bool Value, bool Slope, class FV, class FS>
inline auto pick(FV value, FS slope) {
  static_assert(Value || Slope, "activ: eval<Value, Slope> needs f, f' or both");
  if constexpr (Value && Slope)
    return std::pair{value(), slope()};
  else if constexpr (Value)
    return value();
  else
    return slope();
}

template <bool Value, bool Slope, class R, class FV, class FS>
inline auto each(const R& r, FV fv, FS fs) {
  if constexpr (Value && Slope)
    return std::pair{fv(r.first), fs(r.second)};
  else if constexpr (Value)
    return fv(r);
  else
    return fs(r);
}

// f(std::true_type{}) where the parameter p is 1, else f(std::false_type{}):
// a kernel multiplied by p (elu's and celu's alpha, softplus' beta; 1 by
// default) instantiates a variant without those exact products, chosen once
// per batch.
template <class F>
inline auto if_one(double p, F f) {
  return p == 1 ? f(std::true_type{}) : f(std::false_type{});
}

// A batch whose lanes all hold c, rounded once to the element type.
template <class V>
inline V splat(double c) noexcept {
  return V(static_cast<scalar_t<V>>(c));
}

}  // namespace detail

}  // namespace activ
