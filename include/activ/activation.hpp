// Runtime selection: an activation chosen by name, from a configuration file
// or a command line, used with the same array drivers as a functor.
//
//   activ::activation a = activ::parse("leaky_relu(alpha=0.2)");   // parse.hpp
//   activ::forward(a, x, y);                 // one std::visit, then the SIMD kernel
//   activ::backward(a, x, dy, dx);
//
// activation holds one functor in a std::variant built from the type list
// elementwise_activations plus the row-wise ones below, so a name is written
// once, as F::name. Every driver call (forward, derivative, backward with 4
// or 5 arguments, backward_from_output, forward_with_derivative; ranges or
// pointer + count) visits once and runs the functor's own kernel: the bits
// are the functor's, the per-element cost is the functor's. a(x) and
// a.derivative(x) on one float or double visit once per value.
//
// Row-wise members (softmax, log_softmax, maxout, glu, swiglu, geglu,
// geglu_tanh, reglu, bilinear) take forward(a, x, y) and backward(a, x, y,
// dy, dx) on ranges; the element-wise-only calls throw std::invalid_argument
// for them at run time (a functor would not compile). prelu_channels is not
// selectable: its slopes are the caller's memory, not parameters.
// activation{} is relu, the first element-wise activation.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include "activations.hpp"
#include "fast.hpp"

namespace activ {
namespace detail {

// ---- the selectable functors ------------------------------------------------
using selectable_rowwise = std::tuple<softmax, log_softmax, maxout, glu<sigmoid>, swiglu, geglu,
                                      geglu_tanh, reglu, bilinear>;

template <class L>
struct variant_of;
template <class... F>
struct variant_of<std::tuple<F...>> {
  using type = std::variant<F...>;
};
// Every element-wise activation, the fast tier of those that have one
// ("fast_sigmoid"), and the row-wise ones.
using selectable = decltype(std::tuple_cat(std::declval<elementwise_activations>(),
                                           std::declval<fast_of<elementwise_activations>::type>(),
                                           std::declval<selectable_rowwise>()));
using selectable_variant = typename variant_of<selectable>::type;

// An element-wise functor's members are all double parameters: its size
// tells whether the table lists every one of them.
template <class... F>
constexpr bool tables_complete(std::tuple<F...>*) {
  return ((std::is_empty_v<F> || sizeof(F) == activ::parameters_of<F>().size() * sizeof(double)) &&
          ...);
}
static_assert(
    tables_complete(static_cast<elementwise_activations*>(nullptr)),
    "activ::activation: an element-wise functor has a member missing from its parameters()");

template <std::size_t... I>
constexpr bool names_unique(std::index_sequence<I...>) {
  constexpr std::array<std::string_view, sizeof...(I)> n{
      std::variant_alternative_t<I, selectable_variant>::name...};
  for (std::size_t a = 0; a < n.size(); ++a)
    for (std::size_t b = a + 1; b < n.size(); ++b)
      if (n[a] == n[b]) return false;
  return true;
}
static_assert(names_unique(std::make_index_sequence<std::variant_size_v<selectable_variant>>()),
              "activ::activation: two selectable functors share a name");

template <class F, class V>
struct is_alternative;
template <class F, class... G>
struct is_alternative<F, std::variant<G...>> : std::bool_constant<(std::is_same_v<F, G> || ...)> {};
template <class F, class V>
inline constexpr bool is_alternative_v = is_alternative<F, V>::value;

template <class F>
struct type_tag {
  using type = F;
};

}  // namespace detail

// ---- the value type ----------------------------------------------------------
class activation {
 public:
  using variant_type = detail::selectable_variant;

  activation() = default;  // relu
  template <class F, class = std::enable_if_t<detail::is_alternative_v<F, variant_type>>>
  activation(const F& f)
      : f_(std::in_place_type<F>, f) {}  // NOLINT: implicit, like the functor itself

  // Calls v(functor) once, with the functor's own type.
  template <class Visitor>
  decltype(auto) visit(Visitor&& v) const {
    return std::visit(std::forward<Visitor>(v), f_);
  }

  std::string_view name() const {
    return visit([](const auto& g) { return std::decay_t<decltype(g)>::name; });
  }
  bool rowwise() const {
    return visit([](const auto& g) { return detail::is_rowwise_v<std::decay_t<decltype(g)>>; });
  }
  // True when backward_from_output accepts this activation with these parameters.
  bool has_derivative_from_output() const {
    return visit([](const auto& g) {
      using G = std::decay_t<decltype(g)>;
      if constexpr (detail::is_rowwise_v<G>)
        return false;
      else
        return detail::derivative_from_output_valid(g);
    });
  }

  const variant_type& functor() const { return f_; }
  template <class F>
  const F* get_if() const {
    return std::get_if<F>(&f_);
  }

  // One value (float or double): one dispatch per call; arrays go through the drivers.
  template <class T>
  T operator()(T x) const {
    return scalar<T, false>(x);
  }
  template <class T>
  T derivative(T x) const {
    return scalar<T, true>(x);
  }

  friend bool operator==(const activation& a, const activation& b);
  friend bool operator!=(const activation& a, const activation& b) { return !(a == b); }

 private:
  template <class T, bool D>
  T scalar(T x) const {
    static_assert(detail::is_real_v<T>, "activ::activation: a(x) takes one float or double");
    return visit([&](const auto& g) -> T {
      using G = std::decay_t<decltype(g)>;
      if constexpr (detail::is_rowwise_v<G>) {
        detail::fail(D ? "activation::derivative" : "activation::operator()",
                     std::string(G::name) + " is row-wise: it has no value for one number");
      } else if constexpr (D) {
        return g.derivative(x);
      } else {
        return g(x);
      }
    });
  }

  variant_type f_;
};

inline bool operator==(const activation& a, const activation& b) {
  if (a.f_.index() != b.f_.index()) return false;
  return a.visit([&](const auto& g) {
    using G = std::decay_t<decltype(g)>;
    const G& h = *b.get_if<G>();
    for (const auto& p : activ::parameters_of<G>())
      if (!(p.get(g) == p.get(h))) return false;
    return true;
  });
}

// ---- the drivers on an activation: one visit per call ------------------------
namespace detail {
[[noreturn]] inline void rowwise_refused(const char* call, std::string_view name) {
  fail(call, std::string(name) +
                 " is row-wise: it takes forward(f, x, y) and backward(f, x, y, dy, dx) on ranges");
}

// Visits a and calls run(g) for an element-wise functor g; refuses row-wise ones.
template <class Run>
void visit_elementwise(const char* call, const activation& a, Run run) {
  a.visit([&](const auto& g) {
    using G = std::decay_t<decltype(g)>;
    if constexpr (is_rowwise_v<G>)
      rowwise_refused(call, G::name);
    else
      run(g);
  });
}

// backward_from_output on g, or the error its functor would give at compile time.
template <class Run>
void visit_from_output(const activation& a, Run run) {
  visit_elementwise("backward_from_output", a, [&](const auto& g) {
    using G = std::decay_t<decltype(g)>;
    if constexpr (has_derivative_from_output_v<G>)
      run(g);
    else
      fail("backward_from_output", std::string(G::name) +
                                       "'s derivative is not a function of its output; "
                                       "use backward(f, x, dy, dx)");
  });
}
}  // namespace detail

template <class A = xsimd::default_arch, class T>
void forward(const activation& a, const T* x, T* y, std::size_t n) {
  detail::visit_elementwise("forward", a, [&](const auto& g) { activ::forward<A>(g, x, y, n); });
}
template <class A = xsimd::default_arch, class T>
void derivative(const activation& a, const T* x, T* d, std::size_t n) {
  detail::visit_elementwise("derivative", a,
                            [&](const auto& g) { activ::derivative<A>(g, x, d, n); });
}
template <class A = xsimd::default_arch, class T>
void backward(const activation& a, const T* x, const T* dy, T* dx, std::size_t n) {
  detail::visit_elementwise("backward", a,
                            [&](const auto& g) { activ::backward<A>(g, x, dy, dx, n); });
}
template <class A = xsimd::default_arch, class T>
void backward_from_output(const activation& a, const T* y, const T* dy, T* dx, std::size_t n) {
  detail::visit_from_output(
      a, [&](const auto& g) { activ::backward_from_output<A>(g, y, dy, dx, n); });
}
template <class A = xsimd::default_arch, class T>
void forward_with_derivative(const activation& a, const T* x, T* y, T* d, std::size_t n) {
  detail::visit_elementwise("forward_with_derivative", a, [&](const auto& g) {
    activ::forward_with_derivative<A>(g, x, y, d, n);
  });
}

template <class A = xsimd::default_arch, class X, class Y,
          class = std::enable_if_t<detail::are_ranges_v<X, Y>>>
void forward(const activation& a, const X& x, Y&& y) {
  a.visit([&](const auto& g) { activ::forward<A>(g, x, y); });  // row-wise ones too
}
template <class A = xsimd::default_arch, class X, class D,
          class = std::enable_if_t<detail::are_ranges_v<X, D>>>
void derivative(const activation& a, const X& x, D&& d) {
  detail::visit_elementwise("derivative", a, [&](const auto& g) { activ::derivative<A>(g, x, d); });
}
template <class A = xsimd::default_arch, class X, class DY, class DX,
          class = std::enable_if_t<detail::are_ranges_v<X, DY, DX>>>
void backward(const activation& a, const X& x, const DY& dy, DX&& dx) {
  detail::visit_elementwise("backward", a,
                            [&](const auto& g) { activ::backward<A>(g, x, dy, dx); });
}
template <class A = xsimd::default_arch, class X, class Y, class DY, class DX,
          class = std::enable_if_t<detail::are_ranges_v<X, Y, DY, DX>>>
void backward(const activation& a, const X& x, const Y& y, const DY& dy, DX&& dx) {
  a.visit([&](const auto& g) { activ::backward<A>(g, x, y, dy, dx); });  // row-wise ones too
}
template <class A = xsimd::default_arch, class Y, class DY, class DX,
          class = std::enable_if_t<detail::are_ranges_v<Y, DY, DX>>>
void backward_from_output(const activation& a, const Y& y, const DY& dy, DX&& dx) {
  detail::visit_from_output(a,
                            [&](const auto& g) { activ::backward_from_output<A>(g, y, dy, dx); });
}
template <class A = xsimd::default_arch, class X, class Y, class D,
          class = std::enable_if_t<detail::are_ranges_v<X, Y, D>>>
void forward_with_derivative(const activation& a, const X& x, Y&& y, D&& d) {
  detail::visit_elementwise("forward_with_derivative", a,
                            [&](const auto& g) { activ::forward_with_derivative<A>(g, x, y, d); });
}

}  // namespace activ
