// One record per element-wise activation: its long double reference, its
// documented edge values, and how derivative_from_output is judged. The
// generic tests in elementwise.cpp run every record through the battery; a
// new activation adds a record here and its type to activ::elementwise_activations.
// The ulp bounds themselves live in the functor (F::accuracy), so the header,
// the README and these tests read one set of numbers.
#pragma once

#include <cmath>
#include <limits>
#include <vector>

#include <activ/activ.hpp>

namespace activ_test {

using ld = long double;
constexpr ld inf = std::numeric_limits<ld>::infinity();

// A documented value: f(x) and f'(x), compared bit for bit (sign of zero too).
struct edge {
  ld x, f, df;
};

struct record {
  ld (*f)(ld);
  ld (*df)(ld);
  std::vector<edge> edges;
  // derivative_from_output(f(x)) is held to the ulp bound where
  // from_output_ulp_region(x) is true and to an absolute bound elsewhere.
  bool (*from_output_ulp_region)(ld) = nullptr;
  double from_output_ulp[2] = {0, 0};  // float, double
  double from_output_abs[2] = {0, 0};
};

template <class F>
record info();

template <>
inline record info<activ::relu>() {
  return {[](ld x) -> ld { return x > 0 ? x : 0; },
          [](ld x) -> ld { return x > 0 ? 1 : 0; },
          {{-inf, 0, 0}, {inf, inf, 1}, {-0.0L, 0, 0}, {0, 0, 0}},
          [](ld) { return true; },
          {0, 0},
          {0, 0}};
}

template <>
inline record info<activ::sigmoid>() {
  return {[](ld x) -> ld {
            const ld e = std::exp(-std::fabs(x));
            return (x < 0 ? e : 1) / (1 + e);
          },
          [](ld x) -> ld {
            const ld e = std::exp(-std::fabs(x));
            return e / ((1 + e) * (1 + e));
          },
          {{-inf, 0, 0}, {inf, 1, 0}, {-0.0L, 0.5L, 0.25L}, {0, 0.5L, 0.25L}},
          [](ld x) { return x <= 0; },
          {2, 2},
          {0x1p-24, 0x1p-53}};
}

}  // namespace activ_test
