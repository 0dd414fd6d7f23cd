// Runtime selection (include/activ/activation.hpp): names(), parse and
// to_string round trips for every selectable activation with its defaults
// and with every parameter changed, every parse error and its message, and
// dispatch through an activation giving the functor's bits in every driver,
// over lengths around the batch width, pointer and range forms, in place.
#include <activ/activ.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "support/catch.hpp"
#include "support/ulp.hpp"

namespace {

using activ::activation;
using V = activation::variant_type;

// Calls fn(F{}) for every selectable functor type F, in the variant's order.
template <class Fn, std::size_t... I>
void each_functor(Fn fn, std::index_sequence<I...>) {
  (fn(std::variant_alternative_t<I, V>{}), ...);
}
template <class Fn>
void each_functor(Fn fn) {
  each_functor(fn, std::make_index_sequence<std::variant_size_v<V>>());
}

// The message of the std::invalid_argument that fn throws, or "" if none.
template <class Fn>
std::string thrown(Fn fn) {
  try {
    fn();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

std::string parse_error(const std::string& text) {
  return thrown([&] { (void)activ::parse(text); });
}

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (activ_test::to_bits(a[i]) != activ_test::to_bits(b[i])) return false;
  return true;
}

// A changed, still valid value for every parameter of F, found by trying a
// few candidates through parse (which validates); "" when none is valid.
template <class F>
std::string changed_parameters(const F& defaults) {
  std::string out;
  for (const auto& p : activ::parameters_of<F>()) {
    const double d = p.get(defaults);
    std::vector<std::string> candidates;
    if (p.kind == activ::parameter_kind::flag) candidates = {d != 0 ? "false" : "true"};
    if (p.kind == activ::parameter_kind::count)
      candidates = {std::to_string(static_cast<long>(d) + 3)};
    if (p.kind == activ::parameter_kind::real)
      for (double c : {d + 0.1, d - 0.1, d * 0.7})  // 0.1 and 0.7: not dyadic, to test the printing
        candidates.push_back(activ::detail::format_real(c));
    std::string chosen;
    for (const auto& c : candidates) {
      const std::string item = std::string(p.name) + "=" + c;
      if (parse_error(std::string(F::name) + "(" + out + (out.empty() ? "" : ", ") + item + ")")
              .empty()) {
        chosen = item;
        break;
      }
    }
    if (chosen.empty()) return "";
    out += (out.empty() ? "" : ", ") + chosen;
  }
  return out;
}

TEST_CASE("names() lists every selectable activation once, with its defaults", "[activation]") {
  const auto all = activ::names();
  REQUIRE(all.size() == std::variant_size_v<V>);
  std::size_t i = 0;
  each_functor([&](auto f) {
    using F = decltype(f);
    const auto& info = all[i++];
    INFO(F::name);
    CHECK(info.name == F::name);
    CHECK(info.rowwise == activ::detail::is_rowwise_v<F>);
    REQUIRE(info.parameters.size() == activ::parameters_of<F>().size());
    for (std::size_t k = 0; k < info.parameters.size(); ++k) {
      const auto entry = activ::parameters_of<F>()[k];
      CHECK(info.parameters[k].name == entry.name);
      CHECK(info.parameters[k].default_value == entry.get(F{}));
    }
    // The signature states every default, and parses back to F{}.
    CHECK(activ::parse(info.signature) == activation(F{}));
    CHECK((info.parameters.empty() ? info.signature == std::string(F::name)
                                   : info.signature.find('=') != std::string::npos));
  });
  // Every element-wise functor is there, and the ones named in the issue.
  for (const char* n :
       {"relu", "leaky_relu", "gelu_tanh", "softplus", "celu", "threshold", "softmax", "swiglu"}) {
    bool found = false;
    for (const auto& a : all) found = found || a.name == n;
    CHECK(found);
  }
  CHECK(all.size() >= std::tuple_size_v<activ::elementwise_activations>);
}

TEST_CASE("defaults: parse(name) is F{} and to_string gives the bare name back", "[activation]") {
  each_functor([](auto f) {
    using F = decltype(f);
    const std::string name(F::name);
    INFO(name);
    const activation a = activ::parse(name);
    CHECK(a == activation(f));
    CHECK(a.get_if<F>() != nullptr);
    CHECK(a.name() == F::name);
    CHECK(a.rowwise() == activ::detail::is_rowwise_v<F>);
    CHECK(activ::to_string(a) == name);
    CHECK(activ::parse(name + "()") == a);
    CHECK(activ::parse("  " + name + " (  ) ") == a);
  });
}

TEST_CASE("non-defaults: every parameter changed round-trips through to_string", "[activation]") {
  each_functor([](auto f) {
    using F = decltype(f);
    if (activ::parameters_of<F>().empty()) return;
    const std::string params = changed_parameters(f);
    INFO(F::name << "(" << params << ")");
    REQUIRE(!params.empty());
    const std::string text = std::string(F::name) + "(" + params + ")";
    const activation a = activ::parse(text);
    CHECK(a != activation(f));
    CHECK(activ::to_string(a) == text);  // table order, shortest decimals
    CHECK(activ::parse(activ::to_string(a)) == a);
    // Each parameter alone differs from the defaults, and only in itself.
    for (const auto& p : activ::parameters_of<F>()) {
      const std::size_t at = params.find(std::string(p.name) + "=");
      REQUIRE(at != std::string::npos);
      const std::string item = params.substr(at, params.find(", ", at) - at);
      const activation one = activ::parse(std::string(F::name) + "(" + item + ")");
      CHECK(activ::to_string(one) == std::string(F::name) + "(" + item + ")");
      CHECK(p.get(*one.template get_if<F>()) == p.get(*a.template get_if<F>()));
    }
  });
}

TEST_CASE("parse sets the members the headers name, to the values given", "[activation]") {
  CHECK(activ::parse("leaky_relu(alpha=0.2)") == activation(activ::leaky_relu{0.2}));
  CHECK(activ::parse("softplus(beta=2, threshold=10)") == activation(activ::softplus{2, 10}));
  CHECK(activ::parse("softplus(threshold=10, beta=2)") == activation(activ::softplus{2, 10}));
  CHECK(activ::parse("threshold(theta=0.5, value=-1)") == activation(activ::threshold{0.5, -1}));
  CHECK(activ::parse("hardtanh(min_val=-2, max_val=3)") == activation(activ::hardtanh{-2, 3}));
  CHECK(activ::parse("hardsigmoid(alpha=0.25, beta=0.125)") ==
        activation(activ::hardsigmoid{0.25, 0.125}));
  CHECK(activ::parse("rrelu(lower=0.1, upper=0.3)") == activation(activ::rrelu{0.1, 0.3}));
  CHECK(activ::parse("swish(beta=1.5)") == activation(activ::swish{1.5}));
  CHECK(activ::parse("hardshrink(lambda=2)") == activation(activ::hardshrink{2}));
  CHECK(activ::parse("softshrink(lambda=0)") == activation(activ::softshrink{0}));
  CHECK(activ::parse("elu(alpha=-0.5)") == activation(activ::elu{-0.5}));
  CHECK(activ::parse("celu(alpha=3)") == activation(activ::celu{3}));
  CHECK(activ::parse("prelu(alpha=-1e-3)") == activation(activ::prelu{-1e-3}));
  CHECK(activ::parse("softmax(cols=8, temperature=0.5, zero_masked_rows=true)") ==
        activation(activ::softmax{8, 0.5, true}));
  CHECK(activ::parse("log_softmax(cols=3)") == activation(activ::log_softmax{3}));
  CHECK(activ::parse("maxout(pieces=3)") == activation(activ::maxout{3}));
  CHECK(activ::parse("swiglu(cols=4, gate_first=false, beta=2)") ==
        activation(activ::swiglu{4, false, activ::swish{2}}));
  CHECK(activ::parse("geglu(cols=16)") == activation(activ::geglu{16}));
  // Values in every accepted spelling, and their canonical text.
  CHECK(activ::to_string(activ::parse("leaky_relu(alpha=+.2)")) == "leaky_relu(alpha=0.2)");
  CHECK(activ::to_string(activ::parse("elu(alpha=1e-6)")) == "elu(alpha=1e-06)");
  CHECK(activ::to_string(activ::parse("elu(alpha=1E20)")) == "elu(alpha=1e+20)");
  CHECK(activ::to_string(activ::parse("elu(alpha=123456.75)")) == "elu(alpha=123456.75)");
  CHECK(activ::to_string(activ::parse("softplus(threshold=30)")) == "softplus(threshold=30)");
  CHECK(activ::to_string(activ::parse("hardtanh(min_val=-inf, max_val=infinity)")) ==
        "hardtanh(min_val=-inf, max_val=inf)");
  CHECK(activ::to_string(activ::parse("rrelu(lower=0.1)")) == "rrelu(lower=0.1)");
  CHECK(activ::to_string(activ::parse("\tleaky_relu ( alpha = 0.2 )\n")) ==
        "leaky_relu(alpha=0.2)");
  CHECK(activ::to_string(activ::leaky_relu{0.2}) == "leaky_relu(alpha=0.2)");
  CHECK(activ::to_string(activ::leaky_relu{1.0 / 3}) == "leaky_relu(alpha=0.3333333333333333)");
  CHECK(activ::parse(activ::to_string(activ::leaky_relu{1.0 / 3})) ==
        activation(activ::leaky_relu{1.0 / 3}));
  CHECK(activ::to_string(activ::leaky_relu{0.01}) == "leaky_relu");
  // A value equal to the default is not printed: the equivalent string.
  CHECK(activ::to_string(activ::parse("elu(alpha=1.0)")) == "elu");
}

TEST_CASE("every parse error throws std::invalid_argument naming the problem and what is valid",
          "[activation]") {
  struct error_case {
    const char* text;
    std::vector<std::string> parts;  // all must appear in the message
  };
  const std::vector<error_case> cases = {
      // unknown name: quoted, and every valid name listed
      {"leaky_rel(alpha=0.2)",
       {"activ::parse(\"leaky_rel(alpha=0.2)\"): unknown activation \"leaky_rel\"",
        "valid names: relu, sigmoid", "leaky_relu", "gelu_tanh", "softmax", "swiglu"}},
      {"ReLU", {"unknown activation \"ReLU\"", "valid names: relu"}},
      {"", {"no activation name", "valid names: relu"}},
      {"   ", {"no activation name"}},
      {"(alpha=1)", {"no activation name"}},
      // unknown parameter: quoted, and the valid ones with defaults
      {"leaky_relu(beta=1)",
       {"unknown parameter \"beta\" for leaky_relu", "valid: leaky_relu(alpha=0.01)"}},
      {"relu(alpha=1)", {"unknown parameter \"alpha\" for relu", "relu takes no parameters"}},
      {"threshold(threshold=1)",
       {"unknown parameter \"threshold\"", "valid: threshold(theta=0, value=0)"}},
      {"swiglu(alpha=1)", {"valid: swiglu(cols=0, gate_first=true, beta=1)"}},
      // bad numbers
      {"elu(alpha=x)", {"alpha = \"x\" is not a number", "valid: elu(alpha=1)"}},
      {"elu(alpha=)", {"alpha = \"\" is not a number"}},
      {"elu(alpha=0.5.5)", {"alpha = \"0.5.5\" is not a number"}},
      {"elu(alpha=1e400)", {"alpha = \"1e400\" is not a number"}},
      {"elu(alpha=nan)", {"alpha = \"nan\" is not a number"}},
      {"elu(alpha=0x1p-3)", {"alpha = \"0x1p-3\" is not a number"}},
      {"elu(alpha=1 2)", {"alpha = \"1 2\" is not a number"}},
      {"softmax(cols=2.5)", {"cols = \"2.5\" is not a whole number >= 0"}},
      {"softmax(cols=-1)", {"cols = \"-1\" is not a whole number >= 0"}},
      {"maxout(pieces=1e3)", {"pieces = \"1e3\" is not a whole number >= 0"}},
      {"softmax(zero_masked_rows=1)", {"zero_masked_rows = \"1\" is not true or false"}},
      // malformed
      {"elu(alpha=1", {"missing ')' at the end"}},
      {"elu(", {"missing ')' at the end"}},
      {"elu alpha=1)", {"')' without '('"}},
      {"elu(alpha=1))", {"unexpected \")\" after ')'"}},
      {"elu(alpha=1) x", {"unexpected \" x\" after ')'"}},
      {"elu((alpha=1)", {"more than one '('"}},
      {"elu(alpha)", {"expected name=value, got \"alpha\"", "valid: elu(alpha=1)"}},
      {"elu(1)", {"expected name=value, got \"1\""}},
      {"elu(alpha=1,)", {"empty parameter between commas"}},
      {"elu(,alpha=1)", {"empty parameter between commas"}},
      {"elu(alpha=1, alpha=2)", {"parameter alpha given twice"}},
      // out of range: the functor's own validate() message, and the defaults
      {"celu(alpha=0)",
       {"activ::parse(\"celu(alpha=0)\"): ", "alpha must not be 0", "defaults: celu(alpha=1)"}},
      {"celu(alpha=inf)", {"alpha must be finite"}},
      {"softplus(beta=0)",
       {"beta must be finite and not 0", "defaults: softplus(beta=1, threshold=20)"}},
      {"leaky_relu(alpha=-inf)", {"alpha must be finite"}},
      {"hardtanh(min_val=2)", {"min_val must not exceed max_val"}},
      {"rrelu(lower=0.5)", {"lower must not exceed upper"}},
      {"hardsigmoid(alpha=0)", {"alpha must be positive and finite"}},
      {"hardshrink(lambda=-1)", {"lambda must be >= 0"}},
      {"softmax(temperature=0)", {"temperature must be finite and > 0"}},
      {"log_softmax(temperature=-1)", {"temperature must be finite and > 0"}},
      {"maxout(pieces=0)", {"pieces must be at least 1", "defaults: maxout(pieces=2)"}},
  };
  for (const auto& c : cases) {
    const std::string m = parse_error(c.text);
    INFO("parse(\"" << c.text << "\") threw: " << m);
    REQUIRE(!m.empty());
    CHECK(m.rfind(std::string("activ::parse(\"") + c.text + "\"): ", 0) == 0);
    for (const auto& p : c.parts) CHECK(m.find(p) != std::string::npos);
  }
}

TEST_CASE("the activation value: default, conversion, comparison, queries", "[activation]") {
  const activation none;
  CHECK(none == activation(activ::relu{}));
  CHECK(none.name() == "relu");
  const activation a = activ::leaky_relu{0.2};
  CHECK(a.get_if<activ::leaky_relu>()->alpha == 0.2);
  CHECK(a.get_if<activ::relu>() == nullptr);
  CHECK(a != activation(activ::leaky_relu{0.3}));
  CHECK(a != activation(activ::prelu{0.2}));  // same parameters, another function
  CHECK(activation(activ::swish{}) != activation(activ::silu{}));
  CHECK(a.has_derivative_from_output());
  CHECK(!activation(activ::leaky_relu{-1}).has_derivative_from_output());
  CHECK(!activation(activ::gelu{}).has_derivative_from_output());
  CHECK(!activation(activ::softmax{}).has_derivative_from_output());
  CHECK(activation(activ::softmax{}).rowwise());
  CHECK(!a.rowwise());
  CHECK(a.visit([](const auto& g) { return std::string(g.name); }) == "leaky_relu");
  // One number: the functor's bits.
  for (float x : {-3.f, -0.f, 0.5f, 7.f}) {
    CHECK(activ_test::to_bits(a(x)) == activ_test::to_bits(activ::leaky_relu{0.2}(x)));
    CHECK(activ_test::to_bits(a.derivative(double(x))) ==
          activ_test::to_bits(activ::leaky_relu{0.2}.derivative(double(x))));
  }
  CHECK(thrown([] { (void)activation(activ::softmax{})(1.f); }).find("softmax is row-wise") !=
        std::string::npos);
}

// Inputs: a spread of ordinary values, then the IEEE specials.
template <class T>
std::vector<T> inputs(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> normal(0, 4);
  const T special[] = {T(0),
                       T(-0.0),
                       std::numeric_limits<T>::infinity(),
                       -std::numeric_limits<T>::infinity(),
                       std::numeric_limits<T>::quiet_NaN(),
                       std::numeric_limits<T>::denorm_min(),
                       T(-1e30),
                       T(88.5),
                       T(-104)};
  std::vector<T> x(n);
  for (std::size_t i = 0; i < n; ++i)
    x[i] = i % 7 == 3 ? special[(i / 7) % 9] : static_cast<T>(normal(rng));
  return x;
}

// Every driver through the activation against the same driver on the functor, bit for bit.
template <class T, class F>
void check_dispatch(const F& f, std::size_t n) {
  const activation a = f;
  const std::vector<T> x = inputs<T>(n, static_cast<unsigned>(n)),
                       dy = inputs<T>(n, static_cast<unsigned>(n + 99));
  const T nan = std::numeric_limits<T>::quiet_NaN();
  auto fresh = [&] { return std::vector<T>(n, nan); };
  std::vector<T> want = fresh(), got = fresh(), want2 = fresh(), got2 = fresh();

  activ::forward(f, x, want), activ::forward(a, x, got);
  CHECK(same_bits(want, got));
  got = fresh(), activ::forward(a, x.data(), got.data(), n);
  CHECK(same_bits(want, got));
  got = x, activ::forward(a, got, got);  // in place
  CHECK(same_bits(want, got));
  const std::vector<T> y = want;

  activ::derivative(f, x, want), got = fresh(), activ::derivative(a, x, got);
  CHECK(same_bits(want, got));
  got = fresh(), activ::derivative(a, x.data(), got.data(), n);
  CHECK(same_bits(want, got));

  activ::backward(f, x, dy, want), got = fresh(), activ::backward(a, x, dy, got);
  CHECK(same_bits(want, got));
  got = fresh(), activ::backward(a, x.data(), dy.data(), got.data(), n);
  CHECK(same_bits(want, got));
  got = fresh(), activ::backward(a, x, y, dy, got);
  CHECK(same_bits(want, got));

  activ::forward_with_derivative(f, x, want, want2);
  got = fresh(), got2 = fresh(), activ::forward_with_derivative(a, x, got, got2);
  CHECK((same_bits(want, got) && same_bits(want2, got2)));
  got = fresh(), got2 = fresh(),
  activ::forward_with_derivative(a, x.data(), got.data(), got2.data(), n);
  CHECK((same_bits(want, got) && same_bits(want2, got2)));

  if constexpr (activ::has_derivative_from_output_v<F>) {
    if (activ::detail::derivative_from_output_valid(f)) {
      activ::backward_from_output(f, y, dy, want), got = fresh(),
                                                   activ::backward_from_output(a, y, dy, got);
      CHECK(same_bits(want, got));
      got = fresh(), activ::backward_from_output(a, y.data(), dy.data(), got.data(), n);
      CHECK(same_bits(want, got));
      return;
    }
  }
  got = fresh();
  const std::string m = thrown([&] { activ::backward_from_output(a, y, dy, got); });
  CHECK(m.find("activ::backward_from_output: " + std::string(F::name)) == 0);
  CHECK(m.find("use backward(f, x, dy, dx)") != std::string::npos);
  CHECK(same_bits(got, fresh()));
}

TEMPLATE_TEST_CASE("an activation runs every driver with its functor's bits", "[activation]", float,
                   double) {
  using T = TestType;
  constexpr std::size_t W = xsimd::batch<T>::size;
  const std::size_t lengths[] = {0, 1, W - 1, W, W + 1, 2 * W + 3, 4 * W, 257};
  each_functor([&](auto f) {
    using F = decltype(f);
    if constexpr (!activ::detail::is_rowwise_v<F>) {
      const std::string changed = changed_parameters(f);
      const activation g =
          activ::parse(std::string(F::name) + (changed.empty() ? "" : "(" + changed + ")"));
      for (std::size_t n : lengths) {
        INFO(F::name << ", n = " << n);
        check_dispatch<T>(f, n);
        INFO(activ::to_string(g));
        check_dispatch<T>(*g.get_if<F>(), n);
      }
    }
  });
}

TEMPLATE_TEST_CASE("row-wise activations: forward and the five-argument backward dispatch",
                   "[activation]", float, double) {
  using T = TestType;
  const std::vector<T> x = inputs<T>(24, 5), dy_full = inputs<T>(24, 6);
  auto same = [&](const auto& f, std::size_t ny) {
    INFO(activ::to_string(f));
    const activation a = f;
    const T nan = std::numeric_limits<T>::quiet_NaN();
    std::vector<T> xf(x);
    for (auto& v : xf)
      v = std::isfinite(v) ? v : T(0.5);  // finite rows, so the values are compared
    const std::vector<T> dy(dy_full.begin(), dy_full.begin() + static_cast<std::ptrdiff_t>(ny));
    std::vector<T> want(ny, nan), got(ny, nan), dwant(x.size(), nan), dgot(x.size(), nan);
    activ::forward(f, xf, want), activ::forward(a, xf, got);
    CHECK(same_bits(want, got));
    activ::backward(f, xf, want, dy, dwant), activ::backward(a, xf, got, dy, dgot);
    CHECK(same_bits(dwant, dgot));
    // The element-wise-only calls refuse it, before writing.
    std::vector<T> out(x.size(), nan), out2(x.size(), nan);
    const std::string rowwise = std::string(a.name()) + " is row-wise";
    CHECK(thrown([&] { activ::derivative(a, xf, out); }).find(rowwise) != std::string::npos);
    CHECK(thrown([&] { activ::backward(a, xf, xf, out); }).find(rowwise) != std::string::npos);
    CHECK(thrown([&] { activ::backward_from_output(a, xf, xf, out); }).find(rowwise) !=
          std::string::npos);
    CHECK(thrown([&] { activ::forward_with_derivative(a, xf, out, out2); }).find(rowwise) !=
          std::string::npos);
    CHECK(thrown([&] { activ::forward(a, xf.data(), out.data(), out.size()); }).find(rowwise) !=
          std::string::npos);
    CHECK((same_bits(out, std::vector<T>(x.size(), nan)) && same_bits(out2, out)));
  };
  same(activ::softmax{6}, 24);
  same(activ::softmax{8, 0.5, true}, 24);
  same(activ::log_softmax{4}, 24);
  same(activ::maxout{3}, 8);
  same(activ::glu<>{6}, 12);
  same(activ::swiglu{4, false, activ::swish{2}}, 12);
  same(activ::geglu{3}, 12);
  same(activ::reglu{}, 12);
}

TEST_CASE("an activation keeps the drivers' checks: sizes, overlap, parameters", "[activation]") {
  std::vector<float> x(10, 1.f), y(9, 7.f), d(10, 7.f);
  const activation a = activ::parse("elu");
  CHECK(thrown([&] { activ::forward(a, x, y); }) ==
        "activ::forward: x has 10 elements but y has 9");
  CHECK(y == std::vector<float>(9, 7.f));
  CHECK(thrown([&] { activ::forward(a, x.data(), x.data() + 1, 9); }).find("partially overlaps") !=
        std::string::npos);
  CHECK(thrown([&] { activ::forward_with_derivative(a, x, d, d); }).find("share memory") !=
        std::string::npos);
  // A functor with bad parameters, converted without parse: the drivers still validate.
  const activation bad = activ::celu{0};
  CHECK(thrown([&] { activ::forward(bad, x, d); }).find("alpha must not be 0") !=
        std::string::npos);
  CHECK(d == std::vector<float>(10, 7.f));
  // From-output refused for these parameters by the functor's own check.
  std::vector<float> dy(10, 1.f);
  CHECK(thrown([&] {
          activ::backward_from_output(activation(activ::leaky_relu{-1}), x, dy, d);
        }).find("has no derivative from its output") != std::string::npos);
}

}  // namespace
