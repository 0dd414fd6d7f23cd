// math::tanh, math::x_minus_tanh, math::tanh_derivative and
// math::tanh_squared against long double over the whole line (ulp-space
// sweep, float and double), plus their edges and the saturation cutoff.
#include <activ/math/tanh.hpp>
#include <cmath>
#include <cstdio>
#include <limits>

#include "support/catch.hpp"
#include "support/reference_tanh_erf.hpp"
#include "support/ulp.hpp"

namespace {

using ld = long double;

// The kernel bounds (ulp), measured with g++ 12 and clang 14 at SSE2 and
// AVX2+FMA, ACTIV_SWEEP_POINTS=8000000, rounded up a little.
struct bound {
  double f32, f64;
};
constexpr bound tanh_bound{1.0, 1.0};
constexpr bound x_minus_tanh_bound{1.5, 1.5};
constexpr bound derivative_bound{2.0, 2.0};
constexpr bound squared_bound{1.75, 1.75};

template <class T, class F, class R>
void check_sweep(const char* name, F f, R ref, bound b) {
  using B = xsimd::batch<T>;
  const double limit = sizeof(T) == 4 ? b.f32 : b.f64;
  long double worst = 0;
  T at = 0;
  activ_test::sweep<T>(activ_test::sweep_points(), [&](T x) {
    const long double e = activ_test::ulp_error(f(B(x)).get(0), ref(ld(x)));
    if (e > worst || std::isnan(e)) worst = e, at = x;
  });
  std::printf("math::%-13s %s max %.3f ulp (bound %.2f) at %a\n", name,
              sizeof(T) == 4 ? "f32" : "f64", double(worst), limit, double(at));
  INFO(name << " worst at x = " << at);
  CHECK(worst <= limit);
}

template <class T>
T eval_tanh(T x) {
  return activ::math::tanh(xsimd::batch<T>(x)).get(0);
}

template <class T>
void check_tanh() {
  check_sweep<T>(
      "tanh", [](auto v) { return activ::math::tanh(v); }, activ_test::ref::tanh, tanh_bound);
  check_sweep<T>(
      "x_minus_tanh", [](auto v) { return activ::math::x_minus_tanh(v); },
      activ_test::ref::x_minus_tanh, x_minus_tanh_bound);
  check_sweep<T>(
      "tanh'", [](auto v) { return activ::math::tanh_derivative(v); },
      activ_test::ref::tanh_derivative, derivative_bound);
  check_sweep<T>(
      "tanh^2", [](auto v) { return activ::math::tanh_squared(v); },
      [](ld x) { return std::tanh(x) * std::tanh(x); }, squared_bound);

  using lim = std::numeric_limits<T>;
  using B = xsimd::batch<T>;
  const T inf = lim::infinity();
  CHECK(eval_tanh(inf) == T(1));
  CHECK(eval_tanh(-inf) == T(-1));
  CHECK(std::signbit(eval_tanh(T(-0.0))));
  CHECK(eval_tanh(T(-0.0)) == T(0));
  CHECK(std::isnan(eval_tanh(lim::quiet_NaN())));
  CHECK(activ::math::x_minus_tanh(B(inf)).get(0) == inf);
  CHECK(activ::math::x_minus_tanh(B(-inf)).get(0) == -inf);
  CHECK(std::signbit(activ::math::x_minus_tanh(B(T(-0.0))).get(0)));
  CHECK(std::isnan(activ::math::x_minus_tanh(B(lim::quiet_NaN())).get(0)));
  CHECK(activ::math::tanh_derivative(B(inf)).get(0) == T(0));
  CHECK(activ::math::tanh_derivative(B(T(0))).get(0) == T(1));
  CHECK(std::isnan(activ::math::tanh_derivative(B(lim::quiet_NaN())).get(0)));
  // Saturation: k_saturation is the smallest T whose tanh rounds to 1.
  const T k = activ::math::detail_tanh::k<T>::k_saturation;
  // 1 - tanh(a) = 2 e^-2a / (1 + e^-2a) against half the spacing below 1.
  auto one_minus_tanh = [](ld a) { return 2 * std::exp(-2 * a) / (1 + std::exp(-2 * a)); };
  const ld half_gap = std::ldexp(ld(1), -lim::digits - 1);
  CHECK(one_minus_tanh(ld(k)) <= half_gap);
  CHECK(one_minus_tanh(ld(std::nextafter(k, T(0)))) > half_gap);
  CHECK(eval_tanh(k) == T(1));
  CHECK(eval_tanh(std::nextafter(k, T(0))) < T(1));
}

}  // namespace

TEST_CASE("math::tanh f32", "[math][tanh]") { check_tanh<float>(); }
TEST_CASE("math::tanh f64", "[math][tanh]") { check_tanh<double>(); }
