// Measuring error in ulps against a long double reference, and walking the
// float and double lines in ulp space.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <type_traits>

namespace activ_test {

template <class T>
using bits_t = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;

template <class T>
T from_bits(bits_t<T> b) {
  T x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

template <class T>
bits_t<T> to_bits(T x) {
  bits_t<T> b;
  std::memcpy(&b, &x, sizeof x);
  return b;
}

// The same bits: -0 differs from +0, a NaN matches only its own payload.
template <class T>
bool same_bits(T a, T b) {
  return to_bits(a) == to_bits(b);
}

// The spacing of T's numbers at the exact value e (subnormal spacing below
// the normal range, the spacing at T's max above it).
template <class T>
long double ulp_at(long double e) {
  using lim = std::numeric_limits<T>;
  long double a = std::fabs(e);
  if (a < static_cast<long double>(lim::min())) return lim::denorm_min();
  if (a > static_cast<long double>(lim::max())) a = lim::max();
#if defined(__x86_64__) || defined(__i386__)
  static_assert(std::numeric_limits<long double>::digits == 64, "x87 extended long double");
  {
    // x87 extended: the biased exponent is the 15 bits above the 64-bit
    // significand (which has an explicit leading 1). Building 2^k from its
    // bits is ~20x faster than frexpl + ldexpl; the full sweep makes 2^33 calls.
    std::uint16_t exponent;
    std::memcpy(&exponent, reinterpret_cast<const char*>(&a) + 8, sizeof exponent);
    const std::uint16_t ulp_exponent = static_cast<std::uint16_t>(exponent - (lim::digits - 1));
    const std::uint64_t leading_one = std::uint64_t(1) << 63;
    long double u = 0;
    std::memcpy(&u, &leading_one, sizeof leading_one);
    std::memcpy(reinterpret_cast<char*>(&u) + 8, &ulp_exponent, sizeof ulp_exponent);
    return u;
  }
#else
  int exp2 = 0;
  std::frexp(a, &exp2);  // a = m 2^exp2, m in [0.5, 1)
  return std::ldexp(1.0L, exp2 - lim::digits);
#endif
}

// |got - exact| in ulps of T at exact. NaN matches NaN; an infinity matches
// an exact value that rounds to it; anything else against NaN/inf is +inf.
template <class T>
long double ulp_error(T got, long double exact) {
  constexpr long double inf = std::numeric_limits<long double>::infinity();
  if (std::isnan(exact) || std::isnan(got)) return std::isnan(exact) && std::isnan(got) ? 0 : inf;
  if (std::isinf(got)) {
    const long double m = std::numeric_limits<T>::max();
    const bool rounds_to_inf = std::fabs(exact) >= m + ulp_at<T>(m) / 2;
    return rounds_to_inf && std::signbit(got) == std::signbit(exact) ? 0 : inf;
  }
  if (std::isinf(exact)) return inf;
  return std::fabs(static_cast<long double>(got) - exact) / ulp_at<T>(exact);
}

// got is a zero of exact's sign where |exact| is below the smallest normal
// number: the fast tier's allowance (activ::fast).
template <class T>
bool flushed(T got, long double exact) {
  return got == 0 && std::fabs(exact) < std::numeric_limits<T>::min() &&
         std::signbit(got) == std::signbit(exact);
}

// How many points a sweep visits per sign: ACTIV_SWEEP_POINTS or 2^20.
inline std::uint64_t sweep_points() {
  if (const char* s = std::getenv("ACTIV_SWEEP_POINTS")) return std::strtoull(s, nullptr, 10);
  return std::uint64_t(1) << 20;
}

// Calls visit(x) for about `points` finite values of each sign, evenly spaced
// in the integer image of T (so every binade, subnormals included, gets its
// share), with an odd stride so the low mantissa bits vary. 0 and the largest
// finite value are always visited.
template <class T, class Visit>
void sweep(std::uint64_t points, Visit visit) {
  const bits_t<T> top = to_bits(std::numeric_limits<T>::max());
  bits_t<T> stride = static_cast<bits_t<T>>(top / (points ? points : 1)) | 1u;
  for (int sign = 0; sign < 2; ++sign) {
    const bits_t<T> sign_bit = sign ? bits_t<T>(1) << (sizeof(T) * 8 - 1) : 0;
    for (bits_t<T> b = 0; b <= top - stride; b += stride) visit(from_bits<T>(b | sign_bit));
    visit(from_bits<T>(top | sign_bit));
  }
}

}  // namespace activ_test
