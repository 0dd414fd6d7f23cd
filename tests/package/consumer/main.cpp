// A user's program: include the umbrella header, run two activations over a vector.
// Built by the package tests through find_package, pkg-config and add_subdirectory.
#include <activ/activ.hpp>
#include <cmath>
#include <cstdio>
#include <vector>

int main() {
  const std::vector<float> x{-2.0f, -1.0f, 0.0f, 1.0f, 2.0f};
  std::vector<float> y(5);
  int errors = 0;

  activ::forward(activ::relu{}, x, y);
  const float relu_expected[5] = {0.0f, 0.0f, 0.0f, 1.0f, 2.0f};
  for (std::size_t i = 0; i < 5; ++i) {
    if (y[i] != relu_expected[i]) {
      std::printf("relu(%g) = %.9g, expected %.9g\n", double(x[i]), double(y[i]),
                  double(relu_expected[i]));
      ++errors;
    }
  }

  activ::forward(activ::sigmoid{}, x, y);
  if (y[2] != 0.5f) {
    std::printf("sigmoid(0) = %.9g, expected 0.5\n", double(y[2]));
    ++errors;
  }
  if (!(std::fabs(double(y[0]) - 0.11920292) <= 1e-6)) {
    std::printf("sigmoid(-2) = %.9g, expected 0.11920292\n", double(y[0]));
    ++errors;
  }

  if (errors != 0) {
    std::printf("FAILED (%d)\n", errors);
    return 1;
  }
  std::printf("OK\n");
  return 0;
}
