// A pointer and a count as a range (std::span is C++20): misaligned, in-place
// and overlapping arguments for the range-only calls, in tests and the fuzz target.
#pragma once

#include <cstddef>

namespace activ_test {

template <class T>
struct view {
  T* p;
  std::size_t n;
  T* data() const { return p; }
  std::size_t size() const { return n; }
};

}  // namespace activ_test
