// Must NOT compile: activations take float, double or xsimd::batch, never int.
// The package test expects activ's static_assert message in the compiler output.
#include <activ/activ.hpp>

int main() {
  auto y = activ::relu{}(42);
  return static_cast<int>(y);
}
