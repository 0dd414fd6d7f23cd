// Two translation units include <activ/activ.hpp> and compute the same things; if the
// headers defined anything non-inline, the link would fail, and if the two units
// disagreed, main() would see it.
#pragma once

#include <array>
#include <cstddef>

namespace odr {

constexpr std::size_t n = 37;  // not a multiple of any batch width: exercises the tail

struct results {
  std::array<float, n> relu{};
  std::array<float, n> sigmoid{};
  std::array<float, n> sigmoid_backward{};
  std::array<double, n> sigmoid_double{};
  float relu_scalar = 0.0f;
  float sigmoid_scalar = 0.0f;
  float sigmoid_derivative = 0.0f;
};

results compute_in_tu1();
results compute_in_tu2();

}  // namespace odr
