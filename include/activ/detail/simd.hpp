// What every formula needs around xsimd: type traits, constants, and the
// rule that makes a value independent of the path that reached it.
//
// A formula is written once, as a generic lambda over xsimd::batch. The array
// drivers call it on batches; a scalar call f(x) broadcasts x to the default
// batch, runs the very same lambda and returns lane 0 (detail::lift). Scalar
// libm and the batch polynomials differ by an ulp or two, and compilers fuse
// a*b+c differently in scalar and vector code, so this is the only way the
// scalar call, the array body and the array tail give the same bits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

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

// Evaluate `formula` (a generic lambda over batches) for x. A batch goes
// straight through; a float or double goes through the default-arch batch.
template <class T, class Formula>
inline T lift(T x, Formula formula) {
  static_assert(is_real_or_batch_v<T>,
                "activ: activation functions take float, double or xsimd::batch of "
                "them; convert integers (or long double) to float or double first");
  if constexpr (is_real_batch<T>()) {
    return formula(x);
  } else if constexpr (is_real_v<T>) {
    return formula(xsimd::batch<T>(x)).get(0);
  } else {
    return x;  // unreachable: the static_assert above has fired
  }
}

// A batch whose lanes all hold c, rounded once to the element type.
template <class V>
inline V splat(double c) noexcept {
  return V(static_cast<scalar_t<V>>(c));
}

}  // namespace detail

// The ulp bounds an activation promises, measured as described in the
// README (dense ulp-space sweep against a long double reference) and enforced
// by tests/elementwise.cpp. A bound of 0 means correctly rounded (exact).
struct ulp_bounds {
  double forward_f32;
  double derivative_f32;
  double forward_f64;
  double derivative_f64;
};

}  // namespace activ
