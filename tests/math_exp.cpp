// math::exp against long double over its whole domain, float and double.
#include <cmath>
#include <cstdio>

#include <activ/math/exp.hpp>

#include "support/catch.hpp"
#include "support/ulp.hpp"

namespace {

template <class T>
void check_exp(double bound) {
  using B = xsimd::batch<T>;
  long double worst = 0;
  T at = 0;
  activ_test::sweep<T>(activ_test::sweep_points(), [&](T x) {
    const long double e = activ_test::ulp_error(activ::math::exp(B(x)).get(0), std::exp((long double)x));
    if (e > worst) worst = e, at = x;
  });
  std::printf("math::exp %s max %.3f ulp (bound %.1f) at %a\n", sizeof(T) == 4 ? "f32" : "f64",
              double(worst), bound, double(at));
  INFO("worst at x = " << at);
  CHECK(worst <= bound);
  const T inf = std::numeric_limits<T>::infinity();
  CHECK(activ::math::exp(B(-inf)).get(0) == T(0));
  CHECK(activ::math::exp(B(inf)).get(0) == inf);
  CHECK(std::isnan(activ::math::exp(B(std::numeric_limits<T>::quiet_NaN())).get(0)));
  CHECK(activ::math::exp(B(T(0))).get(0) == T(1));
}

}  // namespace

TEST_CASE("math::exp f32 is within 1 ulp", "[math][exp]") { check_exp<float>(1.0); }
TEST_CASE("math::exp f64 is within 1 ulp", "[math][exp]") { check_exp<double>(1.0); }
