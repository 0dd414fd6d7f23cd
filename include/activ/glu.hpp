// The GLU family: y = F(g) * v over rows of [g | v], each half `cols` wide
//   backward: d_g = (dy * v) * F'(g),  d_v = dy * F(g)      (one pass)
// F is any element-wise activation with its parameters (glu<swish>{c, true, swish{2}}). Aliases:
// glu<> (sigmoid; activ::glu{cols} deduces it), swiglu (swish, beta 1 = SiLU), geglu (gelu),
// geglu_tanh, reglu (relu), bilinear (identity).
// Layout: x.size() == 2 * y.size(); cols == 0: x is one row. gate_first = true is the
//   fused-inference / ONNX order [gate | value]; false is [v | g], PyTorch's F.glu(x, -1) for
//   F = sigmoid. backward(f, x, y, dy, dx): dy has y's size, dx x's and may be x itself (y is
//   only size-checked). Parameters: cols = 0, gate_first = true, gate = F{} (PyTorch defaults).
// Edges: IEEE products: NaN in g or v gives NaN; F(g) = 0 with v = +-inf gives NaN (0 * inf), as
//   PyTorch. F's own edges apply (swish(-inf) = -0).
// Bound (tests/rowwise_glu.cpp): y and d_v within F's forward bound + 1 ulp, d_g within F's
//   derivative bound + 1.5 ulp (of |dy v| times the scale F' is measured in); where F(g) is
//   subnormal, in ulps of |v| * FLT_MIN.
// Reference: Dauphin et al. 2017; Shazeer 2020, arXiv:2002.05202; PyTorch
//   torch.nn.functional.glu.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include "detail/rowwise.hpp"
#include "gelu.hpp"
#include "gelu_tanh.hpp"
#include "identity.hpp"
#include "relu.hpp"
#include "sigmoid.hpp"
#include "swish.hpp"

namespace activ {
namespace detail {
struct glu_prefix {
  static constexpr std::string_view value = "glu_";
};

// The family's own names for the aliases, else "glu_<F::name>".
template <class F>
constexpr std::string_view glu_name() {
  if constexpr (std::is_same_v<F, sigmoid>) return "glu";
  if constexpr (std::is_same_v<F, swish>) return "swiglu";
  if constexpr (std::is_same_v<F, gelu>) return "geglu";
  if constexpr (std::is_same_v<F, gelu_tanh>) return "geglu_tanh";
  if constexpr (std::is_same_v<F, relu>) return "reglu";
  if constexpr (std::is_same_v<F, identity>) return "bilinear";
  return prefixed_name<glu_prefix, F>::value;
}
}  // namespace detail

template <class F = sigmoid>
struct glu {
  static constexpr std::string_view name = detail::glu_name<F>();
  static constexpr bool rowwise = true;

  std::size_t cols = 0;
  bool gate_first = true;
  F gate{};

  // cols, gate_first, then the gate's own parameters (swiglu(beta=2)).
  static constexpr auto parameters() {
    return gate_parameters(std::make_index_sequence<activ::parameters_of<F>().size()>());
  }

  template <class A, class T>
  void forward_rows(const T* x, std::size_t nx, T* y, std::size_t ny) const {
    const std::size_t c = check<T, 1, 1>("forward", nx, ny, {{{"x", x, nx}}}, {{{"y", y, ny}}});
    for (std::size_t r = 0; c != 0 && r < ny / c; ++r) {
      const T* xr = x + 2 * c * r;
      detail::run_for<F, A, T, 2, 1>(c, {xr + g_at(c), xr + v_at(c)}, {y + c * r},
                                     [&](auto g, auto v) { return gate(g) * v; });
    }
  }

  template <class A, class T>
  void backward_rows(const T* x, std::size_t nx, const T* y, std::size_t ny, const T* dy,
                     std::size_t ndy, T* dx, std::size_t ndx) const {
    detail::require_size("backward", name, detail::arg<const T>{"dy", dy, ndy}, ny,
                         "the size of y");
    detail::require_size("backward", name, detail::arg<T>{"dx", dx, ndx}, nx, "the size of x");
    const std::size_t c = check<T, 3, 1>(
        "backward", nx, ny, {{{"x", x, nx}, {"y", y, ny}, {"dy", dy, ndy}}}, {{{"dx", dx, ndx}}});
    for (std::size_t r = 0; c != 0 && r < ny / c; ++r) {
      const T* xr = x + 2 * c * r;
      T* dr = dx + 2 * c * r;
      detail::run_for<F, A, T, 3, 2>(c, {xr + g_at(c), xr + v_at(c), dy + c * r},
                                     {dr + g_at(c), dr + v_at(c)}, [&](auto g, auto v, auto d) {
                                       using V = decltype(g);
                                       V fg, dfg;
                                       if constexpr (has_value_and_derivative<F>::value) {
                                         const auto [a, b] = gate.value_and_derivative(g);
                                         fg = a, dfg = b;
                                       } else {
                                         fg = gate(g), dfg = gate.derivative(g);
                                       }
                                       return std::array<V, 2>{(d * v) * dfg, d * fg};
                                     });
    }
  }

 private:
  template <std::size_t I>
  static constexpr parameter_entry<glu> gate_parameter() {
    constexpr auto p = activ::parameters_of<F>()[I];
    return {p.name, p.kind, [](const glu& f) { return activ::parameters_of<F>()[I].get(f.gate); },
            [](glu& f, double v) { activ::parameters_of<F>()[I].set(f.gate, v); }};
  }
  template <std::size_t... I>
  static constexpr auto gate_parameters(std::index_sequence<I...>) {
    return std::array<parameter_entry<glu>, 2 + sizeof...(I)>{
        parameter<&glu::cols>("cols"), parameter<&glu::gate_first>("gate_first"),
        gate_parameter<I>()...};
  }

  std::size_t g_at(std::size_t c) const { return gate_first ? 0 : c; }
  std::size_t v_at(std::size_t c) const { return gate_first ? c : 0; }

  // Sizes, memory and F's parameters; returns the half width.
  template <class T, std::size_t I, std::size_t O>
  std::size_t check(const char* call, std::size_t nx, std::size_t ny,
                    const std::array<detail::arg<const T>, I>& ins,
                    const std::array<detail::arg<T>, O>& outs) const {
    if (nx % 2 != 0 || ny * 2 != nx)
      detail::fail(call, std::string(name) + ": x has " + detail::count(nx) +
                             " elements and y has " + detail::count(ny) +
                             ", but x needs 2 * y (rows of [gate | value])");
    const std::size_t rows = detail::row_count(call, name, "x", nx, 2 * cols, "2 * cols");
    detail::check_rows_memory<T, I, O>(call, ins, outs);
    detail::validate(gate);
    return rows == 0 ? 0 : ny / rows;
  }
};

glu(std::size_t)->glu<sigmoid>;
glu(std::size_t, bool)->glu<sigmoid>;

using swiglu = glu<swish>;
using geglu = glu<gelu>;
using geglu_tanh = glu<gelu_tanh>;
using reglu = glu<relu>;
using bilinear = glu<identity>;

}  // namespace activ
