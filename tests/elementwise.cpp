// The battery every element-wise activation goes through, in float and
// double: ulp-space sweeps of f and f' against long double, the IEEE special
// values and the documented edges, derivative_from_output, every length
// around the batch width (offset and in place) with NaN-prefilled outputs
// and guard elements, scalar == array bits, and the drivers' error paths.
#include <algorithm>
#include <cstdio>
#include <deque>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "support/catch.hpp"
#include "support/records.hpp"
#include "support/ulp.hpp"

namespace {

using namespace activ_test;

template <class T>
const char* type_name() {
  return sizeof(T) == 4 ? "f32" : "f64";
}

template <class F, class T>
double bound_forward() {
  return sizeof(T) == 4 ? F::accuracy.forward_f32 : F::accuracy.forward_f64;
}
template <class F, class T>
double bound_derivative() {
  return sizeof(T) == 4 ? F::accuracy.derivative_f32 : F::accuracy.derivative_f64;
}

// Worst error of got[i] against ref(x[i]) in ulps, and where. With a
// scale, the ulp is taken at max(|ref|, scale) (see record::df_scale).
template <class T>
struct worst {
  long double ulp = 0;
  T x = 0;
};
// A fast-tier result below the smallest normal number may be a zero (flush).
template <class T, class Ref, class Scale>
worst<T> measure(const std::vector<T>& x, const std::vector<T>& got, Ref ref, Scale scale,
                 bool flush) {
  worst<T> w;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const long double exact = ref(x[i]);
    if (flush && flushed(got[i], exact)) continue;
    long double e = ulp_error(got[i], exact);
    if (scale && std::isfinite(exact) && std::isfinite(got[i])) {
      const long double at = std::max(std::fabs(exact), std::fabs(scale(x[i])));
      e = std::fabs(got[i] - exact) / ulp_at<T>(at);
    }
    if (e > w.ulp || std::isnan(e)) w = {e, x[i]};
  }
  return w;
}

// Instance k of a record is swept with all the points (k == 0) or an
// eighth of them (parameter variants).
template <class T>
std::vector<T> sweep_inputs(std::size_t k = 0) {
  std::vector<T> xs;
  sweep<T>(k == 0 ? sweep_points() : sweep_points() / 8, [&](T x) { xs.push_back(x); });
  return xs;
}

template <class T>
std::vector<T> special_values() {
  using lim = std::numeric_limits<T>;
  std::vector<T> v;
  for (T s :
       {T(0), lim::denorm_min(), lim::min(), T(1), T(20), T(1e4), lim::max(), lim::infinity()}) {
    v.push_back(s);
    v.push_back(-s);
  }
  v.push_back(lim::quiet_NaN());
  return v;
}

}  // namespace

// forward_with_derivative (the fused value_and_derivative, where F has one)
// gives the bits of forward and derivative at every x, and so does the
// scalar value_and_derivative.
template <class F, class T>
void check_fused(const F& f, const std::vector<T>& x, const std::vector<T>& y,
                 const std::vector<T>& d) {
  std::vector<T> y2(x.size()), d2(x.size());
  activ::forward_with_derivative(f, x, y2, d2);
  std::size_t differ = 0, first = 0;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!same_bits(y[i], y2[i]) || !same_bits(d[i], d2[i])) {
      if (differ == 0) first = i;
      ++differ;
    }
  INFO(F::name << ' ' << type_name<T>() << ": forward_with_derivative differs at " << differ
               << " inputs, first x = " << (differ ? x[first] : T(0)));
  CHECK(differ == 0);
  if constexpr (activ::has_value_and_derivative<F>::value) {
    for (std::size_t i = 0; i < x.size(); i += 1 + x.size() / 4096) {
      const auto [fy, fd] = f.value_and_derivative(x[i]);
      INFO("value_and_derivative(" << x[i] << ")");
      CHECK((same_bits(fy, y[i]) && same_bits(fd, d[i])));
    }
  }
}

// f and f' are within their ulp bounds over the whole line.
template <class F, class T>
void check_sweep() {
  const record<F> r = record_of<F>();
  for (std::size_t k = 0; k < r.instances.size(); ++k) {
    const F& f = r.instances[k];
    const std::vector<T> x = sweep_inputs<T>(k);
    std::vector<T> y(x.size()), d(x.size());
    activ::forward(f, x, y);
    activ::derivative(f, x, d);
    check_fused(f, x, y, d);
    auto bind = [&](const ref_fn<F>& g) {
      return g ? std::function<long double(long double)>([&](long double v) { return g(f, v); })
               : std::function<long double(long double)>();
    };
    const worst<T> wf =
        measure(x, y, bind(r.f), std::function<long double(long double)>(), is_fast_v<F>);
    const worst<T> wd = measure(x, d, bind(r.df), bind(r.df_scale), is_fast_v<F>);
    std::printf("%-12s %s #%zu forward    max %7.3f ulp (bound %4.1f) at %a\n", F::name.data(),
                type_name<T>(), k, double(wf.ulp), bound_forward<F, T>(), double(wf.x));
    std::printf("%-12s %s #%zu derivative max %7.3f ulp (bound %4.1f) at %a\n", F::name.data(),
                type_name<T>(), k, double(wd.ulp), bound_derivative<F, T>(), double(wd.x));
    INFO(F::name << ' ' << type_name<T>() << " instance " << k << " forward worst at x = " << wf.x);
    CHECK(wf.ulp <= bound_forward<F, T>());
    INFO(F::name << ' ' << type_name<T>() << " instance " << k
                 << " derivative worst at x = " << wd.x);
    CHECK(wd.ulp <= bound_derivative<F, T>());
  }
}

// derivative_from_output matches f'(x) within its stated bound.
template <class F, class T>
void check_from_output() {
  if constexpr (activ::has_derivative_from_output_v<F>) {
    const record<F> r = record_of<F>();
    const F& f = r.instances[0];
    const int k = sizeof(T) == 4 ? 0 : 1;
    const std::vector<T> x = sweep_inputs<T>();
    std::vector<T> y(x.size()), d(x.size());
    const std::vector<T> ones(x.size(), T(1));
    activ::forward(f, x, y);
    activ::backward_from_output(f, y, ones, d);  // dy = 1: d = f'(y) exactly
    long double worst_ulp = 0, worst_abs = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const long double exact = r.df(f, x[i]);
      if (r.from_output_ulp_region(x[i])) {
        const long double e = ulp_error(d[i], exact);
        worst_ulp = std::max(worst_ulp, e);
        INFO(F::name << ' ' << type_name<T>() << " x = " << x[i] << " f'(y) = " << d[i]);
        REQUIRE(e <= r.from_output_ulp[k]);
      } else {
        const long double e = std::fabs(d[i] - exact);
        worst_abs = std::max(worst_abs, e);
        INFO(F::name << ' ' << type_name<T>() << " x = " << x[i] << " f'(y) = " << d[i]);
        REQUIRE(e <= r.from_output_abs[k]);
      }
    }
    std::printf("%-12s %s from_output max %7.3f ulp in its ulp region, %.3Lg absolute elsewhere\n",
                F::name.data(), type_name<T>(), double(worst_ulp), worst_abs);
  } else {
    SUCCEED(F::name << " has no derivative_from_output");
  }
}

// IEEE special values and documented edges.
template <class F, class T>
void check_special() {
  const record<F> r = record_of<F>();
  const std::vector<T> x = special_values<T>();
  for (std::size_t k = 0; k < r.instances.size(); ++k) {
    const F& f = r.instances[k];
    std::vector<T> y(x.size()), d(x.size());
    activ::forward(f, x, y);
    activ::derivative(f, x, d);
    check_fused(f, x, y, d);
    for (std::size_t i = 0; i < x.size(); ++i) {
      INFO(F::name << ' ' << type_name<T>() << " instance " << k << " x = " << x[i]
                   << " f = " << y[i] << " f' = " << d[i]);
      CHECK(same_bits(y[i], f(x[i])));
      CHECK(same_bits(d[i], f.derivative(x[i])));
      if (std::isnan(x[i])) {
        CHECK(std::isnan(y[i]));
        CHECK(std::isnan(d[i]));
        continue;
      }
      const long double ef = r.f(f, x[i]), ed = r.df(f, x[i]);
      const bool flush = is_fast_v<F>;
      if (ef == 0 || std::isinf(ef))
        CHECK(same_bits(y[i], T(ef)));
      else
        CHECK(((flush && flushed(y[i], ef)) || ulp_error(y[i], ef) <= bound_forward<F, T>()));
      if (ed == 0 || std::isinf(ed))
        CHECK(same_bits(d[i], T(ed)));
      else if (!r.df_scale)
        CHECK(((flush && flushed(d[i], ed)) || ulp_error(d[i], ed) <= bound_derivative<F, T>()));
    }
  }
  const F& f = r.instances[0];
  for (const edge& e : r.edges) {
    const T xe = T(e.x);
    INFO(F::name << ' ' << type_name<T>() << " documented edge x = " << xe);
    CHECK(same_bits(f(xe), T(e.f)));
    CHECK(same_bits(f.derivative(xe), T(e.df)));
  }
}

// every length, offset and in-place call gives the scalar bits.
template <class F, class T>
void check_lengths() {
  const record<F> r = record_of<F>();
  constexpr std::size_t W = xsimd::batch<T>::size;
  constexpr std::size_t guard = 3;
  const T nan = std::numeric_limits<T>::quiet_NaN();
  const T sentinel = T(-12345.5);
  std::mt19937 rng(1234);
  std::normal_distribution<T> normal(T(0), T(3));

  for (const F& f : r.instances)
    for (std::size_t n = 0; n <= 3 * W + 1; ++n) {
      for (std::size_t offset : {0u, 1u}) {
        INFO(F::name << ' ' << type_name<T>() << " n = " << n << " offset = " << offset);
        std::vector<T> xb(offset + n + guard), dyb(offset + n + guard);
        for (auto& v : xb) v = normal(rng);
        for (auto& v : dyb) v = normal(rng);
        const T* x = xb.data() + offset;
        const T* dy = dyb.data() + offset;
        // Outputs: NaN inside the range (an unwritten element stays NaN and
        // fails the bit comparison), sentinels around it (a write past the end
        // shows).
        auto output = [&] {
          std::vector<T> o(offset + n + guard, sentinel);
          std::fill(o.begin() + offset, o.begin() + offset + n, nan);
          return o;
        };
        auto guards_intact = [&](const std::vector<T>& o) {
          for (std::size_t i = 0; i < offset; ++i)
            if (!same_bits(o[i], sentinel)) return false;
          for (std::size_t i = offset + n; i < o.size(); ++i)
            if (!same_bits(o[i], sentinel)) return false;
          return true;
        };
        std::vector<T> y = output(), d = output(), dx = output(), y2 = output(), d2 = output();
        activ::forward(f, x, y.data() + offset, n);
        activ::derivative(f, x, d.data() + offset, n);
        activ::backward(f, x, dy, dx.data() + offset, n);
        activ::forward_with_derivative(f, x, y2.data() + offset, d2.data() + offset, n);
        for (const auto* o : {&y, &d, &dx, &y2, &d2}) CHECK(guards_intact(*o));
        for (std::size_t i = 0; i < n; ++i) {
          const T xi = x[i];
          INFO("i = " << i << " x = " << xi);
          REQUIRE(same_bits(y[offset + i], f(xi)));
          REQUIRE(same_bits(d[offset + i], f.derivative(xi)));
          REQUIRE(same_bits(dx[offset + i], T(dy[i] * f.derivative(xi))));
          REQUIRE(same_bits(y2[offset + i], y[offset + i]));
          REQUIRE(same_bits(d2[offset + i], d[offset + i]));
        }
        if constexpr (activ::has_derivative_from_output_v<F>) {
          std::vector<T> g = output();
          activ::backward_from_output(f, y.data() + offset, dy, g.data() + offset, n);
          CHECK(guards_intact(g));
          for (std::size_t i = 0; i < n; ++i)
            REQUIRE(same_bits(g[offset + i], T(dy[i] * f.derivative_from_output(y[offset + i]))));
        }
        // In place: the output is the input.
        std::vector<T> z(x, x + n);
        activ::forward(f, z.data(), z.data(), n);
        for (std::size_t i = 0; i < n; ++i) REQUIRE(same_bits(z[i], y[offset + i]));
        z.assign(x, x + n);
        activ::derivative(f, z.data(), z.data(), n);
        for (std::size_t i = 0; i < n; ++i) REQUIRE(same_bits(z[i], d[offset + i]));
        z.assign(dy, dy + n);
        activ::backward(f, x, z.data(), z.data(), n);  // dx over dy
        for (std::size_t i = 0; i < n; ++i) REQUIRE(same_bits(z[i], dx[offset + i]));
        z.assign(x, x + n);
        activ::backward(f, z.data(), dy, z.data(), n);  // dx over x
        for (std::size_t i = 0; i < n; ++i) REQUIRE(same_bits(z[i], dx[offset + i]));
      }
    }
}

// range overloads and the five-argument backward.
template <class F, class T>
void check_ranges() {
  const F f{};
  std::vector<T> x{T(-3), T(-0.5), T(0), T(0.25), T(2), T(7)};
  std::vector<T> dy{T(1), T(-2), T(0.5), T(3), T(-1), T(4)};
  std::vector<T> y(x.size()), dx4(x.size()), dx5(x.size());
  activ::forward(f, x, y);
  activ::backward(f, x, dy, dx4);
  activ::backward(f, x, y, dy, dx5);
  for (std::size_t i = 0; i < x.size(); ++i) {
    CHECK(same_bits(y[i], f(x[i])));
    CHECK(same_bits(dx4[i], T(dy[i] * f.derivative(x[i]))));
    CHECK(same_bits(dx5[i], dx4[i]));
  }
  std::array<T, 6> ya{};
  activ::forward(f, x, ya);
  for (std::size_t i = 0; i < x.size(); ++i) CHECK(same_bits(ya[i], y[i]));
}

namespace {
// Runs `call`, expects std::invalid_argument whose message contains every
// piece, and checks that `out` was not touched.
template <class T, class Call>
void expect_rejected(Call call, const std::vector<T>& out,
                     std::initializer_list<const char*> pieces) {
  const std::vector<T> before = out;
  bool thrown = false;
  try {
    call();
  } catch (const std::invalid_argument& e) {
    thrown = true;
    const std::string msg = e.what();
    INFO("message: " << msg);
    for (const char* p : pieces) CHECK(msg.find(p) != std::string::npos);
  }
  CHECK(thrown);
  for (std::size_t i = 0; i < out.size(); ++i) CHECK(same_bits(out[i], before[i]));
}
}  // namespace

// misuse throws std::invalid_argument and writes nothing.
template <class F, class T>
void check_errors() {
  const F f{};
  std::vector<T> x(10, T(1)), dy(10, T(1)), small(9, T(7)), out(10, T(7));
  expect_rejected<T>([&] { activ::forward(f, x, small); }, small,
                     {"activ::forward", "x has 10", "y has 9"});
  expect_rejected<T>([&] { activ::derivative(f, x, small); }, small,
                     {"activ::derivative", "d has 9"});
  expect_rejected<T>([&] { activ::backward(f, x, dy, small); }, small,
                     {"activ::backward", "dx has 9"});
  expect_rejected<T>([&] { activ::backward(f, x, small, out); }, out,
                     {"activ::backward", "dy has 9"});
  expect_rejected<T>([&] { activ::backward(f, x, small, dy, out); }, out,
                     {"activ::backward", "y has 9"});
  expect_rejected<T>([&] { activ::forward_with_derivative(f, x, out, small); }, out,
                     {"activ::forward_with_derivative", "d has 9"});
  // Partial overlap: y starts one element into x.
  std::vector<T> buf(12, T(1));
  expect_rejected<T>([&] { activ::forward(f, buf.data(), buf.data() + 1, 10); }, buf,
                     {"activ::forward", "y partially overlaps x"});
  expect_rejected<T>([&] { activ::backward(f, buf.data(), buf.data() + 2, buf.data() + 1, 10); },
                     buf, {"activ::backward", "dx partially overlaps"});
  expect_rejected<T>(
      [&] { activ::forward_with_derivative(f, x.data(), out.data(), out.data(), 10); }, out,
      {"y and d share memory"});
  expect_rejected<T>([&] { activ::forward(f, static_cast<const T*>(nullptr), out.data(), 10); },
                     out, {"x is null but has 10 elements"});
  if constexpr (activ::has_derivative_from_output_v<F>)
    expect_rejected<T>([&] { activ::backward_from_output(f, x, dy, small); }, small,
                       {"activ::backward_from_output", "dx has 9"});
  // Zero elements with null pointers is a valid empty call.
  activ::forward(f, static_cast<const T*>(nullptr), static_cast<T*>(nullptr), 0);
}

// ---- registration -------------------------------------------------------------
// Every (activation, type, check) becomes one Catch2 test case named
// "sigmoid f32 sweep" and tagged [sigmoid][sweep], so ctest lists them by
// activation. Built as ACTIV_TEST_SHARDS executables that each take every
// ACTIV_TEST_SHARDS-th activation of the list, to compile in parallel.
#ifndef ACTIV_TEST_SHARD
#define ACTIV_TEST_SHARD 0
#define ACTIV_TEST_SHARDS 1
#endif

namespace {

std::deque<std::string>& names() {
  static std::deque<std::string> n;  // Catch2 keeps references to the strings
  return n;
}

template <class F, class T>
void register_one(const char* check, void (*fn)()) {
  auto& n = names();
  n.push_back(std::string(F::name) + ' ' + type_name<T>() + ' ' + check);
  const std::string& name = n.back();
  n.push_back("[" + std::string(F::name) + "][" + check + "]");
  const std::string& tags = n.back();
  REGISTER_TEST_CASE(fn, Catch::StringRef(name.c_str(), name.size()),
                     Catch::StringRef(tags.c_str(), tags.size()));
}

template <class F, class T>
void register_all() {
  register_one<F, T>("sweep", &check_sweep<F, T>);
  register_one<F, T>("from_output", &check_from_output<F, T>);
  register_one<F, T>("special", &check_special<F, T>);
  register_one<F, T>("lengths", &check_lengths<F, T>);
  register_one<F, T>("ranges", &check_ranges<F, T>);
  register_one<F, T>("errors", &check_errors<F, T>);
}

template <class... F, std::size_t... I>
void register_list(std::tuple<F...>*, std::index_sequence<I...>) {
  auto one = [](auto* f, std::size_t i) {
    using G = std::remove_pointer_t<decltype(f)>;
    if (i % ACTIV_TEST_SHARDS != ACTIV_TEST_SHARD) return;
    register_all<G, float>();
    register_all<G, double>();
  };
  (one(static_cast<F*>(nullptr), I), ...);
}

const bool registered = [] {
  using list = activ::elementwise_activations;
  register_list(static_cast<list*>(nullptr), std::make_index_sequence<std::tuple_size_v<list>>());
  using fast_list = activ::fast_of<list>::type;  // the fast tier: fast<F> where F has one
  register_list(static_cast<fast_list*>(nullptr),
                std::make_index_sequence<std::tuple_size_v<fast_list>>());
  return true;
}();

}  // namespace
