// One record per element-wise activation: its long double reference, its
// documented edge values, and how derivative_from_output is judged. The
// generic tests in elementwise.cpp run every record through the battery; a
// new activation adds a record here and its type to activ::elementwise_activations.
// The ulp bounds themselves live in the functor (F::accuracy), so the header,
// the README and these tests read one set of numbers.
#pragma once

#include <activ/activ.hpp>
#include <activ/fast.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <type_traits>
#include <vector>

#include "reference_math.hpp"

namespace activ_test {

using ld = long double;
constexpr ld inf = std::numeric_limits<ld>::infinity();

// A documented value: f(x) and f'(x), compared bit for bit (sign of zero too).
struct edge {
  ld x, f, df;
};

template <class F>
using ref_fn = std::function<ld(const F&, ld)>;

template <class F>
struct record {
  // instances[0] is F{} (PyTorch's defaults); the others exercise the
  // parameters. The sweeps visit fewer points for the others.
  std::vector<F> instances;
  ref_fn<F> f, df;
  // Documented values for F{}.
  std::vector<edge> edges;
  // derivative_from_output(f(x)) is held to the ulp bound where
  // from_output_ulp_region(x) is true and to an absolute bound elsewhere.
  std::function<bool(ld)> from_output_ulp_region = [](ld) { return true; };
  double from_output_ulp[2] = {0, 0};  // float, double
  double from_output_abs[2] = {0, 0};
  // Derivatives of the form g + x g' that cross zero are measured in ulps of
  // |g| + |x g'| near their root (README, "Accuracy"): df_scale returns that
  // magnitude. Empty: plain ulps of f'(x).
  ref_fn<F> df_scale;
};

template <class F>
record<F> info();

template <>
inline record<activ::relu> info() {
  record<activ::relu> r;
  r.instances = {activ::relu{}};
  r.f = [](const activ::relu&, ld x) -> ld { return x > 0 ? x : 0; };
  r.df = [](const activ::relu&, ld x) -> ld { return x > 0 ? 1 : 0; };
  r.edges = {{-inf, 0, 0}, {inf, inf, 1}, {-0.0L, 0, 0}, {0, 0, 0}};
  return r;
}

template <>
inline record<activ::sigmoid> info() {
  record<activ::sigmoid> r;
  r.instances = {activ::sigmoid{}};
  r.f = [](const activ::sigmoid&, ld x) -> ld {
    const ld e = ref::exp(-std::fabs(x));
    return (x < 0 ? e : 1) / (1 + e);
  };
  r.df = [](const activ::sigmoid&, ld x) -> ld {
    const ld e = ref::exp(-std::fabs(x));
    return e / ((1 + e) * (1 + e));
  };
  r.edges = {{-inf, 0, 0}, {inf, 1, 0}, {-0.0L, 0.5L, 0.25L}, {0, 0.5L, 0.25L}};
  r.from_output_ulp_region = [](ld x) { return x <= 0; };
  r.from_output_ulp[0] = r.from_output_ulp[1] = 3.5;
  // For y > 0.5 the error of y itself (<= 2.5 ulp = 2.5 * 2^-24 / 2^-53)
  // carries into 1 - y.
  r.from_output_abs[0] = 0x3p-24;
  r.from_output_abs[1] = 0x3p-53;
  return r;
}

// sigmoid(z) in long double, from e^-|z| (no overflow, no cancellation).
inline ld logistic(ld z) {
  const ld e = ref::exp(-std::fabs(z));
  return (z < 0 ? e : 1) / (1 + e);
}

template <class F>
record<F> swish_record(std::vector<F> instances, ld (*beta)(const F&)) {
  record<F> r;
  r.instances = std::move(instances);
  r.f = [beta](const F& f, ld x) -> ld {
    if (std::isinf(x)) return x * beta(f) > 0 ? x : std::copysign(0.0L, x);
    return x * logistic(beta(f) * x);
  };
  r.df = [beta](const F& f, ld x) -> ld {
    const ld z = beta(f) * x, s = logistic(z), ds = s * logistic(-z);
    return s + (ds == 0 ? 0 : z * ds);
  };
  r.df_scale = [beta](const F& f, ld x) -> ld {
    const ld z = beta(f) * x, s = logistic(z), ds = s * logistic(-z);
    return s + (ds == 0 ? 0 : std::fabs(z * ds));
  };
  r.edges = {{-inf, -0.0L, 0}, {inf, inf, 1}, {-0.0L, -0.0L, 0.5L}, {0, 0, 0.5L}};
  return r;
}

template <>
inline record<activ::swish> info() {
  return swish_record<activ::swish>({activ::swish{}, activ::swish{2}, activ::swish{0.5}},
                                    [](const activ::swish& f) -> ld { return f.beta; });
}

template <>
inline record<activ::silu> info() {
  return swish_record<activ::silu>({activ::silu{}}, [](const activ::silu&) -> ld { return 1; });
}

}  // namespace activ_test

#include "records_exp.hpp"
#include "records_piecewise.hpp"
#include "records_tanh_erf.hpp"

namespace activ_test {

// activ::fast<F>'s record: F's references and edges on the wrapped instances.
// derivative_from_output (F's) reads the fast tier's y, which carries up to
// 4 ulp where F's carries F's forward bound: its bounds widen accordingly.
template <class F>
struct fast_base {
  using type = void;
};
template <class F>
struct fast_base<activ::fast<F>> {
  using type = F;
};
template <class F>
inline constexpr bool is_fast_v = !std::is_void_v<typename fast_base<F>::type>;

template <class F>
record<F> record_of() {
  if constexpr (is_fast_v<F>) {
    using B = typename fast_base<F>::type;
    const record<B> b = info<B>();
    const auto wrap = [](const ref_fn<B>& g) {
      return g ? ref_fn<F>([g](const F& f, ld x) { return g(f, x); }) : ref_fn<F>();
    };
    record<F> r;
    for (const B& i : b.instances) r.instances.push_back(F{i});
    r.f = wrap(b.f);
    r.df = wrap(b.df);
    r.df_scale = wrap(b.df_scale);
    r.edges = b.edges;
    r.from_output_ulp_region = b.from_output_ulp_region;
    for (int k = 0; k < 2; ++k) {
      r.from_output_ulp[k] = b.from_output_ulp[k] + 4;
      r.from_output_abs[k] = b.from_output_abs[k] * 4;
    }
    return r;
  } else {
    return info<F>();
  }
}

}  // namespace activ_test
