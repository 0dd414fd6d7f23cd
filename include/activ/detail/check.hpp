// The drivers' arguments: what a range is, and the checks every call makes
// before it writes anything (sizes, null pointers, overlap), each failure
// reported through detail::fail as "activ::<call>: <what>".
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <utility>

#include "error.hpp"
#include "simd.hpp"

namespace activ::detail {

// ---- ranges --------------------------------------------------------------------

// A contiguous range: r.data() and r.size().
template <class R, class = void>
struct is_contiguous_range : std::false_type {};
template <class R>
struct is_contiguous_range<
    R, std::void_t<decltype(std::declval<R&>().data()), decltype(std::declval<R&>().size())>>
    : std::is_pointer<decltype(std::declval<R&>().data())> {};
template <class... R>
inline constexpr bool are_ranges_v = (is_contiguous_range<std::remove_reference_t<R>>::value &&
                                      ...);

template <class R>
using range_value_t = std::remove_cv_t<std::remove_pointer_t<decltype(std::declval<R&>().data())>>;

template <class R>
inline auto data_of(R& r) {
  static_assert(!std::is_const_v<std::remove_pointer_t<decltype(r.data())>>,
                "activ: an output argument must be a writable range");
  return r.data();
}

template <class T>
inline void require_real() {
  static_assert(is_real_v<T>, "activ: the array drivers take ranges of float or double");
}

// ---- failures ------------------------------------------------------------------

[[noreturn]] inline void fail(const char* call, const std::string& what) {
  raise(std::string("activ::") + call + ": " + what);
}

inline std::string count(std::size_t n) { return std::to_string(n); }

// One argument of a driver call, with the name used in error messages.
template <class T>
struct arg {
  const char* name;
  T* data;
  std::size_t size;
};

// "x has 10 elements"
template <class T>
inline std::string has(const arg<T>& a) {
  return std::string(a.name) + " has " + count(a.size) + " elements";
}

// Every size equals the first one's, or: "x has 10 elements but y has 9 and
// d has 8", naming each one that differs.
inline void same_sizes(const char* call,
                       std::initializer_list<std::pair<const char*, std::size_t>> sizes) {
  const auto& first = *sizes.begin();
  std::string what;
  for (const auto& [name, n] : sizes)
    if (n != first.second)
      what += (what.empty() ? " but " : " and ") + std::string(name) + " has " + count(n);
  if (!what.empty())
    fail(call, std::string(first.first) + " has " + count(first.second) + " elements" + what);
}

// a and b share memory but do not start at the same address. Compared
// through std::less, which is a total order on pointers.
template <class T, class U>
inline bool overlap_partially(const arg<T>& a, const arg<U>& b) {
  const void* a0 = a.data;
  const void* b0 = b.data;
  if (a.size == 0 || b.size == 0 || a0 == b0) return false;
  std::less<const void*> lt;
  const void* a1 = a.data + a.size;
  const void* b1 = b.data + b.size;
  return lt(a0, b1) && lt(b0, a1);
}

// No argument is a null pointer with elements.
template <class T, std::size_t I, std::size_t O>
void not_null(const char* call, const std::array<arg<const T>, I>& ins,
              const std::array<arg<T>, O>& outs) {
  const auto one = [&](const char* name, const void* p, std::size_t n) {
    if (p == nullptr && n != 0)
      fail(call, std::string(name) + " is null but has " + count(n) + " elements");
  };
  for (const auto& a : ins) one(a.name, a.data, a.size);
  for (const auto& a : outs) one(a.name, a.data, a.size);
}

// The element-wise drivers' rule, for arguments of one size: no null
// pointer with elements; an output may alias an input exactly, never
// partially, and outputs share no memory with each other.
template <class T, std::size_t I, std::size_t O>
void check(const char* call, const std::array<arg<const T>, I>& ins,
           const std::array<arg<T>, O>& outs) {
  not_null(call, ins, outs);
  for (std::size_t o = 0; o < O; ++o) {
    for (const auto& a : ins)
      if (overlap_partially(outs[o], a))
        fail(call, std::string(outs[o].name) + " partially overlaps " + a.name +
                       " (in place needs the very same range)");
    for (std::size_t p = o + 1; p < O; ++p)
      if (outs[o].size != 0 &&
          (outs[o].data == outs[p].data || overlap_partially(outs[o], outs[p])))
        fail(call, std::string(outs[o].name) + " and " + outs[p].name + " share memory");
  }
}

}  // namespace activ::detail
