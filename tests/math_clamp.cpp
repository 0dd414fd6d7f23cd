// detail::compat::clamp and clamp_above: the bounds the float-in-double
// kernels clamp their arguments with, lane by lane, a NaN argument kept
// (x86's max / min rule, called directly; a select elsewhere).
#include <activ/detail/compat.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "support/catch.hpp"

namespace {

template <class T>
bool same_bits(T a, T b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

template <class T>
void check_clamp() {
  using B = xsimd::batch<T>;
  using L = std::numeric_limits<T>;
  const T lo = T(-700), hi = T(700);
  const std::vector<T> xs = {T(-701),       T(-700),         T(-699.5),      T(-0.0),
                             T(0),          L::denorm_min(), T(1),           T(699.5),
                             T(700),        T(700.5),        L::max(),       L::lowest(),
                             L::infinity(), -L::infinity(),  L::quiet_NaN(), -L::quiet_NaN()};
  // Every value in every lane position, so that a lane mix-up shows.
  for (std::size_t shift = 0; shift < B::size; ++shift) {
    for (std::size_t start = 0; start < xs.size(); start += B::size) {
      alignas(64) T in[B::size], both[B::size], above[B::size];
      for (std::size_t i = 0; i < B::size; ++i) in[i] = xs[(start + i + shift) % xs.size()];
      activ::detail::compat::clamp(B::load_aligned(in), B(lo), B(hi)).store_aligned(both);
      activ::detail::compat::clamp_above(B::load_aligned(in), B(hi)).store_aligned(above);
      for (std::size_t i = 0; i < B::size; ++i) {
        const T x = in[i];
        INFO("x = " << x << ", lane " << i);
        if (std::isnan(x)) {
          CHECK(same_bits(both[i], x));  // the very NaN, sign and payload
          CHECK(same_bits(above[i], x));
        } else {
          CHECK(same_bits(both[i], x < lo ? lo : x > hi ? hi : x));  // -0 stays -0
          CHECK(same_bits(above[i], x > hi ? hi : x));
        }
      }
    }
  }
}

}  // namespace

TEST_CASE("compat::clamp f32 bounds every lane and keeps NaN", "[math][clamp]") {
  check_clamp<float>();
}
TEST_CASE("compat::clamp f64 bounds every lane and keeps NaN", "[math][clamp]") {
  check_clamp<double>();
}
