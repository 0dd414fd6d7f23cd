// The functor concept (include/activ/functor.hpp) and the fast tier's type
// (include/activ/fast.hpp): on_batch, ACTIV_CALLS_FROM_EVAL, parameters
// declared with their functor, the family bases, and fast<F>'s name, bound,
// kernel choice and composition. The numbers of the fast kernels are the
// battery's (elementwise.cpp); this file checks the plumbing.
#include <activ/activ.hpp>
#include <cmath>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "support/catch.hpp"
#include "support/ulp.hpp"

namespace functor_test {

// A user functor written the way the built-in ones are: one eval.
struct cube {
  static constexpr std::string_view name = "cube";
  static constexpr activ::ulp_bounds accuracy{1, 1, 1, 1};
  double scale = 1;

  static constexpr auto parameters() { return std::array{activ::parameter<&cube::scale>("scale")}; }

  ACTIV_CALLS_FROM_EVAL()

 private:
  template <bool Value, bool Slope, class V>
  auto eval(const V& v) const {
    const V k(static_cast<typename V::value_type>(scale));
    if constexpr (Value && Slope)
      return std::pair<V, V>{k * v * v * v, V(3) * k * v * v};
    else if constexpr (Value)
      return k * v * v * v;
    else
      return V(3) * k * v * v;
  }
};

}  // namespace functor_test

namespace {

using activ_test::same_bits;
using functor_test::cube;

template <class T>
std::vector<T> inputs() {
  std::vector<T> x;
  for (int i = -40; i <= 40; ++i) x.push_back(static_cast<T>(i) / 8);
  return x;
}

}  // namespace

TEST_CASE("on_batch: a lone value through lane 0, a batch straight, pairs as pairs", "[functor]") {
  const auto twice = [](auto v) { return v + v; };
  CHECK(activ::on_batch(1.5f, twice) == 3.0f);
  CHECK(activ::on_batch(-2.0, twice) == -4.0);
  const xsimd::batch<float> b(0.25f);
  CHECK(activ::on_batch(b, twice).get(0) == 0.5f);
  const auto both = activ::on_batch(2.0f, [](auto v) { return std::pair{v * v, v + v}; });
  static_assert(std::is_same_v<decltype(both), const std::pair<float, float>>);
  CHECK(both.first == 4.0f);
  CHECK(both.second == 4.0f);
}

TEST_CASE("ACTIV_CALLS_FROM_EVAL: the three calls and the drivers from one eval", "[functor]") {
  const cube f{2};
  CHECK(f(1.5f) == 6.75f);
  CHECK(f.derivative(-1.0) == 6.0);
  const auto [y, d] = f.value_and_derivative(0.5f);
  CHECK(y == f(0.5f));
  CHECK(d == f.derivative(0.5f));
  STATIC_REQUIRE(activ::has_value_and_derivative<cube>::value);
  const std::vector<float> x = inputs<float>();
  std::vector<float> ys(x.size()), ds(x.size()), y2(x.size()), d2(x.size());
  activ::forward(f, x, ys);
  activ::derivative(f, x, ds);
  activ::forward_with_derivative(f, x, y2, d2);
  for (std::size_t i = 0; i < x.size(); ++i) {
    CHECK(same_bits(ys[i], f(x[i])));
    CHECK(same_bits(y2[i], ys[i]));
    CHECK(same_bits(d2[i], ds[i]));
  }
}

TEST_CASE("parameters are declared with their functor", "[functor]") {
  STATIC_REQUIRE(activ::parameters_of<activ::relu>().empty());
  const auto elu = activ::parameters_of<activ::elu>();
  REQUIRE(elu.size() == 1);
  CHECK(elu[0].name == "alpha");
  CHECK(elu[0].kind == activ::parameter_kind::real);
  activ::elu e;
  elu[0].set(e, 0.5);
  CHECK(e.alpha == 0.5);
  CHECK(elu[0].get(e) == 0.5);

  const auto c = activ::parameters_of<cube>();
  REQUIRE(c.size() == 1);
  CHECK(c[0].get(cube{3}) == 3);

  // softmax_form: a count, a real and a flag.
  const auto sm = activ::parameters_of<activ::softmax>();
  REQUIRE(sm.size() == 3);
  CHECK(sm[0].kind == activ::parameter_kind::count);
  CHECK(sm[2].kind == activ::parameter_kind::flag);

  // glu<G>: cols, gate_first, then the gate's own.
  const auto sw = activ::parameters_of<activ::swiglu>();
  REQUIRE(sw.size() == 3);
  CHECK(sw[2].name == "beta");
  activ::swiglu g;
  sw[2].set(g, 2);
  CHECK(g.gate.beta == 2);

  STATIC_REQUIRE(activ::detail::has_parameters<activ::elu>::value);
  STATIC_REQUIRE(std::is_same_v<activ::detail::member_traits<decltype(&cube::scale)>::owner, cube>);
  // names() reports them as parameter_info.
  for (const auto& info : activ::names())
    if (info.name == "fast_elu") {
      REQUIRE(info.parameters.size() == 1);
      const activ::parameter_info& p = info.parameters[0];
      CHECK(p.name == "alpha");
      CHECK(p.default_value == 1);
    }

  // A user functor with parameters() is selectable through the same entries.
  const activ::parameter_entry<cube> entry = activ::parameter<&cube::scale>("scale");
  CHECK(entry.name == "scale");
}

TEST_CASE("family bases keep their members' defaults and aggregate syntax", "[functor]") {
  // detail::leaky_form
  CHECK(activ::leaky_relu{}.alpha == 0.01);
  CHECK(activ::prelu{}.alpha == 0.25);
  CHECK(activ::prelu{0.1}.alpha == 0.1);
  CHECK(activ::prelu::name == "prelu");
  CHECK(activ::parameters_of<activ::prelu>().size() == 1);
  // detail::shrink_form
  CHECK(activ::hardshrink{0.3}.lambda == 0.3);
  CHECK(activ::softshrink{}.lambda == 0.5);
  CHECK(activ::softshrink{1}(3.0f) == 2.0f);
  CHECK(activ::hardshrink{1}(0.5f) == 0.0f);
  // detail::softmax_form
  CHECK(activ::softmax{7}.cols == 7);
  CHECK(activ::log_softmax{}.temperature == 1);
  STATIC_REQUIRE(activ::detail::is_rowwise_v<activ::log_softmax>);
  STATIC_REQUIRE(activ::detail::has_validate<activ::softmax>::value);
  STATIC_REQUIRE(activ::detail::has_from_output_check<activ::prelu>::value);
}

TEST_CASE("fast<F>: name, bound, kernel choice, composition", "[functor][fast]") {
  using activ::fast;
  // detail::prefixed_name with detail::fast_prefix (and glu_prefix below).
  CHECK(fast<activ::sigmoid>::name == "fast_sigmoid");
  CHECK(fast<activ::sigmoid>::accuracy.forward_f32 == 4);
  CHECK(fast<activ::sigmoid>::accuracy.derivative_f64 == 8);
  STATIC_REQUIRE(activ::detail::has_fast_eval<activ::silu>::value);
  STATIC_REQUIRE_FALSE(activ::detail::has_fast_eval<activ::gelu>::value);
  STATIC_REQUIRE(std::is_same_v<decltype(fast{activ::elu{0.5}}), fast<activ::elu>>);
  CHECK(fast{activ::elu{0.5}}.alpha == 0.5);

  // Without a fast kernel, fast<F> is F: F's bound and F's bits.
  CHECK(fast<activ::gelu>::accuracy.forward_f32 == activ::gelu::accuracy.forward_f32);
  const std::vector<float> x = inputs<float>();
  std::vector<float> a(x.size()), b(x.size());
  activ::forward(activ::gelu{}, x, a);
  activ::forward(fast<activ::gelu>{}, x, b);
  for (std::size_t i = 0; i < x.size(); ++i) CHECK(same_bits(a[i], b[i]));
  // In double every fast<F> runs F's kernel.
  const std::vector<double> xd = inputs<double>();
  std::vector<double> ad(xd.size()), bd(xd.size());
  activ::derivative(activ::tanh{}, xd, ad);
  activ::derivative(fast<activ::tanh>{}, xd, bd);
  for (std::size_t i = 0; i < xd.size(); ++i) CHECK(same_bits(ad[i], bd[i]));

  // The list the tests, benchmark and runtime selection read.
  using list = activ::fast_of<activ::elementwise_activations>::type;
  STATIC_REQUIRE(std::tuple_size_v<list> == 6);
  STATIC_REQUIRE(std::is_same_v<std::tuple_element_t<0, list>, fast<activ::sigmoid>>);

  // A fast gate: glu<fast<silu>> uses the fast kernel for its gate.
  CHECK(activ::glu<fast<activ::silu>>::name == "glu_fast_silu");
  const std::vector<float> gv{-1.0f, 2.0f, 0.5f, 3.0f};  // [gate | value], cols = 2
  std::vector<float> out(2);
  activ::forward(activ::glu<fast<activ::silu>>{2}, gv, out);
  CHECK(same_bits(out[0], fast<activ::silu>{}(-1.0f) * 0.5f));
  CHECK(same_bits(out[1], fast<activ::silu>{}(2.0f) * 3.0f));

  // The selectable set: fast<F> where F has a fast kernel, not elsewhere.
  using variant = activ::activation::variant_type;
  STATIC_REQUIRE(activ::detail::is_alternative_v<fast<activ::tanh>, variant>);
  STATIC_REQUIRE_FALSE(activ::detail::is_alternative_v<fast<activ::gelu>, variant>);
  STATIC_REQUIRE(activ::detail::is_rowwise<activ::swiglu>::value);
  STATIC_REQUIRE_FALSE(activ::detail::is_rowwise<fast<activ::silu>>::value);

  // Runtime selection: "fast_<name>", parameters as F's, printed back.
  const activ::activation r = activ::parse("fast_swish(beta=2)");
  CHECK(r.name() == "fast_swish");
  CHECK(activ::to_string(r) == "fast_swish(beta=2)");
  CHECK(same_bits(r(0.75f), fast<activ::swish>{2}(0.75f)));
}
