// math::expm1 against long double over its whole domain, float and double,
// for a plain argument and for one carried as hi + lo.
#include <cmath>
#include <cstdio>

#include <activ/math/expm1.hpp>

#include "support/catch.hpp"
#include "support/ulp.hpp"

namespace {

// The bound stated in include/activ/math/expm1.hpp.
constexpr double expm1_bound = 0.6;
// And of expm1_nonpositive_parts' hi + lo, before its caller rounds it.
constexpr double expm1_nonpositive_bound = 0.35;

// The largest error of err(x, lo, exact) over the sweep's x with keep(x),
// for lo = 0 and for a low part lo of a third of an ulp of x (exact is then
// e^(x + lo) - 1 to first order); both must stay within bound.
template <class T, class Keep, class Err>
void check_sweep(const char* name, double bound, Keep keep, Err err) {
  using lim = std::numeric_limits<T>;
  long double worst = 0, worst_dw = 0;
  T at = 0, at_dw = 0;
  activ_test::sweep<T>(activ_test::sweep_points(), [&](T x) {
    if (!keep(x)) return;
    const long double e = err(x, T(0), std::expm1((long double)x));
    if (e > worst) worst = e, at = x;
    if (!std::isnormal(x)) return;
    const T lo = T(std::ldexp(1.0L / 3, std::ilogb(x) - lim::digits + 1));
    if (std::isnormal(lo)) {
      const long double d = err(x, lo, std::expm1((long double)x) + std::exp((long double)x) * lo);
      if (d > worst_dw) worst_dw = d, at_dw = x;
    }
  });
  std::printf("%s %s max %.3f ulp (bound %.2f) at %a; with a low part max %.3f ulp at %a\n", name,
              sizeof(T) == 4 ? "f32" : "f64", double(worst), bound, double(at), double(worst_dw), double(at_dw));
  INFO("worst at x = " << at << ", with a low part at x = " << at_dw);
  CHECK(worst <= bound);
  CHECK(worst_dw <= bound);
}

template <class T>
void check_expm1() {
  using B = xsimd::batch<T>;
  using lim = std::numeric_limits<T>;
  check_sweep<T>("math::expm1", expm1_bound, [](T) { return true; }, [](T x, T lo, long double exact) {
    return activ_test::ulp_error(activ::math::expm1(B(x), B(lo)).get(0), exact);
  });

  auto f = [](T x) { return activ::math::expm1(B(x)).get(0); };
  const T inf = lim::infinity();
  CHECK(f(-inf) == T(-1));
  CHECK(f(inf) == inf);
  CHECK(f(lim::max()) == inf);
  CHECK(f(-lim::max()) == T(-1));
  CHECK(std::isnan(f(lim::quiet_NaN())));
  CHECK(f(T(0)) == T(0));
  CHECK_FALSE(std::signbit(f(T(0))));
  CHECK(std::signbit(f(T(-0.0))));
  CHECK(f(lim::denorm_min()) == lim::denorm_min());
  CHECK(f(-lim::denorm_min()) == -lim::denorm_min());
  CHECK(f(lim::min()) == lim::min());
  CHECK(f(T(1e-30)) == T(1e-30));
}

// expm1_nonpositive_parts: hi + lo (unrounded, as elu, selu and celu take it)
// against expm1l for x <= 0, plain and with a low part.
template <class T>
void check_expm1_nonpositive() {
  using B = xsimd::batch<T>;
  using lim = std::numeric_limits<T>;
  auto parts = [](T x, T lo) {
    const auto p = activ::math::expm1_nonpositive_parts(B(x), B(lo));
    return (long double)p.hi.get(0) + (long double)p.lo.get(0);
  };
  check_sweep<T>("math::expm1_nonpositive_parts", expm1_nonpositive_bound, [](T x) { return x <= 0; },
                 [&](T x, T lo, long double exact) {
                   const long double got = parts(x, lo);
                   return x == 0 ? std::fabs(got) : std::fabs(got - exact) / activ_test::ulp_at<T>(exact);
                 });
  CHECK(T(parts(-lim::infinity(), 0)) == -1);
  CHECK(T(parts(-lim::max(), 0)) == -1);
  CHECK(parts(-lim::denorm_min(), 0) == -(long double)lim::denorm_min());
  CHECK(parts(-lim::min(), 0) == -(long double)lim::min());
}

}  // namespace

TEST_CASE("math::expm1_nonpositive_parts f32", "[math][expm1]") { check_expm1_nonpositive<float>(); }
TEST_CASE("math::expm1_nonpositive_parts f64", "[math][expm1]") { check_expm1_nonpositive<double>(); }
TEST_CASE("math::expm1 f32 is within 0.6 ulp", "[math][expm1]") { check_expm1<float>(); }
TEST_CASE("math::expm1 f64 is within 0.6 ulp", "[math][expm1]") { check_expm1<double>(); }
