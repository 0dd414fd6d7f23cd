// Parameters of the piecewise activations beyond what the battery's records
// cover: validate() messages, derivative_from_output_valid(), negative
// slopes, and hardsigmoid with alphas whose 1/alpha is not exact.
#include <activ/activ.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/catch.hpp"
#include "support/ulp.hpp"

namespace {

// forward(f, x, y) must throw std::invalid_argument containing `message`
// and leave y alone.
template <class F>
void rejected(const F& f, const std::string& message) {
  std::vector<float> x(5, 1.f), y(5, 7.f);
  bool thrown = false;
  try {
    activ::forward(f, x, y);
  } catch (const std::invalid_argument& e) {
    thrown = true;
    INFO(F::name << ": " << e.what());
    CHECK(std::string(e.what()) == message);
  }
  INFO(F::name << " should reject its parameters with: " << message);
  CHECK(thrown);
  CHECK(y == std::vector<float>(5, 7.f));
}

template <class F>
bool from_output_refused(const F& f) {
  std::vector<double> y(3, 0.5), dy(3, 1.), dx(3);
  try {
    activ::backward_from_output(f, y, dy, dx);
  } catch (const std::invalid_argument&) {
    return true;
  }
  return false;
}

constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double pinf = std::numeric_limits<double>::infinity();

}  // namespace

TEST_CASE("piecewise activations reject invalid parameters", "[piecewise][validate]") {
  rejected(activ::leaky_relu{pinf}, "activ::leaky_relu: alpha must be finite");
  rejected(activ::leaky_relu{qnan}, "activ::leaky_relu: alpha must be finite");
  rejected(activ::prelu{qnan}, "activ::prelu: alpha must be finite");
  rejected(activ::rrelu{0.5, 0.25}, "activ::rrelu: lower must not exceed upper");
  rejected(activ::rrelu{qnan, 0.25}, "activ::rrelu: lower must be finite");
  rejected(activ::hardtanh{2, 1}, "activ::hardtanh: min_val must not exceed max_val");
  rejected(activ::hardtanh{qnan, 1}, "activ::hardtanh: min_val must not be NaN");
  rejected(activ::hardsigmoid{0, 0.5}, "activ::hardsigmoid: alpha must be positive and finite");
  rejected(activ::hardsigmoid{-0.2, 0.5}, "activ::hardsigmoid: alpha must be positive and finite");
  rejected(activ::hardsigmoid{0.2, pinf}, "activ::hardsigmoid: beta must be finite");
  rejected(
      activ::hardsigmoid{1e-300, 0.5},
      "activ::hardsigmoid: alpha is too small: 1/alpha and beta/alpha must be finite in float");
  rejected(activ::threshold{qnan, 0}, "activ::threshold: theta must not be NaN");
  rejected(activ::threshold{0, qnan}, "activ::threshold: value must not be NaN");
  rejected(activ::hardshrink{-0.5}, "activ::hardshrink: lambda must be >= 0");
  rejected(activ::softshrink{qnan}, "activ::softshrink: lambda must be >= 0");
  // Valid edge cases.
  std::vector<float> x{-1.f, 0.f, 2.f}, y(3);
  activ::forward(activ::hardtanh{-pinf, pinf}, x, y);
  CHECK(y == x);
  activ::forward(activ::hardshrink{0}, x, y);
  CHECK(y == x);
  activ::forward(activ::threshold{pinf, 5}, x, y);
  CHECK(y == std::vector<float>(3, 5.f));
}

TEST_CASE("derivative_from_output is refused where y does not determine f'",
          "[piecewise][validate]") {
  CHECK(from_output_refused(activ::leaky_relu{-0.1}));
  CHECK_FALSE(from_output_refused(activ::leaky_relu{0}));
  CHECK(from_output_refused(activ::prelu{-1}));
  CHECK(from_output_refused(activ::rrelu{-0.5, 0.25}));  // mean slope -0.125
  CHECK_FALSE(from_output_refused(activ::rrelu{-0.25, 0.25}));
  CHECK(from_output_refused(activ::threshold{0, 1}));  // value above the threshold
  CHECK_FALSE(from_output_refused(activ::threshold{0, -1}));
}

TEMPLATE_TEST_CASE("negative slopes", "[piecewise]", float, double) {
  using T = TestType;
  const T tinf = std::numeric_limits<T>::infinity();
  const activ::leaky_relu f{-0.5};
  CHECK(f(T(-2)) == T(1));
  CHECK(f(-tinf) == tinf);
  CHECK(f(T(3)) == T(3));
  CHECK(f.derivative(T(-2)) == T(-0.5));
  CHECK(f.derivative(T(0)) == T(-0.5));
  CHECK(activ::prelu{-1}(T(-4)) == T(4));
  CHECK(activ::rrelu{-0.5, 0.25}(T(-8)) == T(1));  // slope -0.125
  // A zero slope at -pinf: the limit -0, never 0 * pinf.
  const T z = activ::leaky_relu{0}(-tinf);
  CHECK(z == T(0));
  CHECK(std::signbit(z));
}

TEMPLATE_TEST_CASE("hardsigmoid with other alphas is within 1 ulp", "[piecewise][hardsigmoid]",
                   float, double) {
  using T = TestType;
  for (const activ::hardsigmoid f : {activ::hardsigmoid{1.0 / 7, 0.5}, activ::hardsigmoid{0.3, 0.4},
                                     activ::hardsigmoid{3, -1}}) {
    const long double c = static_cast<T>(f.beta * (1 / f.alpha)), s = static_cast<T>(1 / f.alpha);
    long double worst = 0;
    T at = 0;
    activ_test::sweep<T>(1 << 18, [&](T x) {
      const long double v = (x + c) / s;
      const long double exact = v <= 0 ? 0 : v >= 1 ? 1 : v;
      const long double e = activ_test::ulp_error(f(x), exact);
      if (e > worst) worst = e, at = x;
    });
    INFO("alpha = " << f.alpha << " beta = " << f.beta << " worst at x = " << at);
    CHECK(worst <= 1);
    CHECK(f(-std::numeric_limits<T>::infinity()) == T(0));
    CHECK(f(std::numeric_limits<T>::infinity()) == T(1));
  }
}
