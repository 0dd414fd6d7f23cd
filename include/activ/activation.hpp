// Runtime selection: an activation chosen by name, from a configuration file
// or a command line, used with the same array drivers as a functor.
//
//   activ::activation a = activ::parse("leaky_relu(alpha=0.2)");
//   activ::forward(a, x, y);                 // one std::visit, then the SIMD kernel
//   activ::backward(a, x, dy, dx);
//   activ::to_string(a) == "leaky_relu(alpha=0.2)"
//   for (const auto& i : activ::names()) puts(i.signature.c_str());  // "elu(alpha=1)", ...
//
// activation holds one functor in a std::variant built from the type list
// elementwise_activations plus the row-wise ones below, so a name is written
// once, as F::name. Every driver call (forward, derivative, backward with 4
// or 5 arguments, backward_from_output, forward_with_derivative; ranges or
// pointer + count) visits once and runs the functor's own kernel: the bits
// are the functor's, the per-element cost is the functor's. a(x) and
// a.derivative(x) on one float or double visit once per value.
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
// Row-wise members (softmax, log_softmax, maxout, glu, swiglu, geglu,
// geglu_tanh, reglu, bilinear) take forward(a, x, y) and backward(a, x, y,
// dy, dx) on ranges; the element-wise-only calls throw std::invalid_argument
// for them at run time (a functor would not compile). prelu_channels is not
// selectable: its slopes are the caller's memory, not parameters.
// activation{} is relu, the first element-wise activation.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <locale>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

// activ.hpp includes this header at its end, after everything this one uses.
#include "activ.hpp"

namespace activ {

// What kind of value a parameter holds: a double, a std::size_t or a bool.
enum class parameter_kind { real, count, flag };

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

// ---- the parameter table -----------------------------------------------------
// One entry per public parameter: its name, kind, and a getter and setter
// through a double (exact for every double, for counts below 2^53 and flags).
template <class F>
struct param_entry {
  std::string_view name;
  parameter_kind kind;
  double (*get)(const F&);
  void (*set)(F&, double);
};

template <class M>
struct member_traits;
template <class C, class T>
struct member_traits<T C::*> {
  using owner = C;
  using type = T;
};

template <class T>
constexpr parameter_kind kind_of() {
  static_assert(
      std::is_same_v<T, double> || std::is_same_v<T, std::size_t> || std::is_same_v<T, bool>,
      "activ::activation: a parameter is a double, a std::size_t or a bool");
  return std::is_same_v<T, double> ? parameter_kind::real
         : std::is_same_v<T, bool> ? parameter_kind::flag
                                   : parameter_kind::count;
}

// The entry for data member P (&leaky_relu::alpha), called `name`.
template <auto P>
constexpr auto field(std::string_view name) {
  using C = typename member_traits<decltype(P)>::owner;
  using T = typename member_traits<decltype(P)>::type;
  return param_entry<C>{name, kind_of<T>(), [](const C& f) { return static_cast<double>(f.*P); },
                        [](C& f, double v) { f.*P = static_cast<T>(v); }};
}

// A functor's parameters. A functor without data members has none; any other
// must be listed below, or this static_assert names it.
template <class F>
struct param_table {
  static_assert(std::is_empty_v<F>,
                "activ::activation: this functor has data members; list its "
                "parameters in detail::param_table (activation.hpp)");
  static constexpr std::array<param_entry<F>, 0> list{};
};

#define ACTIV_PARAMS(F, ...)                       \
  template <>                                      \
  struct param_table<F> {                          \
    static constexpr std::array list{__VA_ARGS__}; \
  }
ACTIV_PARAMS(swish, field<&swish::beta>("beta"));
ACTIV_PARAMS(leaky_relu, field<&leaky_relu::alpha>("alpha"));
ACTIV_PARAMS(prelu, field<&prelu::alpha>("alpha"));
ACTIV_PARAMS(rrelu, field<&rrelu::lower>("lower"), field<&rrelu::upper>("upper"));
ACTIV_PARAMS(hardtanh, field<&hardtanh::min_val>("min_val"), field<&hardtanh::max_val>("max_val"));
ACTIV_PARAMS(hardsigmoid, field<&hardsigmoid::alpha>("alpha"), field<&hardsigmoid::beta>("beta"));
ACTIV_PARAMS(threshold, field<&threshold::theta>("theta"), field<&threshold::value>("value"));
ACTIV_PARAMS(hardshrink, field<&hardshrink::lambda>("lambda"));
ACTIV_PARAMS(softshrink, field<&softshrink::lambda>("lambda"));
ACTIV_PARAMS(elu, field<&elu::alpha>("alpha"));
ACTIV_PARAMS(celu, field<&celu::alpha>("alpha"));
ACTIV_PARAMS(softplus, field<&softplus::beta>("beta"), field<&softplus::threshold>("threshold"));
ACTIV_PARAMS(softmax, field<&softmax::cols>("cols"), field<&softmax::temperature>("temperature"),
             field<&softmax::zero_masked_rows>("zero_masked_rows"));
ACTIV_PARAMS(log_softmax, field<&log_softmax::cols>("cols"),
             field<&log_softmax::temperature>("temperature"),
             field<&log_softmax::zero_masked_rows>("zero_masked_rows"));
ACTIV_PARAMS(maxout, field<&maxout::pieces>("pieces"));
#undef ACTIV_PARAMS

// glu<G>: cols, gate_first, then the gate's own parameters, reached through f.gate.
template <class G, std::size_t I>
constexpr param_entry<glu<G>> gate_field() {
  return {param_table<G>::list[I].name, param_table<G>::list[I].kind,
          [](const glu<G>& f) { return param_table<G>::list[I].get(f.gate); },
          [](glu<G>& f, double v) { param_table<G>::list[I].set(f.gate, v); }};
}
template <class G, std::size_t... I>
constexpr auto glu_fields(std::index_sequence<I...>) {
  return std::array<param_entry<glu<G>>, 2 + sizeof...(I)>{field<&glu<G>::cols>("cols"),
                                                           field<&glu<G>::gate_first>("gate_first"),
                                                           gate_field<G, I>()...};
}
template <class G>
struct param_table<glu<G>> {
  static constexpr auto list =
      glu_fields<G>(std::make_index_sequence<param_table<G>::list.size()>());
};

// ---- the selectable functors ------------------------------------------------
using selectable_rowwise = std::tuple<softmax, log_softmax, maxout, glu<sigmoid>, swiglu, geglu,
                                      geglu_tanh, reglu, bilinear>;

template <class L>
struct variant_of;
template <class... F>
struct variant_of<std::tuple<F...>> {
  using type = std::variant<F...>;
};
using selectable_variant = typename variant_of<decltype(std::tuple_cat(
    std::declval<elementwise_activations>(), std::declval<selectable_rowwise>()))>::type;

// An element-wise functor's members are all double parameters: its size
// tells whether the table lists every one of them.
template <class... F>
constexpr bool tables_complete(std::tuple<F...>*) {
  return ((std::is_empty_v<F> || sizeof(F) == param_table<F>::list.size() * sizeof(double)) && ...);
}
static_assert(
    tables_complete(static_cast<elementwise_activations*>(nullptr)),
    "activ::activation: an element-wise functor has a parameter missing from param_table");

template <std::size_t... I>
constexpr bool names_unique(std::index_sequence<I...>) {
  constexpr std::array<std::string_view, sizeof...(I)> n{
      std::variant_alternative_t<I, selectable_variant>::name...};
  for (std::size_t a = 0; a < n.size(); ++a)
    for (std::size_t b = a + 1; b < n.size(); ++b)
      if (n[a] == n[b]) return false;
  return true;
}
static_assert(names_unique(std::make_index_sequence<std::variant_size_v<selectable_variant>>()),
              "activ::activation: two selectable functors share a name");

template <class F, class V>
struct is_alternative;
template <class F, class... G>
struct is_alternative<F, std::variant<G...>> : std::bool_constant<(std::is_same_v<F, G> || ...)> {};
template <class F, class V>
inline constexpr bool is_alternative_v = is_alternative<F, V>::value;

template <class F>
struct type_tag {
  using type = F;
};

}  // namespace detail

// ---- the value type ----------------------------------------------------------
class activation {
 public:
  using variant_type = detail::selectable_variant;

  activation() = default;  // relu
  template <class F, class = std::enable_if_t<detail::is_alternative_v<F, variant_type>>>
  activation(const F& f)
      : f_(std::in_place_type<F>, f) {}  // NOLINT: implicit, like the functor itself

  // Calls v(functor) once, with the functor's own type.
  template <class Visitor>
  decltype(auto) visit(Visitor&& v) const {
    return std::visit(std::forward<Visitor>(v), f_);
  }

  std::string_view name() const {
    return visit([](const auto& g) { return std::decay_t<decltype(g)>::name; });
  }
  bool rowwise() const {
    return visit([](const auto& g) { return detail::is_rowwise_v<std::decay_t<decltype(g)>>; });
  }
  // True when backward_from_output accepts this activation with these parameters.
  bool has_derivative_from_output() const {
    return visit([](const auto& g) {
      using G = std::decay_t<decltype(g)>;
      if constexpr (detail::is_rowwise_v<G>)
        return false;
      else
        return detail::derivative_from_output_valid(g);
    });
  }

  const variant_type& functor() const { return f_; }
  template <class F>
  const F* get_if() const {
    return std::get_if<F>(&f_);
  }

  // One value (float or double): one dispatch per call; arrays go through the drivers.
  template <class T>
  T operator()(T x) const {
    return scalar<T, false>(x);
  }
  template <class T>
  T derivative(T x) const {
    return scalar<T, true>(x);
  }

  friend bool operator==(const activation& a, const activation& b);
  friend bool operator!=(const activation& a, const activation& b) { return !(a == b); }

 private:
  template <class T, bool D>
  T scalar(T x) const {
    static_assert(detail::is_real_v<T>, "activ::activation: a(x) takes one float or double");
    return visit([&](const auto& g) -> T {
      using G = std::decay_t<decltype(g)>;
      if constexpr (detail::is_rowwise_v<G>) {
        detail::fail(D ? "activation::derivative" : "activation::operator()",
                     std::string(G::name) + " is row-wise: it has no value for one number");
      } else if constexpr (D) {
        return g.derivative(x);
      } else {
        return g(x);
      }
    });
  }

  variant_type f_;
};

inline bool operator==(const activation& a, const activation& b) {
  if (a.f_.index() != b.f_.index()) return false;
  return a.visit([&](const auto& g) {
    using G = std::decay_t<decltype(g)>;
    const G& h = *b.get_if<G>();
    for (const auto& p : detail::param_table<G>::list)
      if (!(p.get(g) == p.get(h))) return false;
    return true;
  });
}

namespace detail {

// ---- numbers as text, independent of the C and C++ locales -----------------
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

// ---- parse -------------------------------------------------------------------
[[noreturn]] inline void parse_error(std::string_view text, const std::string& what) {
  fail(("parse(\"" + std::string(text) + "\")").c_str(), what);  // "activ::parse(\"...\"): what"
}

template <class F>
std::string parameter_list(const F& f, bool all) {
  std::string s;
  const F defaults{};
  for (const auto& p : param_table<F>::list) {
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
  const auto& table = param_table<F>::list;
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
    for (const auto& p : detail::param_table<F>::list)
      info.parameters.push_back({p.name, p.kind, p.get(F{})});
    out.push_back(std::move(info));
  };
  std::apply([&](auto... f) { (add(detail::type_tag<decltype(f)>{}), ...); },
             std::tuple_cat(elementwise_activations{}, detail::selectable_rowwise{}));
  return out;
}

inline std::string detail::valid_names() {
  std::string s;
  for (const auto& i : names()) s += (s.empty() ? "" : ", ") + std::string(i.name);
  return s;
}

// ---- the drivers on an activation: one visit per call ------------------------
namespace detail {
[[noreturn]] inline void rowwise_refused(const char* call, std::string_view name) {
  fail(call, std::string(name) +
                 " is row-wise: it takes forward(f, x, y) and backward(f, x, y, dy, dx) on ranges");
}

// Visits a and calls run(g) for an element-wise functor g; refuses row-wise ones.
template <class Run>
void visit_elementwise(const char* call, const activation& a, Run run) {
  a.visit([&](const auto& g) {
    using G = std::decay_t<decltype(g)>;
    if constexpr (is_rowwise_v<G>)
      rowwise_refused(call, G::name);
    else
      run(g);
  });
}

// backward_from_output on g, or the error its functor would give at compile time.
template <class Run>
void visit_from_output(const activation& a, Run run) {
  visit_elementwise("backward_from_output", a, [&](const auto& g) {
    using G = std::decay_t<decltype(g)>;
    if constexpr (has_derivative_from_output_v<G>)
      run(g);
    else
      fail("backward_from_output", std::string(G::name) +
                                       "'s derivative is not a function of its output; "
                                       "use backward(f, x, dy, dx)");
  });
}
}  // namespace detail

template <class A = xsimd::default_arch, class T>
void forward(const activation& a, const T* x, T* y, std::size_t n) {
  detail::visit_elementwise("forward", a, [&](const auto& g) { activ::forward<A>(g, x, y, n); });
}
template <class A = xsimd::default_arch, class T>
void derivative(const activation& a, const T* x, T* d, std::size_t n) {
  detail::visit_elementwise("derivative", a,
                            [&](const auto& g) { activ::derivative<A>(g, x, d, n); });
}
template <class A = xsimd::default_arch, class T>
void backward(const activation& a, const T* x, const T* dy, T* dx, std::size_t n) {
  detail::visit_elementwise("backward", a,
                            [&](const auto& g) { activ::backward<A>(g, x, dy, dx, n); });
}
template <class A = xsimd::default_arch, class T>
void backward_from_output(const activation& a, const T* y, const T* dy, T* dx, std::size_t n) {
  detail::visit_from_output(
      a, [&](const auto& g) { activ::backward_from_output<A>(g, y, dy, dx, n); });
}
template <class A = xsimd::default_arch, class T>
void forward_with_derivative(const activation& a, const T* x, T* y, T* d, std::size_t n) {
  detail::visit_elementwise("forward_with_derivative", a, [&](const auto& g) {
    activ::forward_with_derivative<A>(g, x, y, d, n);
  });
}

template <class A = xsimd::default_arch, class X, class Y,
          class = std::enable_if_t<detail::are_ranges_v<X, Y>>>
void forward(const activation& a, const X& x, Y&& y) {
  a.visit([&](const auto& g) { activ::forward<A>(g, x, y); });  // row-wise ones too
}
template <class A = xsimd::default_arch, class X, class D,
          class = std::enable_if_t<detail::are_ranges_v<X, D>>>
void derivative(const activation& a, const X& x, D&& d) {
  detail::visit_elementwise("derivative", a, [&](const auto& g) { activ::derivative<A>(g, x, d); });
}
template <class A = xsimd::default_arch, class X, class DY, class DX,
          class = std::enable_if_t<detail::are_ranges_v<X, DY, DX>>>
void backward(const activation& a, const X& x, const DY& dy, DX&& dx) {
  detail::visit_elementwise("backward", a,
                            [&](const auto& g) { activ::backward<A>(g, x, dy, dx); });
}
template <class A = xsimd::default_arch, class X, class Y, class DY, class DX,
          class = std::enable_if_t<detail::are_ranges_v<X, Y, DY, DX>>>
void backward(const activation& a, const X& x, const Y& y, const DY& dy, DX&& dx) {
  a.visit([&](const auto& g) { activ::backward<A>(g, x, y, dy, dx); });  // row-wise ones too
}
template <class A = xsimd::default_arch, class Y, class DY, class DX,
          class = std::enable_if_t<detail::are_ranges_v<Y, DY, DX>>>
void backward_from_output(const activation& a, const Y& y, const DY& dy, DX&& dx) {
  detail::visit_from_output(a,
                            [&](const auto& g) { activ::backward_from_output<A>(g, y, dy, dx); });
}
template <class A = xsimd::default_arch, class X, class Y, class D,
          class = std::enable_if_t<detail::are_ranges_v<X, Y, D>>>
void forward_with_derivative(const activation& a, const X& x, Y&& y, D&& d) {
  detail::visit_elementwise("forward_with_derivative", a,
                            [&](const auto& g) { activ::forward_with_derivative<A>(g, x, y, d); });
}

}  // namespace activ
