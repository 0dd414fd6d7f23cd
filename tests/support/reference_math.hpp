// Long double building blocks for the references, fast where glibc's are
// slow: the full sweep (scripts/sweep) calls them 2^33 times per activation.
//   - two_product: fmal is emulated in software (~390 ns a call; x87 has no
//     fused multiply-add), Dekker's product is a dozen x87 operations.
//   - exp and log1p: expl and log1pl take ~55 ns whatever the argument, and
//     expl ~235 ns where it underflows; about 80% of all floats are tiny or
//     huge, where a short series or the limit is the correctly rounded value.
// Each fast path is exact to well below a long double ulp (its truncation
// error is stated), so the references stay good to far below a double ulp.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

namespace activ_test::ref {

// a b = p + e exactly, p = fl(a b): Dekker's product with Veltkamp's split at
// half of long double's digits (no overflow: the arguments are floats,
// doubles and constants).
struct product_t {
  long double p, e;
};
inline product_t two_product(long double a, long double b) {
  constexpr int half = (std::numeric_limits<long double>::digits + 1) / 2;
  constexpr long double split = static_cast<long double>(std::uint64_t(1) << half) + 1;
  const auto halves = [&](long double v, long double& hi, long double& lo) {
    const long double c = split * v;
    hi = c - (c - v);
    lo = v - hi;
  };
  long double ah, al, bh, bl;
  halves(a, ah, al);
  halves(b, bh, bl);
  const long double p = a * b;
  return {p, ((ah * bh - p) + ah * bl + al * bh) + al * bl};
}

constexpr long double tiny = 0x1p-32L;  // below it, x^3 / 6 < 2^-98 relative

// e^x: for |x| < 2^-32, 1 + (x + x^2/2) (dropped: x^3/6 < 2^-98); below
// -11400 it is 0 (e^-11400 < 2^-16446, under half the least subnormal); above
// 11357 it is infinite (ln of the largest long double is 11356.5).
inline long double exp(long double x) {
  if (std::fabs(x) < tiny) return 1 + (x + x * x / 2);
  if (x < -11400) return 0;
  if (x > 11357) return std::numeric_limits<long double>::infinity();
  return std::exp(x);
}

// ln(1 + x): for |x| < 2^-32, x - x^2/2 + x^3/3 (dropped: x^4/4, 2^-98 of x).
inline long double log1p(long double x) {
  if (std::fabs(x) < tiny) return x - x * x / 2 + x * x * x / 3;
  return std::log1p(x);
}

}  // namespace activ_test::ref
