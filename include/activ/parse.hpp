// activ::parse, activ::to_string and activ::names: runtime selection by text.
//
//   activ::activation a = activ::parse("leaky_relu(alpha=0.2)");
//   activ::to_string(a) == "leaky_relu(alpha=0.2)"
//   for (const auto& i : activ::names()) puts(i.signature.c_str());  // "elu(alpha=1)", ...
//
// Grammar (spaces allowed around every token):
//   name | name() | name(param=value, param=value, ...)
// Parameters are the functor's public members, by their member names
// (threshold's cut-off is `theta`), each at most once, in any order; the
// others keep their defaults. Values: real numbers in C syntax ("0.2",
// "-1", "1e-3", "inf", "-inf"; never NaN; read in the "C" locale), counts
// as decimal digits (softmax's cols, maxout's pieces), flags as true or
// false. The glu family takes cols, gate_first and its gate's parameters
// (swiglu(beta=2) sets the gate's swish beta). parse() then runs the
// functor's validate(). Every failure throws std::invalid_argument (built
// with -fno-exceptions: calls ACTIV_ERROR_HANDLER, see detail/error.hpp)
// with the message `activ::parse("<text>"): <what>`, where <what> names the
// problem (unknown activation or parameter, bad number, missing
// parenthesis, parameter given twice, out of range) and lists what is valid.
//
// to_string(a) prints the name and the parameters that differ from their
// defaults, each as the shortest decimal that reads back to the same double,
// so parse(to_string(a)) == a for every a that validates.
//
#pragma once

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "activation.hpp"
#include "detail/number_text.hpp"

namespace activ {

struct parameter_info {
  std::string_view name;
  parameter_kind kind;
  double default_value;  // a count or flag (0/1) as a double
};

struct activation_info {
  std::string_view name;
  bool rowwise;
  std::vector<parameter_info> parameters;
  std::string signature;  // the name with every parameter at its default: "elu(alpha=1)"
};

namespace detail {

// ---- parse -------------------------------------------------------------------
[[noreturn]] inline void parse_error(std::string_view text, const std::string& what) {
  fail(("parse(\"" + std::string(text) + "\")").c_str(), what);  // "activ::parse(\"...\"): what"
}

template <class F>
std::string parameter_list(const F& f, bool all) {
  std::string s;
  const F defaults{};
  for (const auto& p : activ::parameters_of<F>()) {
    if (!all && p.get(f) == p.get(defaults)) continue;
    s += (s.empty() ? "" : ", ") + std::string(p.name) + "=" + format_value(p.kind, p.get(f));
  }
  return s;
}

template <class F>
std::string signature(const F& f, bool all) {
  const std::string p = parameter_list(f, all);
  return std::string(F::name) + (p.empty() ? "" : "(" + p + ")");
}

inline std::string valid_names();

// The functor's own parameter checks: validate() where it has one; for a
// row-wise functor without it (maxout, glu), a forward call on empty ranges,
// which checks the parameters before anything else.
template <class F>
void validate_parameters(const F& f) {
  if constexpr (has_validate<F>::value)
    f.validate();
  else if constexpr (is_rowwise_v<F>)
    f.template forward_rows<xsimd::default_arch, float>(nullptr, 0, nullptr, 0);
}

// validate_parameters, its message prefixed with the text parsed (and
// "activ::forward: " dropped). Built without exceptions, the error handler
// gets the functor's own message (detail/error.hpp).
template <class F>
void validate_parsed(std::string_view text, const F& f) {
#if !defined(ACTIV_HAS_EXCEPTIONS) || ACTIV_HAS_EXCEPTIONS
  try {
    validate_parameters(f);
  } catch (const std::invalid_argument& e) {
    std::string_view m = e.what();
    const std::string_view forward = "activ::forward: ";
    if (m.substr(0, forward.size()) == forward) m.remove_prefix(forward.size());
    parse_error(text, std::string(m) + "; defaults: " + signature(F{}, true));
  }
#else
  (void)text;
  validate_parameters(f);
#endif
}

// Sets F's parameters from the text between the parentheses, then validates.
template <class F>
activation parse_parameters(std::string_view text, std::string_view args) {
  F f{};
  constexpr auto table = activ::parameters_of<F>();
  std::array<bool, table.size()> seen{};
  const std::string takes = table.empty() ? std::string(F::name) + " takes no parameters"
                                          : "valid: " + signature(F{}, true);
  // "name()" has no items; "name(a=1,)" has an empty one after the comma.
  for (bool more = !trim(args).empty(); more;) {
    const std::size_t comma = args.find(',');
    const std::string_view item = trim(args.substr(0, comma));
    more = comma != std::string_view::npos;
    if (more) args = args.substr(comma + 1);
    if (item.empty()) parse_error(text, "empty parameter between commas; " + takes);
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos)
      parse_error(text, "expected name=value, got \"" + std::string(item) + "\"; " + takes);
    const std::string_view key = trim(item.substr(0, eq)), value = trim(item.substr(eq + 1));
    std::size_t k = 0;
    while (k < table.size() && table[k].name != key) ++k;
    if (k == table.size())
      parse_error(text, "unknown parameter \"" + std::string(key) + "\" for " +
                            std::string(F::name) + "; " + takes);
    if (seen[k]) parse_error(text, "parameter " + std::string(key) + " given twice");
    seen[k] = true;
    double v = 0;
    if (!read_value(table[k].kind, value, v))
      parse_error(text, std::string(key) + " = \"" + std::string(value) + "\" is not " +
                            (table[k].kind == parameter_kind::real    ? "a number"
                             : table[k].kind == parameter_kind::count ? "a whole number >= 0"
                                                                      : "true or false") +
                            "; " + takes);
    table[k].set(f, v);
  }
  validate_parsed(text, f);
  return activation(f);
}

template <std::size_t... I>
activation parse_by_name(std::string_view text, std::string_view name, std::string_view args,
                         std::index_sequence<I...>) {
  using V = selectable_variant;
  activation result;
  const bool found =
      ((std::variant_alternative_t<I, V>::name == name
            ? (result = parse_parameters<std::variant_alternative_t<I, V>>(text, args), true)
            : false) ||
       ...);
  if (!found)
    parse_error(text, (name.empty() ? std::string("no activation name")
                                    : "unknown activation \"" + std::string(name) + "\"") +
                          "; valid names: " + valid_names());
  return result;
}

}  // namespace detail

// ---- parse, to_string, names ------------------------------------------------------
inline activation parse(std::string_view text) {
  const std::string_view t = detail::trim(text);
  const std::size_t open = t.find('('), close = t.find(')');
  if (open == std::string_view::npos && close != std::string_view::npos)
    detail::parse_error(text, "')' without '('");
  std::string_view args;
  if (open != std::string_view::npos) {
    if (close == std::string_view::npos) detail::parse_error(text, "missing ')' at the end");
    if (close != t.size() - 1)
      detail::parse_error(text,
                          "unexpected \"" + std::string(t.substr(close + 1)) + "\" after ')'");
    if (t.find('(', open + 1) != std::string_view::npos)
      detail::parse_error(text, "more than one '('");
    args = t.substr(open + 1, close - open - 1);
  }
  const std::string_view name = detail::trim(t.substr(0, open));
  return detail::parse_by_name(
      text, name, args, std::make_index_sequence<std::variant_size_v<activation::variant_type>>());
}

inline std::string to_string(const activation& a) {
  return a.visit([](const auto& g) { return detail::signature(g, false); });
}

inline std::vector<activation_info> names() {
  std::vector<activation_info> out;
  auto add = [&](auto tag) {
    using F = typename decltype(tag)::type;
    activation_info info{F::name, detail::is_rowwise_v<F>, {}, detail::signature(F{}, true)};
    for (const auto& p : activ::parameters_of<F>())
      info.parameters.push_back({p.name, p.kind, p.get(F{})});
    out.push_back(std::move(info));
  };
  std::apply([&](auto... f) { (add(detail::type_tag<decltype(f)>{}), ...); }, detail::selectable{});
  return out;
}

inline std::string detail::valid_names() {
  std::string s;
  for (const auto& i : names()) s += (s.empty() ? "" : ", ") + std::string(i.name);
  return s;
}

}  // namespace activ
