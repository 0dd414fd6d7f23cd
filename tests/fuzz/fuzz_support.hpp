// What the fuzz target's parts share: reading the input bytes, failing loudly,
// comparing bits, and a range over raw memory (for misaligned and in-place
// arguments of the range-only row-wise calls).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "../support/view.hpp"

namespace activ_fuzz {

struct reader {
  const std::uint8_t* p;
  std::size_t n;
  std::uint8_t byte() { return n ? (--n, *p++) : 0; }
  template <class T>
  T raw() {
    T v{};
    unsigned char b[sizeof(T)] = {};
    for (auto& c : b) c = byte();
    std::memcpy(&v, b, sizeof v);
    return v;
  }
};

[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz_drivers: %s\n", what.c_str());
  std::abort();
}

template <class T>
bool same_bits(T a, T b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// For a value computed here by another expression: the same bits, or NaN for
// NaN (which operand's payload a product keeps is the compiler's choice).
template <class T>
bool same_value(T a, T b) {
  return same_bits(a, b) || (a != a && b != b);
}

using activ_test::view;

}  // namespace activ_fuzz
