// softmax and log_softmax against a long double reference: random rows of
// every length around the batch width and of 1000 and 32000, wide spreads
// far from 0, near-1 sums, ties, subnormal results, temperatures; special
// rows (+inf, NaN, -inf, fully masked, 1e30); in place, NaN-prefilled
// outputs, row position; backward against the exact formula, J^T dy and
// central differences; jacobian; the error paths.
#include <random>

#include "support/catch.hpp"
#include "support/rowwise.hpp"
#include "support/view.hpp"

namespace {
using namespace activ_test;

// The exact rows: d_i = (x_i - M) / T, S = c + R (c maxima, R the rest).
struct reference {
  std::vector<ld> soft, log;
};

template <class T>
reference exact(const std::vector<T>& x, double temperature) {
  const ld m = *std::max_element(x.begin(), x.end());
  ld_sum rest;
  ld c = 0;
  std::vector<ld> d(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    d[i] = (ld(x[i]) - m) / ld(temperature);
    if (x[i] == m)
      c += 1;
    else
      rest.add(std::exp(d[i]));
  }
  const ld s = c + rest.get(), l = std::log1p((c - 1) + rest.get());
  reference r;
  for (ld v : d) r.soft.push_back(std::exp(v) / s), r.log.push_back(v - l);
  return r;
}

template <class F>
constexpr double bound(bool f32, bool backward) {
  return f32 ? (backward ? F::accuracy.derivative_f32 : F::accuracy.forward_f32)
             : (backward ? F::accuracy.derivative_f64 : F::accuracy.forward_f64);
}

// The rows the accuracy test visits, named.
template <class T>
std::vector<std::pair<std::string, std::vector<T>>> rows() {
  std::mt19937_64 rng(42);
  std::vector<std::pair<std::string, std::vector<T>>> out;
  const std::size_t W = width<T>();
  std::vector<std::size_t> lengths;
  for (std::size_t n = 1; n <= 3 * W + 1; ++n) lengths.push_back(n);
  lengths.push_back(1000);
  lengths.push_back(32000);
  auto uniform = [&](std::size_t n, double lo, double hi) {
    std::uniform_real_distribution<double> u(lo, hi);
    std::vector<T> v(n);
    for (auto& e : v) e = T(u(rng));
    return v;
  };
  for (std::size_t n : lengths) {
    const std::string len = " n=" + std::to_string(n);
    std::normal_distribution<double> normal(0, 3);
    std::vector<T> v(n);
    for (auto& e : v) e = T(normal(rng));
    out.push_back({"normal" + len, v});
    for (double offset : {0.0, 1000.0, -3e4, 1e6}) {
      std::vector<T> w = uniform(n, offset - 90, offset);  // down to subnormal results in float
      out.push_back({"spread 90 at " + std::to_string(offset) + len, w});
    }
    std::vector<T> wide = uniform(n, -800, 0);  // subnormal results in double
    out.push_back({"spread 800" + len, wide});
    std::vector<T> near1 = uniform(n, -42, -28);  // the sum is 1 + 1e-12 .. 1e-18
    near1[n / 2] = T(3);
    for (auto& e : near1) e = e + T(3);
    out.push_back({"near-1 sum" + len, near1});
    std::vector<T> ties = uniform(n, -5, 5);
    for (std::size_t i = 0; i < n; i += 3) ties[i] = T(5);
    out.push_back({"ties" + len, ties});
  }
  // One maximum above a tail of 999 terms that are subnormal or below
  // (e^-110 < 2^-158 in float, e^-760 < 2^-1096 in double): R must keep them,
  // not round each to 0 or to the subnormal grid first (log_softmax's tiny
  // y_0 = -R was 24 ulp off at -95, 450 at -100, in float).
  const std::vector<double> tails = sizeof(T) == 4 ? std::vector<double>{-90, -95, -100, -110, -125}
                                                   : std::vector<double>{-710, -725, -740, -760};
  for (double v : tails) {
    std::vector<T> tail = uniform(1000, v - 1, v);
    tail[0] = T(0);
    out.push_back({"tail at " + std::to_string(v), tail});
  }
  out.push_back({"equal", std::vector<T>(37, T(0.25))});
  out.push_back({"1e30", std::vector<T>(19, T(1e30))});
  out.push_back({"-1e30", std::vector<T>(19, T(-1e30))});
  std::vector<T> mixed(21, T(-1e30));
  mixed[4] = mixed[17] = T(1e30);
  out.push_back({"1e30 and -1e30", mixed});
  std::vector<T> masked = uniform(40, -3, 3);
  for (std::size_t i = 0; i < 40; i += 2) masked[i] = -std::numeric_limits<T>::infinity();
  out.push_back({"half -inf", masked});
  std::vector<T> extreme{std::numeric_limits<T>::max(), -std::numeric_limits<T>::max(), T(0),
                         std::numeric_limits<T>::max()};
  out.push_back({"+-max", extreme});
  return out;
}

template <class T>
void check_accuracy() {
  const bool f32 = sizeof(T) == 4;
  for (double temperature : {1.0, 0.5, 3.0}) {
    worst ws, wl, wsum, wlog;
    for (const auto& [what, x] : rows<T>()) {
      const reference r = exact(x, temperature);
      std::vector<T> s(x.size()), l(x.size());
      activ::forward(activ::softmax{0, temperature}, x, s);
      activ::forward(activ::log_softmax{0, temperature}, x, l);
      ld_sum total;
      for (std::size_t i = 0; i < x.size(); ++i) {
        const std::string at = what + " i=" + std::to_string(i);
        ws.see(ulp_error(s[i], r.soft[i]), at);
        if (std::getenv("DEBUG_ROWS") && ulp_error(s[i], r.soft[i]) > 1.7)
          std::printf("DBG %s x=%a got=%a exact=%La\n", at.c_str(), double(x[i]), double(s[i]),
                      r.soft[i]);
        wl.see(ulp_error(l[i], r.log[i]), at);
        total.add(s[i]);
        // |log_softmax - log(softmax)| <= B_log ulp(log_softmax) + B_soft eps,
        // where softmax is normal: reported as a fraction of that allowance.
        if (s[i] >= std::numeric_limits<T>::min()) {
          const ld allowed = bound<activ::log_softmax>(f32, false) * ulp_at<T>(r.log[i]) +
                             bound<activ::softmax>(f32, false) * std::numeric_limits<T>::epsilon();
          wlog.see(std::fabs(l[i] - std::log(ld(s[i]))) / allowed, at);
        }
      }
      wsum.see(std::fabs(total.get() - 1) / std::numeric_limits<T>::epsilon(), what);
    }
    std::printf("softmax     %s T=%g max %.3f ulp at %s\n", type_name<T>(), temperature,
                double(ws.err), ws.where.c_str());
    std::printf("log_softmax %s T=%g max %.3f ulp at %s\n", type_name<T>(), temperature,
                double(wl.err), wl.where.c_str());
    std::printf(
        "  row sums within %.3f eps of 1; log_softmax - log(softmax) at %.3f of its bound\n",
        double(wsum.err), double(wlog.err));
    INFO(type_name<T>() << " T = " << temperature << " softmax worst at " << ws.where);
    CHECK(ws.err <= bound<activ::softmax>(f32, false));
    INFO("log_softmax worst at " << wl.where);
    CHECK(wl.err <= bound<activ::log_softmax>(f32, false));
    // Each y_i is within B ulp, so within B eps y_i: the sum within B eps of 1.
    CHECK(wsum.err <= bound<activ::softmax>(f32, false));
    INFO("log_softmax against log(softmax) worst at " << wlog.where);
    CHECK(wlog.err <= 1);
  }
}

}  // namespace

TEMPLATE_TEST_CASE("softmax and log_softmax are within their ulp bounds", "[softmax][accuracy]",
                   float, double) {
  check_accuracy<TestType>();
}

namespace {

// Rows whose result is fixed bit for bit (PyTorch's answers, or the option's).
template <class T>
void check_special_rows() {
  const T inf = std::numeric_limits<T>::infinity(), nan = std::numeric_limits<T>::quiet_NaN();
  auto run = [](auto f, std::vector<T> x) {
    std::vector<T> y(x.size(), T(-7));
    activ::forward(f, x, y);
    return y;
  };
  auto all = [](const std::vector<T>& y, auto pred) {
    return std::all_of(y.begin(), y.end(), pred);
  };
  auto is_nan = [](T v) { return std::isnan(v); };
  for (double temperature : {1.0, 0.25}) {
    INFO(type_name<T>() << " T = " << temperature);
    const activ::softmax s{0, temperature};
    const activ::log_softmax l{0, temperature};
    const activ::softmax sz{0, temperature, true};
    const activ::log_softmax lz{0, temperature, true};
    for (const std::vector<T>& x :
         {std::vector<T>{T(1), inf, T(2)}, std::vector<T>{T(1), nan, T(2)}, std::vector<T>{nan},
          std::vector<T>{inf, inf}, std::vector<T>{-inf, nan}, std::vector<T>{-inf, inf}}) {
      CHECK(all(run(s, x), is_nan));
      CHECK(all(run(l, x), is_nan));
      CHECK(all(run(sz, x), is_nan));  // the option is about masked rows only
    }
    const std::vector<T> masked(5, -inf);
    CHECK(all(run(s, masked), is_nan));
    CHECK(all(run(l, masked), is_nan));
    CHECK(all(run(sz, masked), [](T v) { return same_bits(v, T(0)); }));
    CHECK(all(run(lz, masked), [&](T v) { return same_bits(v, -inf); }));
    // -inf elements: exactly 0 and -inf; the others as if they were absent.
    const std::vector<T> part{-inf, T(0), -inf, T(0)};
    CHECK(run(s, part) == std::vector<T>{T(0), T(0.5), T(0), T(0.5)});
    const std::vector<T> lp = run(l, part);
    CHECK(same_bits(lp[0], -inf));
    CHECK(lp[1] == T(-std::log(2.0L)));
    // Uniform rows, huge or not: 1/n and -log(n) (n = 4: exact).
    for (T v :
         {T(1e30), T(-1e30), T(0), std::numeric_limits<T>::max(), -std::numeric_limits<T>::max()}) {
      CHECK(run(s, std::vector<T>(4, v)) == std::vector<T>(4, T(0.25)));
      CHECK(run(l, std::vector<T>(4, v)) == std::vector<T>(4, T(-std::log(4.0L))));
    }
    // One element: 1 and 0.
    CHECK(run(s, {T(-3)}) == std::vector<T>{T(1)});
    CHECK(same_bits(run(l, {T(-3)})[0], T(0)));
  }
}

// Lengths around the batch width, several rows, offsets, NaN-prefilled
// outputs with guards, in place, and the row position: every row gives the
// bits of the same row computed alone.
template <class F, class T>
void check_lengths(const F& f0) {
  const std::size_t W = width<T>();
  std::mt19937 rng(7);
  std::normal_distribution<double> normal(0, 4);
  for (std::size_t cols = 1; cols <= 3 * W + 1; ++cols)
    for (std::size_t rows_n : {1u, 3u}) {
      F f = f0;
      f.cols = cols;
      const std::size_t n = cols * rows_n;
      INFO(F::name << ' ' << type_name<T>() << " cols = " << cols << " rows = " << rows_n);
      std::vector<T> xb(n + 1), dyb(n + 1);
      for (auto& v : xb) v = T(normal(rng));
      for (auto& v : dyb) v = T(normal(rng));
      // Offset by one element: the rows are not aligned.
      const std::vector<T> x(xb.begin() + 1, xb.end()), dy(dyb.begin() + 1, dyb.end());
      guarded<T> y(n), dx(n);
      activ::forward(f, x, y);
      activ::backward(f, x, y, dy, dx);
      CHECK(y.guards_intact());
      CHECK(dx.guards_intact());
      for (std::size_t r = 0; r < rows_n; ++r) {
        const std::vector<T> xr(x.begin() + r * cols, x.begin() + (r + 1) * cols);
        const std::vector<T> dyr(dy.begin() + r * cols, dy.begin() + (r + 1) * cols);
        std::vector<T> yr(cols), dxr(cols);
        activ::forward(F{0, f.temperature, f.zero_masked_rows}, xr, yr);
        activ::backward(F{0, f.temperature, f.zero_masked_rows}, xr, yr, dyr, dxr);
        for (std::size_t i = 0; i < cols; ++i) {
          REQUIRE(same_bits(y[r * cols + i], yr[i]));
          REQUIRE(same_bits(dx[r * cols + i], dxr[i]));
        }
      }
      std::vector<T> z = x;
      activ::forward(f, z, z);  // in place
      for (std::size_t i = 0; i < n; ++i) REQUIRE(same_bits(z[i], y[i]));
      const std::vector<T> yv(y.data(), y.data() + n);
      std::vector<T> g = dy;
      activ::backward(f, x, yv, g, g);  // dx over dy
      for (std::size_t i = 0; i < n; ++i) REQUIRE(same_bits(g[i], dx[i]));
      g = yv;
      activ::backward(f, x, g, dy, g);  // dx over y
      for (std::size_t i = 0; i < n; ++i) REQUIRE(same_bits(g[i], dx[i]));
    }
}

}  // namespace

TEMPLATE_TEST_CASE("softmax and log_softmax special rows", "[softmax][special]", float, double) {
  check_special_rows<TestType>();
}

TEMPLATE_TEST_CASE("softmax and log_softmax lengths, rows, in place", "[softmax][lengths]", float,
                   double) {
  check_lengths<activ::softmax, TestType>(activ::softmax{});
  check_lengths<activ::log_softmax, TestType>(activ::log_softmax{});
  check_lengths<activ::softmax, TestType>(activ::softmax{0, 0.7});
  check_lengths<activ::log_softmax, TestType>(activ::log_softmax{0, 1.5});
}

namespace {

using activ_test::view;

// backward from the saved y against the exact formula from that y, in ulps
// of its scale: softmax |y| (|dy| + |s|) / T, log_softmax (|dy| + e^y |s|) / T.
template <class F, class T>
ld backward_error(const F& f, const std::vector<T>& x, std::mt19937_64& rng,
                  const std::string& what, worst& w) {
  std::normal_distribution<double> normal(0, 1);
  std::vector<T> y(x.size()), dy(x.size()), dx(x.size());
  for (auto& v : dy) v = T(normal(rng));
  activ::forward(f, x, y);
  activ::backward(f, x, y, dy, dx);
  constexpr bool log = std::is_same_v<F, activ::log_softmax>;
  ld_sum s;
  for (std::size_t i = 0; i < x.size(); ++i) s.add(log ? ld(dy[i]) : ld(dy[i]) * y[i]);
  const ld sum = s.get(), t = 1 / ld(f.temperature);
  for (std::size_t i = 0; i < x.size(); ++i) {
    const ld p = log ? std::exp(ld(y[i])) : ld(y[i]);
    const ld exact = log ? (dy[i] - p * sum) * t : p * (dy[i] - sum) * t;
    const ld scale = log ? (std::fabs(ld(dy[i])) + p * std::fabs(sum)) * t
                         : p * (std::fabs(ld(dy[i])) + std::fabs(sum)) * t;
    if (!std::isfinite(exact)) continue;  // rows with NaN outputs
    const ld e = std::fabs(dx[i] - exact) / ulp_at<T>(std::max(scale, std::fabs(exact)));
    w.see(e, what + " i=" + std::to_string(i));
  }
  return w.err;
}

template <class F, class T>
void check_backward() {
  std::mt19937_64 rng(99);
  for (double temperature : {1.0, 0.5, 3.0}) {
    worst w;
    for (const auto& [what, x] : rows<T>()) backward_error(F{0, temperature}, x, rng, what, w);
    std::printf("%-11s %s T=%g backward max %.3f ulp of its scale at %s\n", F::name.data(),
                type_name<T>(), temperature, double(w.err), w.where.c_str());
    INFO(F::name << ' ' << type_name<T>() << " T = " << temperature << " worst at " << w.where);
    CHECK(w.err <= bound<F>(sizeof(T) == 4, true));
  }
}

// jacobian against the exact J from y, J^T dy against backward, and (in
// double) backward against central differences of forward.
template <class F, class T>
void check_jacobian() {
  constexpr bool log = std::is_same_v<F, activ::log_softmax>;
  const ld eps = std::numeric_limits<T>::epsilon();
  std::mt19937_64 rng(5);
  std::normal_distribution<double> normal(0, 2);
  ld worst_j = 0, worst_jt = 0, worst_cd = 0;
  for (double temperature : {1.0, 0.7}) {
    for (std::size_t n : {1u, 2u, 5u, 17u, 40u}) {
      const F f{n, temperature};
      const ld t = 1 / ld(temperature);
      std::vector<T> x(n), y(n), dy(n), dx(n), J(n * n);
      for (auto& v : x) v = T(normal(rng));
      for (auto& v : dy) v = T(normal(rng));
      activ::forward(f, x, y);
      activ::backward(f, x, y, dy, dx);
      activ::jacobian(f, y, J);
      for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b) {
          const ld d = a == b ? 1 : 0, pb = log ? std::exp(ld(y[b])) : ld(y[b]);
          const ld exact = log ? (d - pb) * t : ld(y[a]) * (d - pb) * t;
          const ld scale = log ? (d + pb) * t : std::fabs(ld(y[a])) * (d + pb) * t;
          worst_j = std::max(worst_j, std::fabs(J[a * n + b] - exact) / ulp_at<T>(scale));
        }
      for (std::size_t b = 0; b < n; ++b) {
        ld jt = 0, mag = 0;
        for (std::size_t a = 0; a < n; ++a)
          jt += ld(dy[a]) * J[a * n + b], mag += std::fabs(dy[a] * J[a * n + b]);
        worst_jt = std::max(worst_jt,
                            std::fabs(dx[b] - jt) / (eps * (mag + std::fabs(ld(dx[b]))) + 1e-300L));
      }
      if constexpr (sizeof(T) == 8) {
        const T h = 1e-5;
        for (std::size_t b = 0; b < n; ++b) {
          std::vector<T> xp = x, xm = x, yp(n), ym(n);
          xp[b] += h, xm[b] -= h;
          activ::forward(f, xp, yp);
          activ::forward(f, xm, ym);
          ld num = 0, mag = 0;
          for (std::size_t a = 0; a < n; ++a)
            num += ld(dy[a]) * (ld(yp[a]) - ym[a]) / (ld(xp[b]) - xm[b]),
                mag += std::fabs(ld(dy[a]));
          worst_cd = std::max(worst_cd, std::fabs(num - dx[b]) / (mag + 1));
        }
      }
    }
  }
  std::printf(
      "%-11s %s jacobian max %.3f ulp of its scale; J^T dy - dx within %.3f eps; central "
      "differences within %.3Lg\n",
      F::name.data(), type_name<T>(), double(worst_j), double(worst_jt), worst_cd);
  CHECK(worst_j <= 2);
  CHECK(worst_jt <= 4 + bound<F>(sizeof(T) == 4, true));
  CHECK(worst_cd <= 1e-8L);
}

template <class F, class T>
void check_errors() {
  const std::string nm(F::name);
  std::vector<T> x(10, T(1)), y(10, T(7)), small(9, T(7)), dy(10, T(1)), dx(10, T(7));
  expect_rejected<T>([&] { activ::forward(F{3}, x, y); }, y,
                     {"activ::forward", nm.c_str(), "x has 10", "cols = 3"});
  expect_rejected<T>([&] { activ::forward(F{}, x, small); }, small,
                     {"activ::forward", "y has 9", "10"});
  for (double bad : {0.0, -1.0, std::nan(""), HUGE_VAL})
    expect_rejected<T>([&] { activ::forward(F{0, bad}, x, y); }, y, {nm.c_str(), "temperature"});
  std::vector<T> buf(12, T(1));
  expect_rejected<T>(
      [&] {
        activ::forward(F{}, view<const T>{buf.data(), 10}, view<T>{buf.data() + 1, 10});
      },
      buf, {"activ::forward", "y shares memory with x"});
  expect_rejected<T>([&] { activ::backward(F{}, x, y, small, dx); }, dx,
                     {"activ::backward", "dy has 9"});
  expect_rejected<T>([&] { activ::backward(F{}, x, small, dy, dx); }, dx,
                     {"activ::backward", "y has 9"});
  expect_rejected<T>([&] { activ::backward(F{}, x, y, dy, small); }, small,
                     {"activ::backward", "dx has 9"});
  expect_rejected<T>([&] { activ::backward(F{4}, x, y, dy, dx); }, dx,
                     {"activ::backward", "cols = 4"});
  expect_rejected<T>(
      [&] {
        activ::backward(F{}, x, y, view<const T>{buf.data(), 10}, view<T>{buf.data() + 2, 10});
      },
      buf, {"activ::backward", "dx shares memory with dy"});
  std::vector<T> J(8, T(7)), yr{T(0.25), T(0.5), T(0.25)};
  expect_rejected<T>([&] { activ::jacobian(F{}, yr, J); }, J, {"activ::jacobian", "J has 8", "9"});
  J.assign(9, T(7));
  expect_rejected<T>([&] { activ::jacobian(F{4}, yr, J); }, J,
                     {"activ::jacobian", "y has 3", "cols = 4"});
  // Empty ranges are a valid call.
  std::vector<T> none;
  activ::forward(F{}, none, none);
  activ::backward(F{}, none, none, none, none);
}

}  // namespace

TEMPLATE_TEST_CASE("softmax and log_softmax backward", "[softmax][backward]", float, double) {
  check_backward<activ::softmax, TestType>();
  check_backward<activ::log_softmax, TestType>();
}

TEMPLATE_TEST_CASE("softmax and log_softmax jacobian, J^T dy, central differences",
                   "[softmax][jacobian]", float, double) {
  check_jacobian<activ::softmax, TestType>();
  check_jacobian<activ::log_softmax, TestType>();
}

TEMPLATE_TEST_CASE("softmax and log_softmax reject bad calls before writing", "[softmax][errors]",
                   float, double) {
  check_errors<activ::softmax, TestType>();
  check_errors<activ::log_softmax, TestType>();
}
