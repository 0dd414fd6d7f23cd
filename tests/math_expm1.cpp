// math::expm1 against long double over its whole domain, float and double,
// for a plain argument and for one carried as hi + lo.
#include <activ/math/expm1.hpp>
#include <cmath>
#include <cstdio>

#include "support/catch.hpp"
#include "support/ulp.hpp"

namespace {

// The bound stated in include/activ/math/expm1.hpp.
constexpr double expm1_bound = 0.6;
// And of expm1_exp_nonpositive's two results, before its callers round them.
constexpr double expm1_nonpositive_bound = 0.35;
constexpr double exp_nonpositive_bound = 0.15;

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
              sizeof(T) == 4 ? "f32" : "f64", double(worst), bound, double(at), double(worst_dw),
              double(at_dw));
  INFO("worst at x = " << at << ", with a low part at x = " << at_dw);
  CHECK(worst <= bound);
  CHECK(worst_dw <= bound);
}

template <class T>
void check_expm1() {
  using B = xsimd::batch<T>;
  using lim = std::numeric_limits<T>;
  check_sweep<T>(
      "math::expm1", expm1_bound, [](T) { return true; },
      [](T x, T lo, long double exact) {
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

// expm1_exp_nonpositive: e^z - 1 as hi + lo (unrounded, as elu, selu and
// celu take it) against expm1l, and e^z = (hi + lo) 2^n1 2^n2 (exact in long
// double) against expl, for x <= 0, plain and with a low part.
template <class T>
void check_expm1_exp_nonpositive() {
  using B = xsimd::batch<T>;
  using L = long double;
  using lim = std::numeric_limits<T>;
  auto em1 = [](T x, T lo) {
    const auto p = activ::math::expm1_nonpositive_parts(B(x), B(lo));
    return L(p.hi.get(0)) + L(p.lo.get(0));
  };
  auto e = [](T x, T lo) {
    const activ::math::expm1_exp_t<B> p = activ::math::expm1_exp_nonpositive(B(x), B(lo));
    return (L(p.er.hi.get(0)) + L(p.er.lo.get(0))) * L(p.scale1.get(0)) * L(p.scale2.get(0));
  };
  auto keep = [](T x) { return x <= 0; };
  check_sweep<T>("math::expm1_exp_nonpositive e^z - 1", expm1_nonpositive_bound, keep,
                 [&](T x, T lo, L exact) {
                   const L got = em1(x, lo);
                   return x == 0 ? std::fabs(got)
                                 : std::fabs(got - exact) / activ_test::ulp_at<T>(exact);
                 });
  // e^(x + lo) = e^x (1 + lo) to first order (not from expm1l + 1, which
  // cancels to 0 below x = -45).
  check_sweep<T>("math::expm1_exp_nonpositive e^z", exp_nonpositive_bound, keep, [&](T x, T lo, L) {
    const L want = std::exp(L(x)) * (1 + L(lo));
    return std::fabs(e(x, lo) - want) / activ_test::ulp_at<T>(want);
  });
  CHECK(T(em1(-lim::infinity(), 0)) == -1);
  CHECK(T(em1(-lim::max(), 0)) == -1);
  CHECK(em1(-lim::denorm_min(), 0) == -L(lim::denorm_min()));
  CHECK(em1(-lim::min(), 0) == -L(lim::min()));
  // As the callers round it: ((hi + lo) 2^n1) 2^n2 in T.
  auto e_rounded = [](T x) {
    const auto p = activ::math::expm1_exp_nonpositive(B(x), B(0));
    return (((p.er.hi + p.er.lo) * p.scale1) * p.scale2).get(0);
  };
  CHECK(e_rounded(-lim::infinity()) == 0);
  CHECK(e_rounded(-lim::max()) == 0);
  CHECK(e_rounded(T(0)) == 1);
  CHECK(e_rounded(-lim::denorm_min()) == 1);
  CHECK(e_rounded(T(-0.0)) == 1);
  CHECK(std::isnan(em1(lim::quiet_NaN(), 0)));
  CHECK(std::isnan(e(lim::quiet_NaN(), 0)));
}

}  // namespace

TEST_CASE("math::expm1_exp_nonpositive f32", "[math][expm1]") {
  check_expm1_exp_nonpositive<float>();
}
TEST_CASE("math::expm1_exp_nonpositive f64", "[math][expm1]") {
  check_expm1_exp_nonpositive<double>();
}
TEST_CASE("math::expm1 f32 is within 0.6 ulp", "[math][expm1]") { check_expm1<float>(); }
TEST_CASE("math::expm1 f64 is within 0.6 ulp", "[math][expm1]") { check_expm1<double>(); }
