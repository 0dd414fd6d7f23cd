// math::dw::mul_round: a double-word value times a double-word constant,
// rounded once at the end where the product is normal and within 0.75 ulp
// where it is subnormal (rounded in the scaled range, then again when scaled
// down); huge products overflow to infinity; and the form with a constant
// per lane (selu: scale x and scale alpha (e^x - 1) in one call) gives each
// lane the bits of the one-constant form with that lane's constant.
#include <activ/math/dword.hpp>
#include <cmath>
#include <cstddef>
#include <limits>

#include "support/catch.hpp"
#include "support/ulp.hpp"

namespace {

// Constants as long double: selu's scale and scale alpha, 1/3, -pi, a small one.
const long double k_constants[] = {1.0507009873554804934193349852946L,
                                   1.7580993408473768599402175208123L, 1.0L / 3,
                                   -3.14159265358979323846264338327950288L, 0x1.3cp-30L};
constexpr std::size_t k_count = sizeof k_constants / sizeof k_constants[0];

template <class T>
activ::math::dword_const<T> constant(std::size_t i) {
  const long double c = k_constants[i % k_count];
  const T hi = static_cast<T>(c);
  return {hi, static_cast<T>(c - hi)};
}

struct errors {
  long double normal = 0, subnormal = 0;
  std::size_t lane_mismatches = 0, points = 0;
};

template <class T>
errors measure() {
  using B = xsimd::batch<T>;
  using activ::math::double_word;
  namespace dw = activ::math::dw;
  constexpr std::size_t L = B::size;
  // a = x + x 2^-(digits+3) (+-): a low part well under half an ulp of x.
  const T low_scale = std::ldexp(T(1.1875), -(std::numeric_limits<T>::digits + 3));
  alignas(64) T xs[L], los[L], his[L], los_c[L], got[L], one[L];
  errors e;
  std::size_t filled = 0, batch = 0;
  const auto flush = [&] {
    const double_word<B> a{B::load_aligned(xs), B::load_aligned(los)};
    for (std::size_t i = 0; i < L; ++i) {
      const auto c = constant<T>(batch + i);
      his[i] = c.hi;
      los_c[i] = c.lo;
    }
    dw::mul_round(a, B::load_aligned(his), B::load_aligned(los_c)).store_aligned(got);
    for (std::size_t i = 0; i < L; ++i) {
      const auto c = constant<T>(batch + i);
      dw::mul_round(a, c).store_aligned(one);
      if (!activ_test::same_bits(got[i], one[i])) ++e.lane_mismatches;
      const long double exact =
          (static_cast<long double>(xs[i]) + los[i]) * (static_cast<long double>(c.hi) + c.lo);
      const long double err = activ_test::ulp_error(got[i], exact);
      const bool sub = std::fabs(exact) < static_cast<long double>(std::numeric_limits<T>::min());
      (sub ? e.subnormal : e.normal) = std::max(sub ? e.subnormal : e.normal, err);
      ++e.points;
    }
    filled = 0;
    ++batch;
  };
  activ_test::sweep<T>(activ_test::sweep_points(), [&](T x) {
    xs[filled] = x;
    los[filled] = (e.points + filled) % 2 ? x * low_scale : -(x * low_scale);
    if (++filled == L) flush();
  });
  return e;
}

template <class T>
void check_mul_round() {
  const errors e = measure<T>();
  INFO("points " << e.points << ", max ulp: normal " << static_cast<double>(e.normal)
                 << ", subnormal " << static_cast<double>(e.subnormal));
  CHECK(e.points > 1000);
  CHECK(e.lane_mismatches == 0);
  // One rounding; the reference itself (long double, 64 bits for a product of
  // two 2x53-bit values) is good to about 2^-10 ulp of double.
  CHECK(e.normal <= 0.5 + 0x1p-8);
  // Subnormal products: rounded to full precision in the scaled range (at
  // most a quarter of the subnormal grid's spacing, which has a bit fewer),
  // then to the grid when scaled down, where that can make a tie: 0.75 ulp
  // (measured 0.749 at x = 0x0.48f6dffffff6ep-1022 times scale alpha).
  CHECK(e.subnormal <= 0.75 + 0x1p-8);
  CHECK(e.subnormal > 0.5);  // the double rounding is there: the sweep reaches it

  using B = xsimd::batch<T>;
  namespace dw = activ::math::dw;
  const T inf = std::numeric_limits<T>::infinity(), big = std::numeric_limits<T>::max();
  const auto c = constant<T>(1);  // 1.758...
  CHECK(dw::mul_round(activ::math::double_word<B>{B(big), B(0)}, c).get(0) == inf);
  CHECK(dw::mul_round(activ::math::double_word<B>{B(-inf), B(0)}, c).get(0) == -inf);
  CHECK(std::isnan(dw::mul_round(activ::math::double_word<B>{B(std::nan("")), B(0)}, c).get(0)));
  // A zero gives +0 (hi + lo, lo = +0): callers that keep -0 select it.
  CHECK(activ_test::same_bits(
      dw::mul_round(activ::math::double_word<B>{B(T(-0.0)), B(0)}, c).get(0), T(0)));
}

}  // namespace

TEST_CASE("dw::mul_round rounds once and the per-lane form matches the one-constant form",
          "[math][dword]") {
  SECTION("float") { check_mul_round<float>(); }
  SECTION("double") { check_mul_round<double>(); }
}
