// rrelu's training form: activ::rrelu_train draws one slope per element from
// (seed, offset + index), activ::rrelu_backward applies the saved slopes.
// Checked: determinism, independence of length and split, the slopes' range
// and distribution, y = x * slope bit for bit, backward, and the error paths.
#include <activ/activ.hpp>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/catch.hpp"
#include "support/ulp.hpp"

namespace {

using activ_test::same_bits;

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same_bits(a[i], b[i])) return false;
  return true;
}

// Normal inputs, a quarter of them exactly zero of either sign.
template <class T>
std::vector<T> inputs(std::size_t n, unsigned seed = 7) {
  std::mt19937 rng(seed);
  std::normal_distribution<T> normal(T(0), T(2));
  std::vector<T> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = i % 8 == 3 ? T(0) : i % 8 == 5 ? T(-0.0) : normal(rng);
  return x;
}

template <class T>
void expect_invalid(const std::function<void()>& call, const std::string& piece) {
  bool thrown = false;
  try {
    call();
  } catch (const std::invalid_argument& e) {
    thrown = true;
    INFO("message: " << e.what());
    CHECK(std::string(e.what()).find(piece) != std::string::npos);
  }
  CHECK(thrown);
}

}  // namespace

TEMPLATE_TEST_CASE("rrelu_train: y = x for x > 0, x * slope otherwise, slope in [lower, upper]",
                   "[rrelu][train]", float, double) {
  using T = TestType;
  for (const activ::rrelu f : {activ::rrelu{}, activ::rrelu{0.1, 0.3}, activ::rrelu{0.2, 0.2}}) {
    const std::vector<T> x = inputs<T>(5000);
    std::vector<T> y(x.size()), s(x.size());
    activ::rrelu_train(f, 42, x, y, s);
    const T lower = static_cast<T>(f.lower), upper = static_cast<T>(f.upper);
    for (std::size_t i = 0; i < x.size(); ++i) {
      INFO("i = " << i << " x = " << x[i] << " slope = " << s[i]);
      if (x[i] > 0) {
        REQUIRE(s[i] == T(1));
        REQUIRE(same_bits(y[i], x[i]));
      } else {
        REQUIRE(s[i] >= lower);
        REQUIRE(s[i] <= upper);
        REQUIRE(same_bits(y[i], T(x[i] * s[i])));  // -0 * slope = -0, +0 * slope = +0
      }
    }
  }
}

TEMPLATE_TEST_CASE("rrelu_train: special values", "[rrelu][train]", float, double) {
  using T = TestType;
  const T inf = std::numeric_limits<T>::infinity(), nan = std::numeric_limits<T>::quiet_NaN();
  const std::vector<T> x{-inf, inf, nan, T(-0.0), T(0), std::numeric_limits<T>::lowest()};
  std::vector<T> y(x.size()), s(x.size());
  activ::rrelu_train(activ::rrelu{}, 1, x, y, s);
  CHECK(y[0] == -inf);
  CHECK(y[1] == inf);
  CHECK(s[1] == T(1));
  CHECK(std::isnan(y[2]));
  CHECK(std::isnan(s[2]));  // NaN in, NaN gradient
  CHECK(same_bits(y[3], T(-0.0)));
  CHECK(same_bits(y[4], T(0)));
  CHECK(std::isfinite(y[5]));
  // A zero slope at -inf gives the limit -0, not 0 * inf = NaN.
  activ::rrelu_train(activ::rrelu{0, 0}, 1, x, y, s);
  CHECK(same_bits(y[0], T(-0.0)));
  CHECK(s[0] == T(0));
}

TEMPLATE_TEST_CASE("rrelu_train is deterministic and independent of length and split",
                   "[rrelu][train]", float, double) {
  using T = TestType;
  const activ::rrelu f{};
  const std::size_t n = 1001;
  const std::vector<T> x = inputs<T>(n);
  std::vector<T> y(n), s(n), y2(n), s2(n);
  activ::rrelu_train(f, 2024, x, y, s);
  activ::rrelu_train(f, 2024, x, y2, s2);
  CHECK(same_bits(y, y2));
  CHECK(same_bits(s, s2));

  // Another seed gives other slopes.
  activ::rrelu_train(f, 2025, x, y2, s2);
  std::size_t differ = 0;
  for (std::size_t i = 0; i < n; ++i) differ += !same_bits(s[i], s2[i]);
  CHECK(differ > n / 3);

  // Two calls over [0, k) and [k, n) with offset k give the one call's bits;
  // so does the pointer overload, and a prefix alone.
  for (std::size_t k :
       {std::size_t(0), std::size_t(1), std::size_t(7), std::size_t(500), n - 1, n}) {
    INFO("split at " << k);
    std::fill(y2.begin(), y2.end(), T(-7));
    std::fill(s2.begin(), s2.end(), T(-7));
    activ::rrelu_train(f, 2024, x.data(), y2.data(), s2.data(), k);
    activ::rrelu_train(f, 2024, x.data() + k, y2.data() + k, s2.data() + k, n - k, k);
    CHECK(same_bits(y, y2));
    CHECK(same_bits(s, s2));
  }
  std::vector<T> xp(x.begin(), x.begin() + 10), yp(10), sp(10);
  activ::rrelu_train(f, 2024, xp, yp, sp);
  CHECK(same_bits(sp, std::vector<T>(s.begin(), s.begin() + 10)));

  // In place: y over x, and slopes over x.
  std::vector<T> z = x, w(n);
  activ::rrelu_train(f, 2024, z, z, w);
  CHECK(same_bits(z, y));
  z = x;
  activ::rrelu_train(f, 2024, z, w, z);
  CHECK(same_bits(w, y));
  CHECK(same_bits(z, s));
}

TEMPLATE_TEST_CASE("rrelu_train slopes are uniform on [lower, upper]", "[rrelu][train]", float,
                   double) {
  using T = TestType;
  const activ::rrelu f{};
  const std::size_t n = std::size_t(1) << 20;
  const std::vector<T> x(n, T(-1));
  std::vector<T> y(n), s(n);
  activ::rrelu_train(f, 99, x, y, s);
  const double width = f.upper - f.lower;
  double sum = 0;
  std::vector<std::size_t> bins(10, 0);
  for (const T v : s) {
    sum += v;
    const auto b = static_cast<std::size_t>((v - f.lower) / width * 10);
    ++bins[std::min<std::size_t>(b, 9)];
  }
  const double mean = sum / n;
  // The mean of n uniforms has standard deviation width / sqrt(12 n) ~ 6e-5.
  CHECK(std::fabs(mean - f.slope()) < 5e-4);
  for (std::size_t b = 0; b < 10; ++b) {
    INFO("bin " << b << " holds " << bins[b]);
    CHECK(std::fabs(double(bins[b]) / n - 0.1) < 0.003);  // ~10 standard deviations
  }
  const auto [lo, hi] = std::minmax_element(s.begin(), s.end());
  CHECK(*lo - f.lower < width * 1e-4);
  CHECK(f.upper - *hi < width * 1e-4);
}

TEMPLATE_TEST_CASE("rrelu_backward: dx = dy * slope", "[rrelu][train]", float, double) {
  using T = TestType;
  constexpr std::size_t W = xsimd::batch<T>::size;
  for (std::size_t n = 0; n <= 3 * W + 1; ++n) {
    INFO("n = " << n);
    const std::vector<T> x = inputs<T>(n, 3), dy = inputs<T>(n, 4);
    std::vector<T> y(n), s(n), dx(n, std::numeric_limits<T>::quiet_NaN());
    activ::rrelu_train(activ::rrelu{}, 5, x, y, s);
    activ::rrelu_backward(s, dy, dx);
    for (std::size_t i = 0; i < n; ++i) REQUIRE(same_bits(dx[i], T(dy[i] * s[i])));
    std::vector<T> g = dy;
    activ::rrelu_backward(s.data(), g.data(), g.data(), n);  // in place over dy
    CHECK(same_bits(g, dx));
  }
}

TEMPLATE_TEST_CASE("rrelu_train and rrelu_backward reject misuse before writing", "[rrelu][train]",
                   float, double) {
  using T = TestType;
  std::vector<T> x(10, T(-1)), y(10, T(7)), s(10, T(7)), small(9, T(7));
  expect_invalid<T>([&] { activ::rrelu_train(activ::rrelu{}, 1, x, y, small); }, "slopes has 9");
  expect_invalid<T>([&] { activ::rrelu_train(activ::rrelu{}, 1, x, small, s); }, "y has 9");
  expect_invalid<T>(
      [&] {
        activ::rrelu_train(activ::rrelu{0.5, 0.1}, 1, x, y, s);
      },
      "activ::rrelu: lower must not exceed upper");
  expect_invalid<T>(
      [&] { activ::rrelu_train(activ::rrelu{}, 1, x.data(), y.data(), y.data(), 10); },
      "y and slopes share memory");
  std::vector<T> buf(12, T(-1));
  expect_invalid<T>(
      [&] { activ::rrelu_train(activ::rrelu{}, 1, buf.data(), buf.data() + 1, s.data(), 10); },
      "y partially overlaps x");
  CHECK(same_bits(y, std::vector<T>(10, T(7))));
  CHECK(same_bits(s, std::vector<T>(10, T(7))));
  expect_invalid<T>([&] { activ::rrelu_backward(s, x, small); },
                    "activ::rrelu_backward: slopes has 10");
  expect_invalid<T>([&] { activ::rrelu_backward(s, small, y); }, "dy has 9");
  // Empty calls with null pointers are fine.
  activ::rrelu_train(activ::rrelu{}, 1, static_cast<const T*>(nullptr), static_cast<T*>(nullptr),
                     static_cast<T*>(nullptr), 0);
  activ::rrelu_backward(static_cast<const T*>(nullptr), static_cast<const T*>(nullptr),
                        static_cast<T*>(nullptr), 0);
}

TEST_CASE("rrelu in evaluation is leaky_relu with the mean slope", "[rrelu]") {
  const activ::rrelu f{};
  const activ::leaky_relu g{f.slope()};
  for (float x : {-3.f, -0.f, 0.f, 2.f, -1e-40f}) {
    CHECK(same_bits(f(x), g(x)));
    CHECK(same_bits(f.derivative(x), g.derivative(x)));
  }
  CHECK(f.slope() == (1.0 / 8 + 1.0 / 3) / 2);
}
