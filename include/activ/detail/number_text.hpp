// Numbers as text for activ::parse and activ::to_string, independent of the
// C and C++ locales.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <locale>
#include <sstream>
#include <string>
#include <string_view>

#include "../functor.hpp"

namespace activ::detail {

// The shortest %g-style text that reads back to v exactly: the fewest
// significant digits that round-trip, printed without an exponent when
// 1e-5 <= |v| < 1e15 ("20", "0.2", "1e-06", "1e+20").
inline std::string format_real(double v) {
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  auto print = [](double x, int precision) {
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out.precision(precision);
    out << x;
    return out.str();
  };
  int digits = 1;
  for (; digits < 17; ++digits) {
    std::istringstream in(print(v, digits));
    in.imbue(std::locale::classic());
    double back = 0;
    if (in >> back && back == v) break;
  }
  const double a = std::fabs(v);
  if (a >= 1 && a < 1e15)
    digits = std::max(digits, static_cast<int>(std::floor(std::log10(a))) + 1);
  return print(v, digits);
}

inline std::string format_value(parameter_kind k, double v) {
  if (k == parameter_kind::flag) return v != 0 ? "true" : "false";
  if (k == parameter_kind::count) return std::to_string(static_cast<unsigned long long>(v));
  return format_real(v);
}

// Reads the whole of s as a value of kind k; false when it is not one.
inline bool read_value(parameter_kind k, std::string_view s, double& v) {
  if (k == parameter_kind::flag) {
    if (s != "true" && s != "false") return false;
    v = s == "true" ? 1 : 0;
    return true;
  }
  if (k == parameter_kind::count) {
    if (s.empty() || s.size() > 15) return false;  // 15 digits: exact in a double
    v = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    return true;
  }
  const double inf = std::numeric_limits<double>::infinity();
  if (s == "inf" || s == "+inf" || s == "infinity" || s == "+infinity") return v = inf, true;
  if (s == "-inf" || s == "-infinity") return v = -inf, true;
  if (s.empty() || !(s[0] == '-' || s[0] == '+' || s[0] == '.' || (s[0] >= '0' && s[0] <= '9')))
    return false;  // the stream would skip spaces and accept what C does not
  std::istringstream in{std::string(s)};
  in.imbue(std::locale::classic());
  return (in >> v) && in.peek() == std::char_traits<char>::eof();
}

inline std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace activ::detail
