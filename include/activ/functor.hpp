// The functor concept: what an activation is to activ's drivers, tests and
// runtime selection. Every built-in activation follows it, and so can yours.
//
// Required:
//   template <class T> T operator()(T x) const;   f(x)
//   template <class T> T derivative(T x) const;   f'(x)
//     T is float, double or xsimd::batch of either; write the formula once
//     over batches and route a lone float or double through activ::on_batch,
//     so the scalar call gives the bits the array drivers give.
//
// Optional members, each found by the drivers when present:
//   static constexpr std::string_view name        for error messages, tests,
//                                                  benchmarks and activ::parse
//   static constexpr ulp_bounds accuracy           the bounds the tests enforce
//   static constexpr bool interleave = true        the kernel is one long chain
//                                                  of dependent operations per
//                                                  batch: the drivers let the
//                                                  compiler interleave batches
//   std::pair<T, T> value_and_derivative(T x)      {f(x), f'(x)} from one shared
//                                                  evaluation, the same bits as
//                                                  the two calls; used by
//                                                  forward_with_derivative
//   T derivative_from_output(T y)                  f' as an exact function of
//                                                  y = f(x); enables
//                                                  backward_from_output
//   bool derivative_from_output_valid()            false for parameter values
//                                                  where it is not (alpha < 0)
//   void validate()                                throws std::invalid_argument
//                                                  for invalid parameters; the
//                                                  drivers call it once per call
//   fast_eval<Value, Slope>(v)                     the fast tier's formula for
//                                                  float batches, the shape of
//                                                  eval (activ::fast<F>, fast.hpp)
//   static constexpr auto parameters()             the public data members that
//                                                  runtime selection may set:
//                                                  std::array{activ::parameter<
//                                                  &F::alpha>("alpha"), ...}
// Row-wise activations (softmax, glu ...) instead declare
// `static constexpr bool rowwise = true` and the hooks forward_rows and
// backward_rows (detail/rowwise.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "detail/simd.hpp"

namespace activ {

// The ulp bounds an activation promises over the whole float and double
// lines, against a higher-precision reference; 0 means correctly rounded.
struct ulp_bounds {
  double forward_f32;
  double derivative_f32;
  double forward_f64;
  double derivative_f64;
};

// Runs `formula`, a generic callable over xsimd::batch, on x. A batch goes
// straight through; a float or double goes through lane 0 of a broadcast
// default-arch batch, so a scalar call gives the bits of the array drivers
// (scalar libm and compiler contractions would differ). A formula returning
// a std::pair of batches gives a std::pair.
template <class T, class Formula>
inline auto on_batch(T x, Formula formula) {
  detail::require_real_or_batch<T>();
  if constexpr (detail::is_real_batch<T>()) {
    return formula(x);
  } else if constexpr (detail::is_real_v<T>) {
    const auto r = formula(xsimd::batch<T>(x));
    if constexpr (detail::is_pair_v<std::decay_t<decltype(r)>>)
      return std::pair<T, T>{r.first.get(0), r.second.get(0)};
    else
      return T(r.get(0));
  } else {
    return x;  // unreachable: require_real_or_batch has failed
  }
}

// Defines operator(), derivative() and value_and_derivative() from the
// functor's one formula, a member template
//   template <bool Value, bool Slope, class V> auto eval(const V& v) const;
// returning f(v), f'(v) or the pair {f, f'} (detail::pick builds that).
#define ACTIV_CALLS_FROM_EVAL()                                                                  \
  template <class T>                                                                             \
  T operator()(T x) const {                                                                      \
    return ::activ::on_batch(x, [this](auto v) { return this->template eval<true, false>(v); }); \
  }                                                                                              \
  template <class T>                                                                             \
  T derivative(T x) const {                                                                      \
    return ::activ::on_batch(x, [this](auto v) { return this->template eval<false, true>(v); }); \
  }                                                                                              \
  template <class T>                                                                             \
  std::pair<T, T> value_and_derivative(T x) const {                                              \
    return ::activ::on_batch(x, [this](auto v) { return this->template eval<true, true>(v); });  \
  }

// ---- parameters ---------------------------------------------------------------

// What kind of value a parameter holds: a double, a std::size_t or a bool.
enum class parameter_kind { real, count, flag };

// One public parameter of functor F: its name, kind, and a getter and setter
// through a double (exact for every double, for counts below 2^53 and flags).
template <class F>
struct parameter_entry {
  std::string_view name;
  parameter_kind kind;
  double (*get)(const F&);
  void (*set)(F&, double);
};

namespace detail {
template <class M>
struct member_traits;
template <class C, class T>
struct member_traits<T C::*> {
  using owner = C;
  using type = T;
};
}  // namespace detail

// The entry for data member P (&elu::alpha), called `name`.
template <auto P>
constexpr auto parameter(std::string_view name) {
  using C = typename detail::member_traits<decltype(P)>::owner;
  using T = typename detail::member_traits<decltype(P)>::type;
  static_assert(
      std::is_same_v<T, double> || std::is_same_v<T, std::size_t> || std::is_same_v<T, bool>,
      "activ::parameter: a parameter is a double, a std::size_t or a bool");
  constexpr parameter_kind kind = std::is_same_v<T, double> ? parameter_kind::real
                                  : std::is_same_v<T, bool> ? parameter_kind::flag
                                                            : parameter_kind::count;
  return parameter_entry<C>{name, kind, [](const C& f) { return static_cast<double>(f.*P); },
                            [](C& f, double v) { f.*P = static_cast<T>(v); }};
}

// ---- detecting the optional members -------------------------------------------

// True when F has derivative_from_output(y).
template <class F, class = void>
struct has_derivative_from_output : std::false_type {};
template <class F>
struct has_derivative_from_output<
    F, std::void_t<decltype(std::declval<const F&>().derivative_from_output(0.f))>>
    : std::true_type {};
template <class F>
inline constexpr bool has_derivative_from_output_v = has_derivative_from_output<F>::value;

// True when F has value_and_derivative(v); the drivers fall back to two calls.
template <class F, class = void>
struct has_value_and_derivative : std::false_type {};
template <class F>
struct has_value_and_derivative<F,
                                std::void_t<decltype(std::declval<const F&>().value_and_derivative(
                                    std::declval<xsimd::batch<float>>()))>> : std::true_type {};

namespace detail {

template <class F, class = void>
struct has_validate : std::false_type {};
template <class F>
struct has_validate<F, std::void_t<decltype(std::declval<const F&>().validate())>>
    : std::true_type {};

template <class F>
inline void validate(const F& f) {
  if constexpr (has_validate<F>::value) f.validate();
}

template <class F, class = void>
struct has_from_output_check : std::false_type {};
template <class F>
struct has_from_output_check<
    F, std::void_t<decltype(std::declval<const F&>().derivative_from_output_valid())>>
    : std::true_type {};

// True when backward_from_output accepts f with its parameters.
template <class F>
inline bool derivative_from_output_valid(const F& f) {
  if constexpr (has_from_output_check<F>::value)
    return f.derivative_from_output_valid();
  else
    return has_derivative_from_output_v<F>;
}

template <class F, class = void>
struct is_rowwise : std::false_type {};
template <class F>
struct is_rowwise<F, std::enable_if_t<F::rowwise>> : std::true_type {};
template <class F>
inline constexpr bool is_rowwise_v = is_rowwise<F>::value;

template <class F, class = void>
struct is_interleaved : std::false_type {};
template <class F>
struct is_interleaved<F, std::enable_if_t<F::interleave>> : std::true_type {};
template <class F>
inline constexpr bool is_interleaved_v = is_interleaved<F>::value;

// "<Prefix><F::name>" as a constant string.
template <class Prefix, class F>
struct prefixed_name {
  static constexpr auto text = [] {
    std::array<char, Prefix::value.size() + F::name.size() + 1> a{};  // NUL-terminated
    for (std::size_t i = 0; i < Prefix::value.size(); ++i) a[i] = Prefix::value[i];
    for (std::size_t i = 0; i < F::name.size(); ++i) a[Prefix::value.size() + i] = F::name[i];
    return a;
  }();
  static constexpr std::string_view value{text.data(), text.size() - 1};
};

template <class F, class = void>
struct has_parameters : std::false_type {};
template <class F>
struct has_parameters<F, std::void_t<decltype(F::parameters())>> : std::true_type {};

}  // namespace detail

// F's parameters (parameter_entry values: name, kind, get, set): F::parameters(),
// or none for a functor without data members.
template <class F>
constexpr auto parameters_of() {
  if constexpr (detail::has_parameters<F>::value) {
    return F::parameters();
  } else {
    static_assert(std::is_empty_v<F>,
                  "activ: this functor has data members; declare them in a static "
                  "constexpr parameters() (functor.hpp)");
    return std::array<parameter_entry<F>, 0>{};
  }
}

}  // namespace activ
