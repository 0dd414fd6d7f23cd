// math::exp against long double over its whole domain, float and double, and
// the e^-|x| that the sigmoid core (logistic_t) hands on.
#include <activ/math/exp.hpp>
#include <activ/math/logistic.hpp>
#include <cmath>
#include <cstdio>

#include "support/catch.hpp"
#include "support/ulp.hpp"

namespace {

template <class T>
void check_exp(double bound) {
  using B = xsimd::batch<T>;
  long double worst = 0;
  T at = 0;
  activ_test::sweep<T>(activ_test::sweep_points(), [&](T x) {
    const long double e =
        activ_test::ulp_error(activ::math::exp(B(x)).get(0), std::exp((long double)x));
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

// The sigmoid core hands e^-|x| on as (t_hi + t_lo) scale (logistic_t), which
// logsigmoid's double log1p takes whole: unrounded, within 0.4 ulp of e^-|x|
// (0 where the core treats e^-|x| as 0, below exp's lo).
template <class T>
void check_logistic_t(double bound) {
  using B = xsimd::batch<T>;
  using L = long double;
  long double worst = 0;
  T at = 0;
  activ_test::sweep<T>(activ_test::sweep_points(), [&](T x) {
    const L got = activ::math::logistic_parts(B(x), [](const activ::math::logistic_t<B>& l) {
      return (L(l.t_hi.get(0)) + L(l.t_lo.get(0))) * L(l.scale.get(0));
    });
    const L a = std::fabs(L(x));
    const L want = a > -L(activ::math::exp_split_t<B>::lowest) ? L(0) : std::exp(-a);
    const L e = std::fabs(got - want) / activ_test::ulp_at<T>(want);
    if (e > worst) worst = e, at = x;
  });
  std::printf("math::logistic_parts e^-|x| %s max %.3f ulp unrounded (bound %.2f) at %a\n",
              sizeof(T) == 4 ? "f32" : "f64", double(worst), bound, double(at));
  INFO("worst at x = " << at);
  CHECK(worst <= bound);
}

}  // namespace

TEST_CASE("math::logistic_parts e^-|x| f32", "[math][exp]") { check_logistic_t<float>(0.4); }
TEST_CASE("math::logistic_parts e^-|x| f64", "[math][exp]") { check_logistic_t<double>(0.4); }
TEST_CASE("math::exp f32 is within 1 ulp", "[math][exp]") { check_exp<float>(1.0); }
TEST_CASE("math::exp f64 is within 1 ulp", "[math][exp]") { check_exp<double>(1.0); }
