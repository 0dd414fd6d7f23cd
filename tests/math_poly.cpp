// math::horner and math::estrin (with H leading Horner steps): every
// coefficient lands on its own power of x, in every lane, for the degrees the
// kernels use and around the powers of two where Estrin's tree changes shape;
// and the rounding stays within the textbook bound of a few units of
// sum |c_i x^i|.
#include <activ/math/poly.hpp>
#include <cmath>
#include <cstddef>
#include <limits>
#include <random>
#include <utility>

#include "support/catch.hpp"
#include "support/ulp.hpp"

namespace {

// sum c_i x^i and sum |c_i x^i| in long double.
template <class T, std::size_t N>
std::pair<long double, long double> reference(const T (&c)[N], T x) {
  long double p = 0, a = 0;
  for (std::size_t i = N; i-- > 0;) {
    p = p * x + c[i];
    a = a * std::fabs(static_cast<long double>(x)) + std::fabs(static_cast<long double>(c[i]));
  }
  return {p, a};
}

// Applies eval to a batch of xs, one value per lane, and checks each lane.
template <class T, std::size_t N, class Eval>
void check_lanes(const char* what, const T (&c)[N], const T* xs, std::size_t count, bool exact,
                 Eval eval) {
  using B = xsimd::batch<T>;
  for (std::size_t start = 0; start + B::size <= count; start += B::size) {
    const B x = B::load_unaligned(xs + start);
    alignas(64) T got[B::size];
    eval(x).store_aligned(got);
    for (std::size_t i = 0; i < B::size; ++i) {
      const auto [p, a] = reference(c, xs[start + i]);
      INFO(what << " degree " << N - 1 << ", x = " << xs[start + i] << ", lane " << i);
      if (exact) {
        CHECK(static_cast<long double>(got[i]) == p);
      } else {
        // N - 1 multiply-adds and up to log2 N squarings, each within half an
        // ulp (without FMA a whole one): 2N units of eps * sum |c_i x^i|.
        const long double eps = std::numeric_limits<T>::epsilon();
        CHECK(std::fabs(static_cast<long double>(got[i]) - p) <= 2 * N * eps * a);
      }
    }
  }
}

template <class T, std::size_t N>
void check_degree(std::mt19937_64& g) {
  // Exact: one coefficient 1, the others 0, and x = +-2^-k: the result is x^j
  // exactly, whatever the order of operations, so a coefficient paired with
  // the wrong power (or lane) shows.
  T xs_exact[16];
  for (std::size_t i = 0; i < 16; ++i) xs_exact[i] = std::ldexp(T(i % 2 ? -1 : 1), -int(i / 2 % 4));
  for (std::size_t j = 0; j < N; ++j) {
    T c[N] = {};
    c[j] = T(1);
    check_lanes("horner", c, xs_exact, 16, true, [&](auto x) { return activ::math::horner(x, c); });
    check_lanes("estrin", c, xs_exact, 16, true, [&](auto x) { return activ::math::estrin(x, c); });
    if constexpr (N >= 3) {
      check_lanes("estrin<1>", c, xs_exact, 16, true,
                  [&](auto x) { return activ::math::estrin<1>(x, c); });
    }
    if constexpr (N >= 6) {
      check_lanes("estrin<4>", c, xs_exact, 16, true,
                  [&](auto x) { return activ::math::estrin<4>(x, c); });
    }
  }

  // Rounding: random coefficients of both signs, x in [-1, 1].
  std::uniform_real_distribution<T> u(T(-1), T(1));
  T r[N];
  T xs[256];
  for (int trial = 0; trial < 8; ++trial) {
    for (auto& v : r) v = u(g);
    for (auto& v : xs) v = u(g);
    check_lanes("horner", r, xs, 256, false, [&](auto x) { return activ::math::horner(x, r); });
    check_lanes("estrin", r, xs, 256, false, [&](auto x) { return activ::math::estrin(x, r); });
    if constexpr (N >= 6) {
      check_lanes("estrin<4>", r, xs, 256, false,
                  [&](auto x) { return activ::math::estrin<4>(x, r); });
    }
  }
}

template <class T, std::size_t... N>
void check_degrees(std::index_sequence<N...>) {
  std::mt19937_64 g(11);
  (check_degree<T, N + 2>(g), ...);
}

}  // namespace

TEMPLATE_TEST_CASE("math::horner and math::estrin", "[poly][math]", float, double) {
  // 2 .. 24 coefficients: every shape of Estrin's tree up to the erf tail's 23.
  check_degrees<TestType>(std::make_index_sequence<23>{});
}
