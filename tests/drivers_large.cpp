// Arrays beyond activ::detail::stream_bytes: the drivers write them with
// non-temporal stores after an unaligned head. The bits must be those of the
// scalar call everywhere: head, streamed body, remaining batches and tail,
// for a misaligned output, in place, and for backward's two inputs. And the
// interleaved driver (the activations with `interleave`) gives the bits of the
// plain one.
#include <activ/activ.hpp>
#include <cstddef>
#include <limits>
#include <random>
#include <string_view>
#include <utility>
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

TEMPLATE_TEST_CASE("large arrays: streamed stores give the scalar bits", "[drivers]", float,
                   double) {
  using T = TestType;
  auto dx = [](const auto& f) { return [f](T x, T dy) { return T(dy * f.derivative(x)); }; };
  check_large<T>(activ::relu{}, dx(activ::relu{}));
  check_large<T>(activ::sigmoid{}, dx(activ::sigmoid{}));
}

namespace {

// is_interleaved reads the member's value, not only its presence.
struct asks {
  static constexpr bool interleave = true;
};
struct declines {
  static constexpr bool interleave = false;
};
static_assert(activ::detail::is_interleaved<asks>::value);
static_assert(!activ::detail::is_interleaved<declines>::value);

// F's kernel without F's `interleave`: the drivers take plain run for it.
template <class F>
struct plain {
  F f;
  static constexpr std::string_view name = F::name;
  template <class T>
  T operator()(T x) const {
    return f(x);
  }
  template <class T>
  T derivative(T x) const {
    return f.derivative(x);
  }
  template <class T>
  std::pair<T, T> value_and_derivative(T x) const {
    return f.value_and_derivative(x);
  }
};

// Every driver, every length up to three unrolled groups and a tail, in place
// too: run_interleaved (F) and run (plain<F>) write the same bits.
template <class T, class F>
void check_interleaved(const F& f) {
  static_assert(activ::detail::is_interleaved_v<F>);
  static_assert(!activ::detail::is_interleaved_v<plain<F>>);
  const plain<F> g{f};
  constexpr std::size_t W = xsimd::batch<T>::size;
  const T nan = std::numeric_limits<T>::quiet_NaN();
  std::mt19937 rng(7);
  std::normal_distribution<T> normal(T(0), T(4));
  auto differ = [](const std::vector<T>& a, const std::vector<T>& b) {
    std::size_t bad = 0;
    for (std::size_t i = 0; i < a.size(); ++i) bad += !same_bits(a[i], b[i]);
    return bad;
  };
  for (std::size_t n = 0; n <= 3 * activ::detail::unroll * W + W + 1; ++n) {
    INFO(F::name << ", n = " << n);
    std::vector<T> x(n), dy(n);
    for (auto& v : x) v = normal(rng);
    for (auto& v : dy) v = normal(rng);
    std::vector<T> y1(n, nan), y2(n, nan), d1(n, nan), d2(n, nan);
    activ::forward(f, x, y1);
    activ::forward(g, x, y2);
    CHECK(differ(y1, y2) == 0);
    activ::derivative(f, x, d1);
    activ::derivative(g, x, d2);
    CHECK(differ(d1, d2) == 0);
    activ::backward(f, x, dy, d1);
    activ::backward(g, x, dy, d2);
    CHECK(differ(d1, d2) == 0);
    activ::forward_with_derivative(f, x, y1, d1);
    activ::forward_with_derivative(g, x, y2, d2);
    CHECK(differ(y1, y2) == 0);
    CHECK(differ(d1, d2) == 0);
    for (std::size_t i = 0; i < n; ++i) CHECK(same_bits(y1[i], f(x[i])));
    std::vector<T> z = x;
    activ::forward(f, z, z);
    CHECK(differ(z, y2) == 0);
  }
}

}  // namespace

TEMPLATE_TEST_CASE("interleaved batches give the plain driver's bits", "[drivers]", float, double) {
  using T = TestType;
  check_interleaved<T>(activ::sigmoid{});
  check_interleaved<T>(activ::swish{1.7});
  check_interleaved<T>(activ::tanh{});
  check_interleaved<T>(activ::selu{});
  check_interleaved<T>(activ::softplus{});
  check_interleaved<T>(activ::mish{});
  check_interleaved<T>(activ::gelu{});
  check_interleaved<T>(activ::gelu_tanh{});
  static_assert(!activ::detail::is_interleaved_v<activ::relu>);
  static_assert(!activ::detail::is_interleaved_v<activ::hardswish>);
  static_assert(!activ::detail::is_interleaved_v<activ::elu>);
}
