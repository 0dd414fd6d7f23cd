// Helpers shared by the row-wise tests (tests/rowwise_*.cpp): bit
// comparison, NaN-prefilled outputs with guard elements, the error-path
// check, and a compensated long double sum for the references.
#pragma once

#include <activ/activ.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "catch.hpp"
#include "ulp.hpp"

namespace activ_test {

using ld = long double;

template <class T>
const char* type_name() {
  return sizeof(T) == 4 ? "f32" : "f64";
}

template <class T>
std::size_t width() {
  return xsimd::batch<T>::size;
}

// Kahan-Babuska sum in long double: the references for rows of 32000.
struct ld_sum {
  ld s = 0, c = 0;
  void add(ld v) {
    const ld t = s + v;
    c += std::fabs(s) >= std::fabs(v) ? (s - t) + v : (v - t) + s;
    s = t;
  }
  ld get() const { return s + c; }
};

// An output buffer: `guard` sentinels, n NaNs, `guard` sentinels.
template <class T>
struct guarded {
  static constexpr std::size_t guard = 3;
  std::vector<T> buf;
  std::size_t n;
  explicit guarded(std::size_t count) : buf(count + 2 * guard, T(-12345.5)), n(count) {
    std::fill(buf.begin() + guard, buf.begin() + guard + n, std::numeric_limits<T>::quiet_NaN());
  }
  T* data() { return buf.data() + guard; }
  const T* data() const { return buf.data() + guard; }
  std::size_t size() const { return n; }
  T operator[](std::size_t i) const { return buf[guard + i]; }
  bool guards_intact() const {
    for (std::size_t i = 0; i < guard; ++i)
      if (!same_bits(buf[i], T(-12345.5)) || !same_bits(buf[guard + n + i], T(-12345.5)))
        return false;
    return true;
  }
};

// Runs `call`, expects std::invalid_argument whose message contains every
// piece, and checks that `out` was not touched.
template <class T, class Call>
void expect_rejected(Call call, const std::vector<T>& out,
                     std::initializer_list<const char*> pieces) {
  const std::vector<T> before = out;
  bool thrown = false;
  try {
    call();
  } catch (const std::invalid_argument& e) {
    thrown = true;
    const std::string msg = e.what();
    INFO("message: " << msg);
    for (const char* p : pieces) CHECK(msg.find(p) != std::string::npos);
  }
  CHECK(thrown);
  for (std::size_t i = 0; i < out.size(); ++i) CHECK(same_bits(out[i], before[i]));
}

// The worst error seen, with a note of where.
struct worst {
  ld err = 0;
  std::string where;
  void see(ld e, const std::string& w) {
    if (e > err || std::isnan(e)) err = e, where = w;
  }
};

}  // namespace activ_test
