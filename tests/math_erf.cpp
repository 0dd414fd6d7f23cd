// math::erf, math::erfc, math::normal_cdf and math::scaled_exp against
// long double (ulp-space sweeps of the whole line, float and double), plus
// their edges; gelu's shared normal_parts against the one-call forms.
#include <activ/math/erf.hpp>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>

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
constexpr bound erf_bound{1.0, 1.0};
constexpr bound erfc_bound{1.0, 1.0};
constexpr bound normal_cdf_bound{1.0, 1.0};
constexpr bound scaled_exp_bound{1.0, 1.0};

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
  std::printf("math::%-11s %s max %.3f ulp (bound %.2f) at %a\n", name,
              sizeof(T) == 4 ? "f32" : "f64", double(worst), limit, double(at));
  INFO(name << " worst at x = " << at);
  CHECK(worst <= limit);
}

template <class T, class F>
T at(F f, T x) {
  return f(xsimd::batch<T>(x)).get(0);
}

template <class T>
void check_erf() {
  using namespace activ_test;
  check_sweep<T>(
      "erf", [](auto v) { return activ::math::erf(v); }, ref::erf, erf_bound);
  check_sweep<T>(
      "erfc", [](auto v) { return activ::math::erfc(v); }, ref::erfc, erfc_bound);
  check_sweep<T>(
      "normal_cdf", [](auto v) { return activ::math::normal_cdf(v); }, ref::normal_cdf,
      normal_cdf_bound);

  using lim = std::numeric_limits<T>;
  const T inf = lim::infinity(), nan = lim::quiet_NaN();
  auto erf = [](auto v) { return activ::math::erf(v); };
  auto erfc = [](auto v) { return activ::math::erfc(v); };
  auto cdf = [](auto v) { return activ::math::normal_cdf(v); };
  CHECK(at(erf, inf) == T(1));
  CHECK(at(erf, -inf) == T(-1));
  CHECK(std::signbit(at(erf, T(-0.0))));
  CHECK(at(erfc, inf) == T(0));
  CHECK(!std::signbit(at(erfc, inf)));
  CHECK(at(erfc, -inf) == T(2));
  CHECK(at(erfc, T(0)) == T(1));
  CHECK(at(cdf, -inf) == T(0));
  CHECK(at(cdf, inf) == T(1));
  CHECK(at(cdf, T(-0.0)) == T(0.5));
  for (auto f : {+[](xsimd::batch<T> v) { return activ::math::erf(v); },
                 +[](xsimd::batch<T> v) { return activ::math::erfc(v); },
                 +[](xsimd::batch<T> v) { return activ::math::normal_cdf(v); }})
    CHECK(std::isnan(f(xsimd::batch<T>(nan)).get(0)));
}

// scaled_exp(g, x, x_lo) = g e^(x + x_lo): random g in [1/16, 4], x over the
// range where g e^x is finite and not zero (moderate x for double, where the
// long double sum x + x_lo is still exact enough).
template <class T>
void check_scaled_exp() {
  using B = xsimd::batch<T>;
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> ux(sizeof(T) == 4 ? -100 : -40, sizeof(T) == 4 ? 80 : 40);
  std::uniform_real_distribution<double> ug(0.0625, 4), ul(-1, 1);
  long double worst = 0;
  T wx = 0;
  std::size_t differing = 0;
  for (int i = 0; i < 1000000; ++i) {
    const T x = T(ux(rng)), g = T(ug(rng)), g2 = T(ug(rng));
    const T x_lo = T(std::ldexp(ul(rng), sizeof(T) == 4 ? -30 : -60));
    const T got = activ::math::scaled_exp(B(g), B(x), B(x_lo)).get(0);
    const long double e = activ_test::ulp_error(got, ld(g) * std::exp(ld(x) + ld(x_lo)));
    if (e > worst) worst = e, wx = x;
    // One reduction, two multipliers (gelu's f and f'): each as good, and the
    // first with the bits of the one-call form.
    const activ::math::exp_reduced_t<B> red =
        activ::math::exp_reduce(activ::math::double_word<B>{B(x), B(x_lo)});
    differing += !activ_test::same_bits(
        activ::math::scaled_exp(activ::math::double_word<B>{B(g), B(0)}, red).get(0), got);
    const T got2 = activ::math::scaled_exp(activ::math::double_word<B>{B(g2), B(0)}, red).get(0);
    const long double e2 = activ_test::ulp_error(got2, ld(g2) * std::exp(ld(x) + ld(x_lo)));
    if (e2 > worst) worst = e2, wx = x;
  }
  const double limit = sizeof(T) == 4 ? scaled_exp_bound.f32 : scaled_exp_bound.f64;
  std::printf("math::scaled_exp %s max %.3f ulp (bound %.2f) at x = %a\n",
              sizeof(T) == 4 ? "f32" : "f64", double(worst), limit, double(wx));
  CHECK(worst <= limit);
  CHECK(differing == 0);
  CHECK(activ::math::scaled_exp(B(T(1)), B(-std::numeric_limits<T>::infinity()), B(T(0))).get(0) ==
        T(0));
  CHECK(std::isnan(
      activ::math::scaled_exp(B(T(1)), B(std::numeric_limits<T>::quiet_NaN()), B(T(0))).get(0)));
}

// gelu's value_and_derivative evaluates math::normal_parts once for x Phi(x)
// and Phi(x) + x phi(x): from one normal_parts_t, each must give the bits of
// its own one-argument call (which gelu's battery measures against long double).
template <class T>
void check_normal_parts() {
  using B = xsimd::batch<T>;
  std::size_t differing = 0;
  activ_test::sweep<T>(activ_test::sweep_points() / 8, [&](T x) {
    activ::math::normal_parts(B(x), [&](const activ::math::normal_parts_t<B>& n) {
      differing += !activ_test::same_bits(activ::math::x_normal_cdf(B(x), n).get(0),
                                          activ::math::x_normal_cdf(B(x)).get(0));
      differing += !activ_test::same_bits(activ::math::normal_cdf_plus_x_pdf(B(x), n).get(0),
                                          activ::math::normal_cdf_plus_x_pdf(B(x)).get(0));
      return 0;
    });
  });
  CHECK(differing == 0);
}

}  // namespace

TEST_CASE("math::normal_parts f32", "[math][erf]") { check_normal_parts<float>(); }
TEST_CASE("math::normal_parts f64", "[math][erf]") { check_normal_parts<double>(); }
TEST_CASE("math::erf erfc normal_cdf f32", "[math][erf]") { check_erf<float>(); }
TEST_CASE("math::erf erfc normal_cdf f64", "[math][erf]") { check_erf<double>(); }
TEST_CASE("math::scaled_exp f32", "[math][erf]") { check_scaled_exp<float>(); }
TEST_CASE("math::scaled_exp f64", "[math][erf]") { check_scaled_exp<double>(); }
