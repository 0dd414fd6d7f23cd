// The GLU family against long double (the gate's reference from
// support/records.hpp): forward, d_gate and d_value within the gate's bound
// plus the products' roundings; both gate orders (PyTorch's F.glu); lengths
// around the batch width with NaN-prefilled outputs and the scalar bits; in
// place; central differences; names; the error paths.
#include <random>

#include "support/catch.hpp"
#include "support/records.hpp"
#include "support/rowwise.hpp"
#include "support/view.hpp"

namespace {
using namespace activ_test;

// The gate's reference f, f' and the scale f' is measured in (records).
template <class F>
struct gate_ref {
  std::function<ld(ld)> f, df, df_scale;
};
template <class F>
gate_ref<F> gate_reference(const F& g) {
  if constexpr (std::is_same_v<F, activ::identity>) {
    return {[](ld x) { return x; }, [](ld) -> ld { return 1; }, [](ld) -> ld { return 1; }};
  } else {
    const record<F> r = info<F>();
    auto scale = r.df_scale ? std::function<ld(ld)>([r, g](ld x) { return r.df_scale(g, x); })
                            : std::function<ld(ld)>([r, g](ld x) { return std::fabs(r.df(g, x)); });
    return {[r, g](ld x) { return r.f(g, x); }, [r, g](ld x) { return r.df(g, x); }, scale};
  }
}

// The bounds this test enforces and the README states: forward and d_value
// within the gate's forward bound + 1 ulp, d_gate within its derivative
// bound + 1.5 ulp (of |dy v| times the scale f' is measured in).
template <class F, class T>
double forward_bound() {
  return (sizeof(T) == 4 ? F::accuracy.forward_f32 : F::accuracy.forward_f64) + 1;
}
template <class F, class T>
double gate_bound() {
  return (sizeof(T) == 4 ? F::accuracy.derivative_f32 : F::accuracy.derivative_f64) + 1.5;
}

template <class F, class T>
void check_accuracy(const F& gate) {
  const gate_ref<F> ref = gate_reference(gate);
  std::mt19937_64 rng(11);
  const std::size_t cols = 997, rows = 40;
  ld wy = 0, wg = 0, wv = 0;
  for (double spread : {1.0, 4.0, 30.0, 200.0}) {
    std::normal_distribution<double> normal(0, spread);
    std::vector<T> x(2 * cols * rows), y(cols * rows), dy(cols * rows), dx(x.size());
    for (auto& v : x) v = T(normal(rng));
    for (auto& v : dy) v = T(normal(rng));
    const activ::glu<F> f{cols, true, gate};
    activ::forward(f, x, y);
    activ::backward(f, x, y, dy, dx);
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t i = 0; i < cols; ++i) {
        const std::size_t gi = 2 * cols * r + i, vi = gi + cols, yi = cols * r + i;
        const ld g = x[gi], v = x[vi], d = dy[yi];
        const ld fg = ref.f(g), dfg = ref.df(g);
        // In ulps of the result, or of |v| (|dy|) times the smallest normal
        // where F(g) is below the normal range: a subnormal F(g) carries an
        // absolute error of its own ulps, which the product scales.
        const ld tiny = std::numeric_limits<T>::min();
        auto err = [&](T got, ld exact, ld floor) {
          return std::fabs(got - exact) / ulp_at<T>(std::max(std::fabs(exact), floor));
        };
        wy = std::max(wy, err(y[yi], fg * v, std::fabs(v) * tiny));
        wv = std::max(wv, err(dx[vi], d * fg, std::fabs(d) * tiny));
        const ld scale = std::fabs(d * v) * std::max(ref.df_scale(g), tiny);
        wg = std::max(wg, err(dx[gi], d * v * dfg, scale));
      }
  }
  std::printf("%-12s %s forward %.3f, d_value %.3f, d_gate %.3f ulp (bounds %.1f, %.1f, %.1f)\n",
              activ::glu<F>::name.data(), type_name<T>(), double(wy), double(wv), double(wg),
              forward_bound<F, T>(), forward_bound<F, T>(), gate_bound<F, T>());
  INFO(activ::glu<F>::name << ' ' << type_name<T>());
  CHECK(wy <= forward_bound<F, T>());
  CHECK(wv <= forward_bound<F, T>());
  CHECK(wg <= gate_bound<F, T>());
}

// Every length and row count: the scalar formula's bits, guards intact, the
// gate second, in place, and central differences (double).
template <class F, class T>
void check_lengths(const F& gate) {
  const std::size_t W = width<T>();
  std::mt19937 rng(3);
  std::normal_distribution<double> normal(0, 2);
  for (bool gate_first : {true, false})
    for (std::size_t cols = 1; cols <= 3 * W + 1; ++cols)
      for (std::size_t rows : {1u, 3u}) {
        INFO(activ::glu<F>::name << ' ' << type_name<T>() << " cols = " << cols
                                 << " rows = " << rows << " gate_first = " << gate_first);
        const activ::glu<F> f{rows == 1 && cols % 2 ? 0 : cols, gate_first,
                              gate};  // cols 0: one row
        std::vector<T> x(2 * cols * rows), dy(cols * rows);
        for (auto& v : x) v = T(normal(rng));
        for (auto& v : dy) v = T(normal(rng));
        guarded<T> y(cols * rows), dx(x.size());
        activ::forward(f, x, y);
        const std::vector<T> yv(y.data(), y.data() + y.size());
        activ::backward(f, x, yv, dy, dx);
        CHECK(y.guards_intact());
        CHECK(dx.guards_intact());
        // The gate through the element-wise drivers (whose bits the element-wise
        // battery ties to the scalar call), then the products.
        std::vector<T> fx(x.size()), dfx(x.size());
        activ::forward(gate, x, fx);
        activ::derivative(gate, x, dfx);
        for (std::size_t r = 0; r < rows; ++r)
          for (std::size_t i = 0; i < cols; ++i) {
            const std::size_t a = 2 * cols * r + i, b = a + cols, gi = gate_first ? a : b,
                              vi = gate_first ? b : a, yi = cols * r + i;
            const T v = x[vi], d = dy[yi];
            INFO("i = " << i << " g = " << x[gi] << " v = " << v << " dy = " << d);
            REQUIRE(same_bits(y[yi], T(fx[gi] * v)));
            REQUIRE(same_bits(dx[gi], T(T(d * v) * dfx[gi])));
            REQUIRE(same_bits(dx[vi], T(d * fx[gi])));
          }
        std::vector<T> z = x;
        activ::backward(f, z, yv, dy, z);  // dx over x
        for (std::size_t i = 0; i < z.size(); ++i) REQUIRE(same_bits(z[i], dx[i]));
        if constexpr (sizeof(T) == 8) {
          if (cols <= 5) {
            for (std::size_t k = 0; k < x.size(); ++k) {
              std::vector<T> xp = x, xm = x, yp(y.size()), ym(y.size());
              const T h = 1e-6;
              xp[k] += h, xm[k] -= h;
              activ::forward(f, xp, yp);
              activ::forward(f, xm, ym);
              ld num = 0, mag = 0;
              for (std::size_t j = 0; j < yp.size(); ++j)
                num += ld(dy[j]) * (ld(yp[j]) - ym[j]) / (ld(xp[k]) - xm[k]),
                    mag += std::fabs(ld(dy[j]));
              if (std::is_same_v<F, activ::relu> && std::fabs(x[k]) < 1e-3) continue;  // the kink
              REQUIRE(std::fabs(num - dx[k]) <= 1e-6L * (1 + mag));
            }
          }
        }
      }
}

template <class T>
void check_order_and_edges() {
  // gate_first = false is PyTorch's F.glu: first half times sigmoid(second).
  const std::vector<T> x{T(1), T(-2), T(3), T(0.5), T(-1), T(4)};
  std::vector<T> y(3), y2(3);
  activ::forward(activ::glu<>{3, false}, x, y);
  const std::vector<T> swapped{x[3], x[4], x[5], x[0], x[1], x[2]};
  activ::forward(activ::glu<>{3}, swapped, y2);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(same_bits(y[i], y2[i]));
    CHECK(ulp_error(y[i], ld(x[i]) / (1 + std::exp(-ld(x[i + 3])))) <= 2);
  }
  // swish(-inf) = -0, so swiglu(-inf, v) = -0 * v; 0 * inf = NaN.
  const T inf = std::numeric_limits<T>::infinity();
  std::vector<T> e{-inf, T(0), std::numeric_limits<T>::quiet_NaN(), T(2), T(5), inf, T(1), T(1)},
      ye(4);
  activ::forward(activ::swiglu{4}, e, ye);
  CHECK(same_bits(ye[0], T(-0.0) * T(2)));
  CHECK(std::isnan(ye[1]));
  CHECK(std::isnan(ye[2]));
  CHECK(same_bits(ye[3], activ::swish{}(T(2))));
}

template <class T>
void check_errors() {
  std::vector<T> x(12, T(1)), y(6, T(7)), dy(6, T(1)), dx(12, T(7)), odd(7, T(1)), small(5, T(7));
  expect_rejected<T>([&] { activ::forward(activ::swiglu{}, odd, small); }, small,
                     {"activ::forward", "swiglu", "x has 7", "y has 5"});
  expect_rejected<T>([&] { activ::forward(activ::swiglu{}, x, small); }, small,
                     {"x has 12", "y has 5", "2 * y"});
  expect_rejected<T>([&] { activ::forward(activ::geglu{4}, x, y); }, y,
                     {"activ::forward", "geglu", "x has 12", "2 * cols = 8"});
  expect_rejected<T>([&] { activ::backward(activ::reglu{3}, x, y, small, dx); }, dx,
                     {"activ::backward", "dy has 5"});
  expect_rejected<T>([&] { activ::backward(activ::reglu{3}, x, y, dy, y); }, y,
                     {"activ::backward", "dx has 6"});
  // dx starting at dy's address, with another size, is not in place.
  std::vector<T> buf(12, T(3));
  using view = activ_test::view<T>;
  expect_rejected<T>(
      [&] {
        activ::backward(activ::glu<>{3}, x, y, view{buf.data(), 6}, view{buf.data(), 12});
      },
      buf, {"dx shares memory with dy"});
  expect_rejected<T>(
      [&] {
        activ::forward(activ::glu<>{3}, view{buf.data(), 12}, view{buf.data() + 6, 6});
      },
      buf, {"y shares memory with x"});
  expect_rejected<T>(
      [&] {
        activ::forward(activ::glu<activ::celu>{3, true, activ::celu{0}}, x, y);
      },
      y, {"celu", "alpha"});
}

}  // namespace

TEMPLATE_TEST_CASE("GLU family accuracy", "[glu][accuracy]", float, double) {
  check_accuracy<activ::sigmoid, TestType>({});
  check_accuracy<activ::swish, TestType>({});
  check_accuracy<activ::swish, TestType>({2});
  check_accuracy<activ::gelu, TestType>({});
  check_accuracy<activ::gelu_tanh, TestType>({});
  check_accuracy<activ::relu, TestType>({});
  check_accuracy<activ::identity, TestType>({});
}

TEMPLATE_TEST_CASE("GLU family lengths, gate order, in place, central differences",
                   "[glu][lengths]", float, double) {
  check_lengths<activ::sigmoid, TestType>({});
  check_lengths<activ::swish, TestType>({});
  check_lengths<activ::gelu, TestType>({});
  check_lengths<activ::gelu_tanh, TestType>({});
  check_lengths<activ::relu, TestType>({});
  check_lengths<activ::identity, TestType>({});
}

TEMPLATE_TEST_CASE("GLU gate order and edges", "[glu][special]", float, double) {
  check_order_and_edges<TestType>();
}

TEMPLATE_TEST_CASE("GLU rejects bad calls before writing", "[glu][errors]", float, double) {
  check_errors<TestType>();
}

TEST_CASE("GLU names and aliases", "[glu]") {
  static_assert(std::is_same_v<decltype(activ::glu{4}), activ::glu<activ::sigmoid>>);
  static_assert(std::is_same_v<activ::swiglu, activ::glu<activ::swish>>);
  CHECK(activ::glu<>::name == "glu");
  CHECK(activ::swiglu::name == "swiglu");
  CHECK(activ::geglu::name == "geglu");
  CHECK(activ::geglu_tanh::name == "geglu_tanh");
  CHECK(activ::reglu::name == "reglu");
  CHECK(activ::bilinear::name == "bilinear");
  CHECK(activ::glu<activ::mish>::name == "glu_mish");
  CHECK(std::string(activ::glu<activ::mish>::name.data()) == "glu_mish");  // NUL-terminated
}
