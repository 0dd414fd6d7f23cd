// Arrays beyond activ::detail::stream_bytes: the drivers write them with
// non-temporal stores after an unaligned head. The bits must be those of the
// scalar call everywhere: head, streamed body, remaining batches and tail,
// for a misaligned output, in place, and for backward's two inputs.
#include <activ/activ.hpp>
#include <cstddef>
#include <limits>
#include <random>
#include <vector>

#include "support/catch.hpp"
#include "support/ulp.hpp"

using activ_test::same_bits;

namespace {

template <class T, class F, class Scalar>
void check_large(const F& f, Scalar scalar) {
  constexpr std::size_t W = xsimd::batch<T>::size;
  const std::size_t n = activ::detail::stream_bytes / sizeof(T) + 2 * W + 3;
  const T nan = std::numeric_limits<T>::quiet_NaN();
  std::mt19937 rng(99);
  std::normal_distribution<T> normal(T(0), T(3));
  std::vector<T> x(n), dy(n);
  for (auto& v : x) v = normal(rng);
  for (auto& v : dy) v = normal(rng);
  for (std::size_t offset : {0u, 1u, 3u}) {
    INFO("offset " << offset);
    std::vector<T> yb(n + offset, nan);
    T* y = yb.data() + offset;  // a head of W - offset elements before the first aligned batch
    activ::forward(f, x.data(), y, n);
    std::size_t bad = 0;
    for (std::size_t i = 0; i < n; ++i) bad += !same_bits(y[i], f(x[i]));
    CHECK(bad == 0);
    std::vector<T> dxb(n + offset, nan);
    T* dx = dxb.data() + offset;
    activ::backward(f, x.data(), dy.data(), dx, n);
    bad = 0;
    for (std::size_t i = 0; i < n; ++i) bad += !same_bits(dx[i], scalar(x[i], dy[i]));
    CHECK(bad == 0);
  }
  std::vector<T> z = x;
  activ::forward(f, z.data(), z.data(), n);
  std::size_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) bad += !same_bits(z[i], f(x[i]));
  CHECK(bad == 0);
}

}  // namespace

TEMPLATE_TEST_CASE("large arrays: streamed stores give the scalar bits", "[drivers]", float, double) {
  using T = TestType;
  auto dx = [](const auto& f) { return [f](T x, T dy) { return T(dy * f.derivative(x)); }; };
  check_large<T>(activ::relu{}, dx(activ::relu{}));
  check_large<T>(activ::sigmoid{}, dx(activ::sigmoid{}));
}
