// maxout and prelu_channels: exact results against a plain loop (groups and
// channels of every size around the batch width, NaN, +-inf, ties, -0),
// NaN-prefilled outputs, in place, finite differences for maxout, slope
// gradients against a straightforward long double loop and the same bits for
// every SIMD width (the sum order is fixed), and the error paths.
#include <random>

#include "support/catch.hpp"
#include "support/rowwise.hpp"

namespace {
using namespace activ_test;

template <class T>
void check_maxout() {
  const T inf = std::numeric_limits<T>::infinity(), nan = std::numeric_limits<T>::quiet_NaN();
  std::mt19937 rng(17);
  std::uniform_int_distribution<int> small(-3, 3);  // many ties
  std::uniform_int_distribution<int> special(0, 40);
  for (std::size_t pieces = 1; pieces <= width<T>() + 2; ++pieces)
    for (std::size_t groups : {1u, 2u, 7u, 33u}) {
      INFO(type_name<T>() << " pieces = " << pieces << " groups = " << groups);
      const activ::maxout f{pieces};
      std::vector<T> x(pieces * groups), dy(groups);
      for (auto& v : x) {
        const int s = special(rng);
        v = s == 0 ? nan : s == 1 ? inf : s == 2 ? -inf : s == 3 ? T(-0.0) : T(small(rng));
      }
      for (auto& v : dy) v = T(small(rng)) + T(0.5);
      guarded<T> y(groups), dx(x.size());
      activ::forward(f, x, y);
      const std::vector<T> yv(y.data(), y.data() + groups);
      activ::backward(f, x, yv, dy, dx);
      CHECK(y.guards_intact());
      CHECK(dx.guards_intact());
      for (std::size_t u = 0; u < groups; ++u) {
        // The first NaN, else the first maximum.
        std::size_t k = pieces;
        for (std::size_t j = 0; j < pieces && k == pieces; ++j)
          if (std::isnan(x[u * pieces + j])) k = j;
        if (k == pieces) {
          k = 0;
          for (std::size_t j = 1; j < pieces; ++j)
            if (x[u * pieces + j] > x[u * pieces + k]) k = j;
        }
        REQUIRE(same_bits(y[u], x[u * pieces + k]));
        for (std::size_t j = 0; j < pieces; ++j)
          REQUIRE(same_bits(dx[u * pieces + j], j == k ? dy[u] : T(0)));
      }
      std::vector<T> z = x;
      activ::backward(f, z, yv, dy, z);  // dx over x
      for (std::size_t i = 0; i < z.size(); ++i) REQUIRE(same_bits(z[i], dx[i]));
    }
  // Finite differences where the maximum is unique.
  std::normal_distribution<double> normal(0, 1);
  std::vector<T> x(60), y(20), dy(20), dx(60);
  for (auto& v : x) v = T(normal(rng));
  for (auto& v : dy) v = T(normal(rng));
  const activ::maxout f{3};
  activ::backward(f, x, y, dy, dx);
  for (std::size_t k = 0; k < x.size(); ++k) {
    std::vector<T> xp = x, xm = x, yp(20), ym(20);
    const T h = T(1) / 1024;  // exact steps; far below the gaps between normal draws here
    xp[k] += h, xm[k] -= h;
    activ::forward(f, xp, yp);
    activ::forward(f, xm, ym);
    ld num = 0;
    for (std::size_t u = 0; u < 20; ++u) num += ld(dy[u]) * (ld(yp[u]) - ym[u]) / (2 * ld(h));
    CHECK(std::fabs(num - dx[k]) <= 1e-5L * (1 + std::fabs(ld(dx[k]))));
  }
}

template <class T>
void check_maxout_errors() {
  std::vector<T> x(10, T(1)), y(3, T(7)), y5(5, T(7)), dy(3, T(1)), dx(10, T(7)), dx9(9, T(7));
  expect_rejected<T>([&] { activ::forward(activ::maxout{3}, x, y); }, y,
                     {"activ::forward", "maxout", "x has 10", "y has 3", "pieces = 3"});
  expect_rejected<T>([&] { activ::forward(activ::maxout{0}, x, y5); }, y5,
                     {"maxout", "pieces", "0"});
  expect_rejected<T>([&] { activ::backward(activ::maxout{2}, x, y5, dy, dx); }, dx,
                     {"activ::backward", "dy has 3"});
  expect_rejected<T>([&] { activ::backward(activ::maxout{2}, x, y5, y5, dx9); }, dx9,
                     {"activ::backward", "dx has 9"});
  std::vector<T> none;
  activ::forward(activ::maxout{4}, none, none);
}

// The slope gradient by a straightforward loop in long double.
template <class T>
std::vector<ld> slope_reference(const std::vector<T>& x, const std::vector<T>& dy,
                                std::size_t channels, std::size_t inner) {
  std::vector<ld> g(channels, 0);
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!(x[i] > 0)) g[(i / inner) % channels] += ld(x[i]) * dy[i];
  return g;
}

template <class T>
void check_prelu() {
  const T inf = std::numeric_limits<T>::infinity();
  std::mt19937 rng(23);
  std::normal_distribution<double> normal(0, 2);
  const std::size_t W = width<T>();
  ld worst = 0;
  for (std::size_t channels : {std::size_t(1), std::size_t(3), W - 1, W + 1, std::size_t(70)})
    for (std::size_t inner : {std::size_t(1), std::size_t(2), W, 3 * W + 1})
      for (std::size_t outer : {1u, 5u}) {
        INFO(type_name<T>() << " channels = " << channels << " inner = " << inner
                            << " outer = " << outer);
        std::vector<T> slopes(channels), x(outer * channels * inner), dy(x.size());
        for (auto& v : slopes) v = T(normal(rng) / 4);
        slopes[0] = T(0);
        for (auto& v : x) v = T(normal(rng));
        for (auto& v : dy) v = T(normal(rng));
        x[0] = -inf;
        if (x.size() > 2) x[2] = T(-0.0);
        const activ::prelu_channels<T> f(slopes, inner);
        guarded<T> y(x.size()), dx(x.size()), ds(channels);
        activ::forward(f, x, y);
        const std::vector<T> yv(y.data(), y.data() + y.size());
        activ::backward(f, x, yv, dy, dx, ds);
        CHECK(y.guards_intact());
        CHECK(dx.guards_intact());
        CHECK(ds.guards_intact());
        for (std::size_t i = 0; i < x.size(); ++i) {
          const T a = slopes[(i / inner) % channels];
          const T want = x[i] > 0 ? x[i] : (a == 0 && x[i] == -inf ? T(-0.0) : T(a * x[i]));
          REQUIRE(same_bits(y[i], want));
          REQUIRE(same_bits(dx[i], T(dy[i] * (x[i] > 0 ? T(1) : a))));
        }
        // The five-argument backward gives the same dx.
        guarded<T> dx5(x.size());
        activ::backward(f, x, yv, dy, dx5);
        for (std::size_t i = 0; i < x.size(); ++i) REQUIRE(same_bits(dx5[i], dx[i]));
        // The slope gradient: NaN for channel 0 (x = -inf with dy finite
        // gives -inf, so check the others), within 1 ulp of the exact sum
        // or of 2^-50 / 2^-100 of sum |x dy|.
        const std::vector<ld> g = slope_reference(x, dy, channels, inner);
        std::vector<ld> mag(channels, 0);
        for (std::size_t i = 0; i < x.size(); ++i)
          if (!(x[i] > 0)) mag[(i / inner) % channels] += std::fabs(ld(x[i]) * dy[i]);
        CHECK(same_bits(ds[0], T(g[0])));  // +-inf
        for (std::size_t c = 1; c < channels; ++c) {
          const ld allowed = ulp_at<T>(g[c]) + mag[c] * (sizeof(T) == 4 ? 0x1p-50L : 0x1p-100L);
          worst = std::max(worst, std::fabs(ds[c] - g[c]) / allowed);
          REQUIRE(std::fabs(ds[c] - g[c]) <= allowed);
        }
        // In place: y over x, dx over x, dx over dy.
        std::vector<T> z = x;
        activ::forward(f, z, z);
        for (std::size_t i = 0; i < z.size(); ++i) REQUIRE(same_bits(z[i], y[i]));
        z = x;
        std::vector<T> ds2(channels);
        activ::backward(f, z, yv, dy, z, ds2);
        for (std::size_t i = 0; i < z.size(); ++i) REQUIRE(same_bits(z[i], dx[i]));
        for (std::size_t c = 0; c < channels; ++c) REQUIRE(same_bits(ds2[c], ds[c]));
        z = dy;
        activ::backward(f, x, yv, z, z, ds2);
        for (std::size_t i = 0; i < z.size(); ++i) REQUIRE(same_bits(z[i], dx[i]));
          // Any SIMD width gives the same slope gradient (SSE2 here; the
          // default build may be AVX-512).
#if XSIMD_WITH_SSE2
        std::vector<T> ds_sse(channels), dx_sse(x.size());
        activ::backward<xsimd::sse2>(f, x, yv, dy, dx_sse, ds_sse);
        for (std::size_t c = 0; c < channels; ++c) REQUIRE(same_bits(ds_sse[c], ds[c]));
        for (std::size_t i = 0; i < x.size(); ++i) REQUIRE(same_bits(dx_sse[i], dx[i]));
#endif
      }
  std::printf("prelu_channels %s slope gradient at %.3f of its allowance\n", type_name<T>(),
              double(worst));
}

template <class T>
void check_prelu_errors() {
  std::vector<T> slopes{T(0.1), T(0.2), T(0.3)}, x(12, T(-1)), y(12, T(7)), y11(11, T(7)),
      dy(12, T(1)), dx(12, T(7)), ds(3, T(7)), ds2(2, T(7));
  const activ::prelu_channels<T> f(slopes, 2);
  expect_rejected<T>([&] { activ::forward(activ::prelu_channels<T>(slopes, 5), x, y); }, y,
                     {"activ::forward", "prelu_channels", "x has 12", "channels * inner = 3 * 5"});
  expect_rejected<T>([&] { activ::forward(f, x, y11); }, y11, {"activ::forward", "y has 11", "12"});
  expect_rejected<T>([&] { activ::forward(activ::prelu_channels<T>(slopes.data(), 0), x, y); }, y,
                     {"channels = 0"});
  expect_rejected<T>([&] { activ::backward(f, x, y, dy, dx, ds2); }, dx,
                     {"activ::backward", "dslopes has 2", "3"});
  expect_rejected<T>([&] { activ::backward(f, x, y, dy, dx, slopes); }, dx,
                     {"dslopes shares memory with slopes"});
  std::vector<T> xs(3, T(-1)), ys(3), dys(3, T(1)), dxs(3, T(7));
  const activ::prelu_channels<T> f3(slopes);
  expect_rejected<T>([&] { activ::backward(f3, xs, ys, dys, dxs, xs); }, xs,
                     {"dslopes shares memory with x"});
  expect_rejected<T>([&] { activ::backward(f3, xs, ys, dys, dxs, dxs); }, dxs,
                     {"dslopes shares memory with dx"});
}

}  // namespace

TEMPLATE_TEST_CASE("maxout: values, gradient, NaN, ties, in place", "[maxout]", float, double) {
  check_maxout<TestType>();
}

TEMPLATE_TEST_CASE("maxout rejects bad calls before writing", "[maxout][errors]", float, double) {
  check_maxout_errors<TestType>();
}

TEMPLATE_TEST_CASE("prelu_channels: both layouts, slope gradient, in place", "[prelu_channels]",
                   float, double) {
  check_prelu<TestType>();
}

TEMPLATE_TEST_CASE("prelu_channels rejects bad calls before writing", "[prelu_channels][errors]",
                   float, double) {
  check_prelu_errors<TestType>();
}
