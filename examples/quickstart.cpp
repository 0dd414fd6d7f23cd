// activ quickstart: an activation is a small value; call it on one number, or run it
// over whole arrays (SIMD inside) forward and backward.
#include <activ/activ.hpp>
#include <cstdio>
#include <vector>

int main() {
  std::vector<float> x{-2.0f, -1.0f, 0.0f, 1.0f, 2.0f};
  std::vector<float> y(x.size());

  // Forward: y[i] = relu(x[i]), then y[i] = sigmoid(x[i]).
  activ::forward(activ::relu{}, x, y);
  std::printf("relu:     ");
  for (float v : y) std::printf(" %8.5f", v);
  std::printf("\n");

  activ::forward(activ::sigmoid{}, x, y);
  std::printf("sigmoid:  ");
  for (float v : y) std::printf(" %8.5f", v);
  std::printf("\n");

  // Backward: dx[i] = dy[i] * sigmoid'(x[i]), the gradient a training step needs.
  std::vector<float> dy(x.size(), 1.0f);
  std::vector<float> dx(x.size());
  activ::backward(activ::sigmoid{}, x, dy, dx);
  std::printf("d sigmoid:");
  for (float v : dx) std::printf(" %8.5f", v);
  std::printf("\n");

  // One value: the same formula, the same bits as the array call.
  std::printf("sigmoid(0.5f) = %.7f\n", activ::sigmoid{}(0.5f));
}
