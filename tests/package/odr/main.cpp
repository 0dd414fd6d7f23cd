#include <cstdio>
#include <cstring>

#include "odr.hpp"

namespace {

template <class T, std::size_t N>
int compare(const char* what, const std::array<T, N>& a, const std::array<T, N>& b) {
  if (std::memcmp(a.data(), b.data(), sizeof(T) * N) == 0) return 0;
  std::printf("%s differs between the two translation units\n", what);
  return 1;
}

int compare(const char* what, float a, float b) {
  if (std::memcmp(&a, &b, sizeof a) == 0) return 0;
  std::printf("%s differs between the two translation units: %.9g vs %.9g\n", what, double(a),
              double(b));
  return 1;
}

}  // namespace

int main() {
  const odr::results a = odr::compute_in_tu1();
  const odr::results b = odr::compute_in_tu2();
  int errors = 0;
  errors += compare("forward(relu)", a.relu, b.relu);
  errors += compare("forward(sigmoid)", a.sigmoid, b.sigmoid);
  errors += compare("backward(sigmoid)", a.sigmoid_backward, b.sigmoid_backward);
  errors += compare("forward(sigmoid) double", a.sigmoid_double, b.sigmoid_double);
  errors += compare("relu(-0.75f)", a.relu_scalar, b.relu_scalar);
  errors += compare("sigmoid(0.75f)", a.sigmoid_scalar, b.sigmoid_scalar);
  errors += compare("sigmoid.derivative(0.75f)", a.sigmoid_derivative, b.sigmoid_derivative);
  // Sanity on the values themselves, so two equally wrong units do not pass.
  if (a.relu[0] != 0.0f || a.relu[odr::n - 1] != -4.5f + 0.25f * static_cast<float>(odr::n - 1)) {
    std::printf("relu values wrong\n");
    ++errors;
  }
  if (a.sigmoid[18] != 0.5f) {  // x[18] == 0
    std::printf("sigmoid(0) = %.9g, expected 0.5\n", double(a.sigmoid[18]));
    ++errors;
  }
  if (errors != 0) {
    std::printf("FAILED (%d)\n", errors);
    return 1;
  }
  std::printf("OK\n");
  return 0;
}
