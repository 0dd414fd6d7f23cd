// math::log1p against long double over its whole domain, float and double,
// for a plain argument and for one carried as hi + lo.
#include <activ/math/log1p.hpp>
#include <cmath>
#include <cstdio>

#include "support/catch.hpp"
#include "support/ulp.hpp"

namespace {

// The bound stated in include/activ/math/log1p.hpp.
constexpr double log1p_bound = 0.7;

template <class T>
void check_log1p() {
  using B = xsimd::batch<T>;
  using lim = std::numeric_limits<T>;
  long double worst = 0, worst_dw = 0;
  T at = 0, at_dw = 0;
  activ_test::sweep<T>(activ_test::sweep_points(), [&](T x) {
    if (x < T(-1)) return;  // NaN, checked below
    const long double e =
        activ_test::ulp_error(activ::math::log1p(B(x)).get(0), std::log1p((long double)x));
    if (e > worst) worst = e, at = x;
    // The same x with a low part of a third of an ulp: log(1 + x + lo).
    if (!std::isnormal(x)) return;
    const T lo = T(std::ldexp(1.0L / 3, std::ilogb(x) - lim::digits + 1));
    if (std::isnormal(lo) && x > T(-1)) {
      const long double ref = std::log1p((long double)x) + lo / (1 + (long double)x);
      const long double d = activ_test::ulp_error(activ::math::log1p(B(x), B(lo)).get(0), ref);
      if (d > worst_dw) worst_dw = d, at_dw = x;
    }
  });
  std::printf(
      "math::log1p %s max %.3f ulp (bound %.1f) at %a; with a low part max %.3f ulp at %a\n",
      sizeof(T) == 4 ? "f32" : "f64", double(worst), log1p_bound, double(at), double(worst_dw),
      double(at_dw));
  INFO("worst at x = " << at << ", with a low part at x = " << at_dw);
  CHECK(worst <= log1p_bound);
  CHECK(worst_dw <= log1p_bound);

  auto f = [](T x) { return activ::math::log1p(B(x)).get(0); };
  const T inf = lim::infinity();
  CHECK(f(T(-1)) == -inf);
  CHECK(std::isnan(f(T(-1.5))));
  CHECK(std::isnan(f(-inf)));
  CHECK(std::isnan(f(-lim::max())));
  CHECK(f(inf) == inf);
  CHECK(std::isnan(f(lim::quiet_NaN())));
  CHECK(f(T(0)) == T(0));
  CHECK_FALSE(std::signbit(f(T(0))));
  CHECK(std::signbit(f(T(-0.0))));
  CHECK(f(lim::denorm_min()) == lim::denorm_min());
  CHECK(f(-lim::denorm_min()) == -lim::denorm_min());
  CHECK(f(lim::min()) == lim::min());
  CHECK(f(T(1e-30)) == T(1e-30));
  CHECK(activ_test::ulp_error(f(lim::max()), std::log1p((long double)lim::max())) <= log1p_bound);
}

}  // namespace

TEST_CASE("math::log1p f32 is within 0.7 ulp", "[math][log1p]") { check_log1p<float>(); }
TEST_CASE("math::log1p f64 is within 0.7 ulp", "[math][log1p]") { check_log1p<double>(); }
