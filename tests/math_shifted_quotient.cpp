// math::shifted_quotient, (x + c)/s rounded once, against an exact rounding:
// y is correct when no neighbour of y is nearer to (x + c)/s, and a tie goes
// to the even one. Compared as |y s - (x + c)| in __float128 (long double
// where it is missing), where those products and sums are exact.
// The constants are the ones activ uses: hardsigmoid's (x + 3)/6 (PyTorch)
// and (x + 2.5)/5 (Keras), hardswish's derivative (x + 1.5)/3.
// Float: a strided sweep of the sloped range, every float with
// ACTIV_EXHAUSTIVE=1 (2^31 inputs, about a minute per divisor). Double:
// random inputs plus those nearest to the midpoints between doubles, where
// a double rounding would show.
#include <activ/math/shifted_quotient.hpp>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "support/catch.hpp"
#include "support/ulp.hpp"

namespace {

#if defined(__SIZEOF_FLOAT128__)
__extension__ typedef __float128 exact_t;
#else
typedef long double exact_t;
#endif

exact_t magnitude(exact_t v) { return v < 0 ? -v : v; }

// Is y the correctly rounded (x + c)/s? Below `tiny` (2^-30 for float,
// 2^-58 for double) x/s is under a quarter ulp of c/s = 1/2 and y must be
// 1/2; above, x + c (|c| <= 3) is exact in exact_t: 55 bits for float, up
// to 112 for double. Without __float128 the doubles in [2^-58, 2^-9) need
// more bits than long double has and are not judged.
template <class T>
bool correctly_rounded(T x, T y, T c, T s) {
  const T a = std::fabs(x);
  if (a < (sizeof(T) == 4 ? 0x1p-30 : 0x1p-58)) return y == c / s;
  if (sizeof(T) == 8 && sizeof(exact_t) == sizeof(long double) && a < 0x1p-9) return true;
  const exact_t n = exact_t(x) + exact_t(c);
  auto distance = [&](T v) { return magnitude(exact_t(v) * exact_t(s) - n); };
  const T below = std::nextafter(y, -std::numeric_limits<T>::infinity());
  const T above = std::nextafter(y, std::numeric_limits<T>::infinity());
  const exact_t d = distance(y), db = distance(below), da = distance(above);
  if (d < db && d < da) return true;
  const bool even = (activ_test::to_bits(y) & 1) == 0;
  return (d == db || d == da) && d <= db && d <= da && even;
}

struct divisor {
  double c, s;
};
constexpr divisor divisors[] = {{3, 6}, {2.5, 5}, {1.5, 3}};

template <class T>
struct tally {
  std::uint64_t inputs = 0, wrong = 0;
  T first_wrong = 0;
  void add(bool ok, T x) {
    ++inputs;
    if (!ok && wrong++ == 0) first_wrong = x;
  }
};

// Every float of the open range (-c, s - c) whose bit pattern is a multiple
// of `stride` (1: all of them), through the batch kernel.
tally<float> check_floats(divisor dv, std::uint32_t stride) {
  using B = xsimd::batch<float>;
  const auto k = activ::math::make_shifted_quotient<float>(dv.c, dv.s);
  tally<float> t;
  const float lo = float(-dv.c), hi = float(dv.s - dv.c);
  for (int sign = 0; sign < 2; ++sign) {
    const std::uint32_t top = activ_test::to_bits(sign ? -lo : hi);
    const std::uint32_t sign_bit = sign ? 0x80000000u : 0u;
    alignas(64) float xs[B::size], ys[B::size];
    for (std::uint64_t b = 0; b < top; b += std::uint64_t(stride) * B::size) {
      for (std::size_t i = 0; i < B::size; ++i)
        xs[i] = activ_test::from_bits<float>(std::uint32_t(b + i * stride) | sign_bit);
      activ::math::shifted_quotient(B::load_aligned(xs), k).store_aligned(ys);
      for (std::size_t i = 0; i < B::size; ++i)
        if (xs[i] > lo && xs[i] < hi) t.add(correctly_rounded(xs[i], ys[i], k.c, k.s), xs[i]);
    }
  }
  return t;
}

tally<double> check_doubles(divisor dv, long count) {
  using B = xsimd::batch<double>;
  const auto k = activ::math::make_shifted_quotient<double>(dv.c, dv.s);
  tally<double> t;
  auto one = [&](double x) {
    if (!(x > -dv.c && x < dv.s - dv.c)) return;
    t.add(correctly_rounded(x, activ::math::shifted_quotient(B(x), k).get(0), k.c, k.s), x);
  };
  std::mt19937_64 rng(20240601);
  std::uniform_real_distribution<double> uniform(-dv.c, dv.s - dv.c), unit(0, 1);
  for (long i = 0; i < count; ++i) {
    // Any bit pattern (every binade, subnormals too) and a uniform draw.
    double x = activ_test::from_bits<double>(rng() >> 1);
    one(rng() & 1 ? -x : x);
    one(uniform(rng));
    // The input nearest to a midpoint m between two doubles: x = s m - c,
    // and its neighbours. Every third m is next to c/s (tiny x: the hardest
    // case, x + c rounds and the correction decides).
    double y = std::ldexp(unit(rng), -int(rng() % 60));
    if (i % 3 == 0) {
      y = dv.c / dv.s;
      for (long j = long(rng() % 64) - 32; j != 0; j += j > 0 ? -1 : 1)
        y = std::nextafter(y, j > 0 ? 2.0 : -2.0);
    }
    const exact_t m = (exact_t(y) + exact_t(std::nextafter(y, 2.0))) / 2;
    double xm = double(m * exact_t(dv.s) - exact_t(dv.c));
    for (int step = 0; step < 3; ++step) xm = std::nextafter(xm, -10.0);
    for (int step = 0; step < 7; ++step, xm = std::nextafter(xm, 10.0)) one(xm);
  }
  return t;
}

}  // namespace

TEST_CASE("math::shifted_quotient f32 is correctly rounded", "[math][shifted_quotient]") {
  const bool exhaustive = std::getenv("ACTIV_EXHAUSTIVE") != nullptr;
  for (const divisor dv : divisors) {
    const tally<float> t = check_floats(dv, exhaustive ? 1 : 61);
    std::printf(
        "math::shifted_quotient f32 (x + %g)/%g: %llu inputs%s, %llu not correctly rounded\n", dv.c,
        dv.s, (unsigned long long)t.inputs, exhaustive ? " (every float)" : "",
        (unsigned long long)t.wrong);
    INFO("(x + " << dv.c << ")/" << dv.s << " first wrong at x = " << t.first_wrong);
    CHECK(t.wrong == 0);
  }
}

TEST_CASE("math::shifted_quotient f64 is correctly rounded", "[math][shifted_quotient]") {
  for (const divisor dv : divisors) {
    const tally<double> t = check_doubles(dv, 300000);
    std::printf("math::shifted_quotient f64 (x + %g)/%g: %llu inputs, %llu not correctly rounded\n",
                dv.c, dv.s, (unsigned long long)t.inputs, (unsigned long long)t.wrong);
    INFO("(x + " << dv.c << ")/" << dv.s << " first wrong at x = " << t.first_wrong);
    CHECK(t.wrong == 0);
  }
}

TEST_CASE("math::shifted_quotient with other divisors is within 1 ulp",
          "[math][shifted_quotient]") {
  // s = 7 = 4 + 3: the remainder is exact only with a real FMA.
  using B = xsimd::batch<double>;
  const auto k = activ::math::make_shifted_quotient<double>(3.5, 7);
  long double worst = 0;
  activ_test::sweep<double>(1 << 18, [&](double x) {
    if (!(x > -3.5 && x < 3.5)) return;
    const long double exact = (static_cast<long double>(x) + 3.5L) / 7;
    worst = std::max(worst,
                     activ_test::ulp_error(activ::math::shifted_quotient(B(x), k).get(0), exact));
  });
  std::printf("math::shifted_quotient f64 (x + 3.5)/7: max %.3f ulp\n", double(worst));
  CHECK(worst <= 1);
}

TEST_CASE("math::shifted_quotient keeps its exact values", "[math][shifted_quotient]") {
  using B = xsimd::batch<float>;
  const auto k = activ::math::make_shifted_quotient<float>(3, 6);
  CHECK(k.p == 4.f);
  CHECK(k.d == 2.f);
  CHECK(activ::math::shifted_quotient(B(-3.f), k).get(0) == 0.f);
  CHECK(activ::math::shifted_quotient(B(3.f), k).get(0) == 1.f);
  CHECK(activ::math::shifted_quotient(B(0.f), k).get(0) == 0.5f);
  CHECK(std::isnan(activ::math::shifted_quotient(B(std::nanf("")), k).get(0)));
}
