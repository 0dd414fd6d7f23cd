// activ_bench: activ's array drivers against the scalar std:: loop a user
// would write by hand, the peers found at configure time (oneDNN, XNNPACK,
// Eigen; bench/implementations.hpp) and memcpy of the same bytes as the
// bandwidth limit.
//
// Every element-wise row comes from one registration table,
// activ_bench::activations in bench/formulas.hpp, which follows
// activ::elementwise_activations: each activation gets forward, derivative,
// backward, backward_from_output and forward_with_derivative rows in float
// and double, for every input distribution and size the mode asks for, for
// every implementation that has it. The scalar loop and the peers need an
// entry in formulas.hpp; an activation without one gets activ's rows only.
// activ has two implementations: `activ`, the functor F (the accurate tier),
// and `activ_fast`, activ::fast<F>, for every F with a fast tier
// (activ::fast_of<activ::elementwise_activations>::type): the same rows,
// checked against F's reference.
//
// Row names: <activation>/<direction>/<f32|f64>/<distribution>/<elements>/<implementation>,
// e.g. sigmoid/forward/f32/normal/4096/activ (the fast tier's:
// sigmoid/forward/f32/normal/4096/activ_fast); memcpy rows are
// memcpy/copy/<type>/normal/<elements>/libc. Distributions of x:
//   normal      x ~ normal(0, 3), the default
//   small       |x| < 0.6, uniform (polynomial paths: tanh, erf near 0)
//   transition  0.6 <= |x| < 10, uniform, either sign (where functions change regime)
//   saturation  10 <= |x| < 60, uniform, either sign (tanh, erf, sigmoid
//               saturated in float; exp near underflow for the GELUs)
// and dy ~ normal(0, 1).
// Row-wise activations (softmax, log_softmax, swiglu; bench/rowwise.hpp) have
// their own table and rows named
// <activation>/<direction>/<type>/<normal|wide>/cols=<cols>/<elements>/<implementation>,
// forward and backward at cols = 1000 and 32000 (see "Row-wise rows" below).
// Counters: items = elements, bytes = bytes read + written, and max_ulp, the
// largest error of that implementation's outputs against the long double
// reference (the formulas.hpp entry's, else the tests' record; none on the
// backward_from_output rows of an activation without an entry) over the
// first 32Ki inputs of the row's distribution (the same inputs at every size;
// computed once, outside the timed loop). A non-finite output where the
// reference is finite is reported as 1e30. The fast tier may return a zero
// of the right sign where the exact result is below the smallest normal
// number (its contract): such a zero counts as 0 ulp on its rows. activ's
// rows also report ulp_bound, the tier's promised bound (the functor's
// `accuracy`) on forward and derivative rows.
//
// Own options (removed before Google Benchmark sees the rest):
//   --activ_mode=quick|full|smoke   which rows, and the minimum time per row (default quick)
// scripts/bench drives this and turns the JSON into results/table.md and results/chart.svg.

#include <benchmark/benchmark.h>

#include <activ/activ.hpp>
#include <xsimd/xsimd.hpp>

#include "formulas.hpp"
#include "implementations.hpp"
#include "rowwise.hpp"

#if ACTIV_BENCH_HAVE_OPENMP
#include <omp.h>
#endif

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#ifndef ACTIV_BENCH_CXX_FLAGS
#define ACTIV_BENCH_CXX_FLAGS "unknown"
#endif

namespace {

using namespace activ_bench;

// ---------------------------------------------------------------------------
// Inputs.
//
// The branch predictor learns a short input replayed every iteration (libm
// tanhf: 8.6 ns/element on repeated data, 12.6 on fresh), which flatters
// branchy scalar code, so every row cycles through a pool of at least
// `k_min_pool` elements: 8 buffers of 4Ki, 1 of 1Mi. All implementations and
// memcpy read the same rotation, so their ratios compare like with like; a
// 4Ki row therefore reads from L2. The pool is drawn in one sequence from a
// fixed seed, so its first k_min_pool elements are the same at every size:
// max_ulp is measured on those.

constexpr std::size_t k_min_pool = 32 * 1024;
constexpr std::uint64_t k_seed = 20240601;

enum class distribution { normal, small, transition, saturation, wide };
constexpr distribution all_distributions[] = {distribution::normal, distribution::small,
                                              distribution::transition, distribution::saturation};

constexpr const char* name_of(distribution d) {
  switch (d) {
    case distribution::normal:
      return "normal";
    case distribution::small:
      return "small";
    case distribution::transition:
      return "transition";
    case distribution::saturation:
      return "saturation";
    case distribution::wide:
      return "wide";
  }
  return "?";
}

struct free_deleter {
  void operator()(void* p) const noexcept { std::free(p); }
};

// 64-byte aligned so that the rows do not differ by cache-line splits.
template <class T>
struct buffer {
  std::unique_ptr<T[], free_deleter> data;
  std::size_t size = 0;

  buffer() = default;
  explicit buffer(std::size_t n) : size(n) {
    const std::size_t bytes = (n * sizeof(T) + 63) / 64 * 64;
    data.reset(static_cast<T*>(std::aligned_alloc(64, bytes)));
    if (!data) throw std::bad_alloc();
  }
  T* get() const noexcept { return data.get(); }
};

template <class T>
struct pool {
  distribution dist = distribution::normal;
  std::size_t n = 0;        // elements per call
  std::size_t buffers = 0;  // calls before the rotation repeats
  buffer<T> x, dy;          // buffers * n each
  buffer<T> out;            // n: every call writes here
};

template <class T>
void fill(buffer<T>& b, distribution d, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 3.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  auto band = [&](double lo, double hi) {
    const double m = lo + (hi - lo) * uniform(rng);
    return uniform(rng) < 0.5 ? -m : m;
  };
  for (std::size_t i = 0; i < b.size; ++i) {
    double v = 0;
    switch (d) {
      case distribution::normal:
        v = normal(rng);
        break;
      case distribution::small:
        v = -0.6 + 1.2 * uniform(rng);
        break;
      case distribution::transition:
        v = band(0.6, 10);
        break;
      case distribution::saturation:
        v = band(10, 60);
        break;
      case distribution::wide:
        v = -40 + 80 * uniform(rng);
        break;
    }
    b.get()[i] = static_cast<T>(v);
  }
}

void fill_dy(buffer<float>& b, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  for (std::size_t i = 0; i < b.size; ++i) b.get()[i] = static_cast<float>(normal(rng));
}
void fill_dy(buffer<double>& b, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  for (std::size_t i = 0; i < b.size; ++i) b.get()[i] = normal(rng);
}

// One pool per element type, rebuilt when (distribution, size) changes; rows
// are registered grouped by both, so that happens once per group, and at 16Mi
// double only one pool is alive.
template <class T>
const pool<T>& inputs_for(distribution dist, std::size_t n) {
  static pool<T> p;
  if (p.n != n || p.dist != dist) {
    p = pool<T>{};
    p.dist = dist;
    p.n = n;
    p.buffers = n >= k_min_pool ? 1 : (k_min_pool + n - 1) / n;
    p.x = buffer<T>(p.buffers * n);
    p.dy = buffer<T>(p.buffers * n);
    p.out = buffer<T>(n);
    fill(p.x, dist, k_seed);
    fill_dy(p.dy, k_seed + 1);
    // Touch the output now: first-touch page faults would otherwise land in
    // the first timed iterations of the first row at each size (memcpy).
    std::memset(p.out.get(), 0, n * sizeof(T));
  }
  return p;
}

// The saved outputs backward_from_output starts from: the reference f(x)
// rounded to T, the best a forward pass could have stored. One buffer per
// element type, rebuilt per (activation, distribution, size).
template <class T, class F>
const buffer<T>& outputs_for(const pool<T>& p) {
  static buffer<T> y;
  static std::string key;
  const std::string want =
      std::string(F::functor::name) + "/" + name_of(p.dist) + "/" + std::to_string(p.n);
  if (key != want) {
    y = buffer<T>(p.x.size);
    for (std::size_t i = 0; i < y.size; ++i)
      y.get()[i] = static_cast<T>(F::ref_f(static_cast<long double>(p.x.get()[i])));
    key = want;
  }
  return y;
}

// ---------------------------------------------------------------------------
// Accuracy.

// The reference value of one output element and the size its error is
// measured in (|value|, or the formulas' ref_df_scale where f' crosses zero).
struct reference {
  long double value, scale;
};

template <class F>
reference reference_of(direction d, long double in, long double dy) {
  auto df_scale = [](long double x, long double df) {
    if constexpr (has_ref_df_scale<F>::value) {
      (void)df;
      return F::ref_df_scale(x);
    } else {
      (void)x;
      return std::fabs(df);
    }
  };
  switch (d) {
    case direction::forward:
    case direction::forward_with_derivative: {
      const long double v = F::ref_f(in);
      return {v, std::fabs(v)};
    }
    case direction::derivative: {
      const long double v = F::ref_df(in);
      return {v, df_scale(in, v)};
    }
    case direction::backward: {
      const long double v = F::ref_df(in);
      return {dy * v, std::fabs(dy) * df_scale(in, v)};
    }
    case direction::backward_from_output:
      if constexpr (has_df_y<F>::value) {
        const long double v = dy * F::ref_df_y(in);
        return {v, std::fabs(v)};
      }
      break;
  }
  return {0, 0};
}

// |got - ref| in units of the last place of `scale` in T's format (subnormal
// spacing below the normal range). Same NaN, same infinity: 0. With
// `flushes`, a zero of the right sign where |ref| is below T's smallest
// normal number: 0.
template <class T>
double ulp_error(T got, reference r, bool flushes = false) {
  if (std::isnan(got) && std::isnan(r.value)) return 0;
  if (static_cast<long double>(got) == r.value) return 0;
  if (flushes && got == 0 && std::fabs(r.value) < std::numeric_limits<T>::min() &&
      std::signbit(got) == (r.value < 0))
    return 0;
  if (!std::isfinite(got) || !std::isfinite(r.value))
    return std::numeric_limits<double>::infinity();
  int e = 0;
  std::frexp(r.scale, &e);  // scale = m 2^e, m in [0.5, 1)
  if (e < std::numeric_limits<T>::min_exponent) e = std::numeric_limits<T>::min_exponent;
  const long double ulp = std::ldexp(1.0L, e - std::numeric_limits<T>::digits);
  return static_cast<double>(std::fabs(static_cast<long double>(got) - r.value) / ulp);
}

constexpr double k_non_finite_ulp = 1e30;  // JSON has no infinity

// max_ulp of one implementation on the first k_min_pool inputs of the pool,
// computed once per (activation, direction, type, distribution,
// implementation): the same inputs at every size.
template <class T, class F, class Kernel>
double max_ulp_of(const std::string& key, const pool<T>& p, direction d, const T* in, const T* dy,
                  Kernel& kernel, bool flushes) {
  static std::map<std::string, double> known;
  if (auto it = known.find(key); it != known.end()) return it->second;
  double worst = 0;
  for (std::size_t b = 0, checked = 0; checked < k_min_pool && b < p.buffers; ++b) {
    const std::size_t offset = b * p.n;
    kernel(in + offset, dy + offset, p.out.get(), p.n);
    const std::size_t count = std::min(p.n, k_min_pool - checked);
    for (std::size_t i = 0; i < count; ++i) {
      const reference r = reference_of<F>(d, in[offset + i], dy[offset + i]);
      const double err = ulp_error(p.out.get()[i], r, flushes);
      worst = err > worst ? err : worst;
    }
    checked += count;
  }
  if (!(worst < k_non_finite_ulp)) worst = k_non_finite_ulp;
  known.emplace(key, worst);
  return worst;
}

// ---------------------------------------------------------------------------
// The timed loop, shared by every row.

template <class T, class Kernel>
void time_rows(benchmark::State& state, const pool<T>& p, const T* in, const T* dy, Kernel& kernel,
               std::size_t streams) {
  const std::size_t n = p.n;
  T* out = p.out.get();
  std::size_t k = 0;
  for (auto _ : state) {
    const std::size_t offset = k * n;
    k = k + 1 == p.buffers ? 0 : k + 1;
    kernel(in + offset, dy + offset, out, n);
    benchmark::DoNotOptimize(out);
    benchmark::ClobberMemory();
  }
  const auto iterations = static_cast<std::int64_t>(state.iterations());
  state.SetItemsProcessed(iterations * static_cast<std::int64_t>(n));
  state.SetBytesProcessed(iterations * static_cast<std::int64_t>(n * streams * sizeof(T)));
}

// Arrays each direction streams: inputs read plus the output written.
constexpr std::size_t streams_of(direction d) {
  return d == direction::backward || d == direction::backward_from_output ||
                 d == direction::forward_with_derivative
             ? 3
             : 2;
}

template <class T>
constexpr const char* type_name() {
  return std::is_same_v<T, float> ? "f32" : "f64";
}

std::string row_name(std::string_view activation, const char* dir, const char* type,
                     distribution dist, std::size_t n, const char* impl) {
  std::string s(activation);
  for (const std::string& part : {std::string(dir), std::string(type), std::string(name_of(dist)),
                                  std::to_string(n), std::string(impl)})
    s += "/" + part;
  return s;
}

// ---------------------------------------------------------------------------
// Modes: which (type, direction, distribution, size) combinations run.

constexpr std::size_t Ki = 1024, Mi = 1024 * 1024;

struct settings {
  std::vector<std::size_t> sizes;
  const char* min_time;  // seconds, as --benchmark_min_time takes it
  bool (*wanted)(bool f64, direction, distribution, std::size_t n);
  // Row-wise rows (softmax, log_softmax, swiglu): rows per array for a row
  // length, and which (type, direction, distribution) run.
  std::size_t (*rows_for)(std::size_t cols);
  bool (*rows_wanted)(bool f64, direction, distribution);
};

// Row-wise arrays: a few hundred Ki elements (256 rows of 1000, 8 of 32000:
// 256000 outputs), except in smoke mode (4 rows of 1000, 1 of 32000).
std::size_t rows_256k(std::size_t cols) { return cols >= 256000 ? 1 : 256000 / cols; }
std::size_t rows_smoke(std::size_t cols) { return cols >= 4000 ? 1 : 4000 / cols; }
bool smoke_rows_wanted(bool f64, direction d, distribution dist) {
  return dist == distribution::normal || (!f64 && d == direction::forward);
}
bool quick_rows_wanted(bool f64, direction, distribution dist) {
  return !f64 || dist == distribution::normal;
}
bool full_rows_wanted(bool, direction, distribution) { return true; }

// smoke (CI, seconds): 1Ki elements; every direction in both types on normal
// inputs, and float forward on every distribution.
bool smoke_wants(bool f64, direction d, distribution dist, std::size_t) {
  return dist == distribution::normal || (!f64 && d == direction::forward);
}

// quick (default, about two minutes): float forward at every size on normal
// inputs and at 4Ki on the other distributions; float backward at 4Ki and
// 1Mi; float derivative, backward_from_output and forward_with_derivative at
// 4Ki; double forward, backward and forward_with_derivative at 4Ki.
bool quick_wants(bool f64, direction d, distribution dist, std::size_t n) {
  if (f64)
    return dist == distribution::normal && n == 4 * Ki && d != direction::derivative &&
           d != direction::backward_from_output;
  if (dist != distribution::normal) return d == direction::forward && n == 4 * Ki;
  switch (d) {
    case direction::forward:
      return true;
    case direction::backward:
      return n == 4 * Ki || n == 1 * Mi;
    default:
      return n == 4 * Ki;
  }
}

// full: everything on normal inputs at every size, the other distributions at 4Ki.
bool full_wants(bool, direction, distribution dist, std::size_t n) {
  return dist == distribution::normal || n == 4 * Ki;
}

settings settings_for(std::string_view mode) {
  if (mode == "smoke") return {{1 * Ki}, "0.002", smoke_wants, rows_smoke, smoke_rows_wanted};
  if (mode == "quick")
    return {{4 * Ki, 64 * Ki, 1 * Mi}, "0.02", quick_wants, rows_256k, quick_rows_wanted};
  if (mode == "full")
    return {{4 * Ki, 64 * Ki, 1 * Mi, 16 * Mi}, "0.05", full_wants, rows_256k, full_rows_wanted};
  throw std::invalid_argument("activ_bench: --activ_mode must be smoke, quick or full, not '" +
                              std::string(mode) + "'");
}

// ---------------------------------------------------------------------------
// Registration: type -> distribution -> size -> (memcpy, then activation ->
// direction -> implementation). Names, not order, identify rows in the report.

template <class Impl, class = void>
struct flushes_subnormals : std::false_type {};
template <class Impl>
struct flushes_subnormals<Impl, std::void_t<decltype(Impl::flushes_subnormals)>>
    : std::bool_constant<Impl::flushes_subnormals> {};

// activ's tiers name the functor they time (Impl::functor<F>), whose accuracy
// is the row's ulp_bound.
template <class Impl, class F, class = void>
struct has_functor : std::false_type {};
template <class Impl, class F>
struct has_functor<Impl, F, std::void_t<typename Impl::template functor<F>>> : std::true_type {};

template <class T, class Impl, class F>
void register_supported_row(direction d, distribution dist, std::size_t n) {
  const std::string name =
      row_name(F::functor::name, name_of(d), type_name<T>(), dist, n, Impl::name);
  std::string key = row_name(F::functor::name, name_of(d), type_name<T>(), dist, 0, Impl::name);
  benchmark::RegisterBenchmark(name.c_str(), [key, d, dist, n](benchmark::State& state) {
    const pool<T>& p = inputs_for<T>(dist, n);
    const T* in = d == direction::backward_from_output ? outputs_for<T, F>(p).get() : p.x.get();
    const T* dy = p.dy.get();
    auto kernel = Impl::template make<T, F>(d, n);
    // No reference from the output without an entry's ref_df_y: no max_ulp
    // (the report shows "-").
    const bool checked = d != direction::backward_from_output || has_df_y<F>::value;
    const double max_ulp =
        checked ? max_ulp_of<T, F>(key, p, d, in, dy, kernel, flushes_subnormals<Impl>::value) : 0;
    time_rows(state, p, in, dy, kernel, streams_of(d));
    if (checked) state.counters["max_ulp"] = max_ulp;
    // activ's promised bound for forward and derivative (the functor's
    // `accuracy`, per tier), for the report to print beside the cost.
    if constexpr (has_functor<Impl, F>::value) {
      const activ::ulp_bounds& b = Impl::template functor<F>::accuracy;
      if (d == direction::forward)
        state.counters["ulp_bound"] = sizeof(T) == 4 ? b.forward_f32 : b.forward_f64;
      if (d == direction::derivative)
        state.counters["ulp_bound"] = sizeof(T) == 4 ? b.derivative_f32 : b.derivative_f64;
    }
  })->Unit(benchmark::kNanosecond);
}

template <class T, class Impl, class F>
void register_row(direction d, distribution dist, std::size_t n) {
  if constexpr (Impl::template for_type<T>) {
    if (Impl::template supports<T, F>(d)) register_supported_row<T, Impl, F>(d, dist, n);
  }
}

template <class T>
void register_memcpy(std::size_t n) {
  const std::string name =
      row_name("memcpy", "copy", type_name<T>(), distribution::normal, n, "libc");
  benchmark::RegisterBenchmark(name.c_str(), [n](benchmark::State& state) {
    const pool<T>& p = inputs_for<T>(distribution::normal, n);
    auto copy = [](const T* in, const T*, T* out, std::size_t count) {
      std::memcpy(out, in, count * sizeof(T));
    };
    time_rows(state, p, p.x.get(), p.dy.get(), copy, 2);
    state.counters["max_ulp"] = 0;
  })->Unit(benchmark::kNanosecond);
}

template <class X>
struct type_tag {
  using type = X;
};

template <class T, class... F, class... I>
void register_group(const settings& s, distribution dist, std::size_t n, std::tuple<F...>*,
                    std::tuple<I...>*) {
  constexpr bool f64 = std::is_same_v<T, double>;
  auto one = [&](auto formulas) {
    using G = typename decltype(formulas)::type;
    for (const direction d : all_directions)
      if (s.wanted(f64, d, dist, n)) (register_row<T, I, G>(d, dist, n), ...);
  };
  (one(type_tag<F>{}), ...);
}

template <class T>
void register_type(const settings& s) {
  constexpr bool f64 = std::is_same_v<T, double>;
  for (const distribution dist : all_distributions)
    for (const std::size_t n : s.sizes) {
      bool any = false;
      for (const direction d : all_directions) any = any || s.wanted(f64, d, dist, n);
      if (!any) continue;
      if (dist == distribution::normal) register_memcpy<T>(n);
      register_group<T>(s, dist, n, static_cast<activations*>(nullptr),
                        static_cast<implementations*>(nullptr));
    }
}

// ---------------------------------------------------------------------------
// Row-wise rows: softmax, log_softmax and swiglu (bench/rowwise.hpp), at
// cols = 1000 and 32000, on normal(0, 3) and wide (uniform(-40, 40): a
// spread of 80, where rounding x - max costs a naive float softmax up to 64
// ulp, while every float softmax result stays normal) logits. Names:
// <activation>/<direction>/<type>/<distribution>/cols=<cols>/<elements>/<implementation>,
// elements = the outputs of the forward (rows * cols; the GLU family reads
// twice as many inputs). Modes: smoke, every direction in both types on
// normal logits and float forward on wide ones; quick, everything in float
// and double on normal logits; full, everything.

constexpr distribution row_distributions[] = {distribution::normal, distribution::wide};
constexpr std::size_t row_cols[] = {1000, 32000};

// Rows of x (rows * cols * in_per_out per call), the saved outputs y (the
// long double reference rounded to T, as for backward_from_output), dy and
// one output array, in a rotation of `buffers` calls covering at least the
// first ceil(k_min_pool / cols) rows, on which max_ulp is measured: the same
// rows whatever the number of rows per call. Rebuilt per (distribution, cols,
// rows, in_per_out); y per activation.
template <class T>
struct row_pool {
  distribution dist = distribution::normal;
  std::size_t cols = 0, rows = 0, in_per_out = 0;
  std::size_t nx = 0, ny = 0, buffers = 0;
  buffer<T> x, y, dy, out;
  std::string y_of;
};

inline std::size_t check_rows_for(std::size_t cols) { return (k_min_pool + cols - 1) / cols; }

template <class T, class F>
const row_pool<T>& row_inputs_for(distribution dist, std::size_t cols, std::size_t rows) {
  static row_pool<T> p;
  if (p.dist != dist || p.cols != cols || p.rows != rows || p.in_per_out != F::in_per_out) {
    p = row_pool<T>{};
    p.dist = dist, p.cols = cols, p.rows = rows, p.in_per_out = F::in_per_out;
    p.ny = rows * cols;
    p.nx = p.ny * F::in_per_out;
    p.buffers = std::max<std::size_t>(1, (check_rows_for(cols) + rows - 1) / rows);
    p.x = buffer<T>(p.buffers * p.nx);
    p.y = buffer<T>(p.buffers * p.ny);
    p.dy = buffer<T>(p.buffers * p.ny);
    p.out = buffer<T>(p.nx);
    fill(p.x, dist, k_seed);
    fill_dy(p.dy, k_seed + 1);
    std::memset(p.out.get(), 0, p.nx * sizeof(T));
  }
  if (p.y_of != F::functor::name) {
    std::vector<row_reference> ref(cols);
    const std::size_t cx = cols * F::in_per_out;
    for (std::size_t r = 0; r < p.buffers * rows; ++r) {
      F::ref_forward(p.x.get() + r * cx, ref.data(), cols);
      for (std::size_t i = 0; i < cols; ++i) p.y.get()[r * cols + i] = static_cast<T>(ref[i].value);
    }
    p.y_of = std::string(F::functor::name);
  }
  return p;
}

// max_ulp of one implementation over the first check_rows_for(cols) rows,
// once per (activation, direction, type, distribution, cols, implementation).
template <class T, class F, class Kernel>
double row_max_ulp(const std::string& key, const row_pool<T>& p, direction d, Kernel& kernel) {
  static std::map<std::string, double> known;
  if (auto it = known.find(key); it != known.end()) return it->second;
  const std::size_t c = p.cols, cx = c * F::in_per_out;
  const std::size_t per_row = d == direction::forward ? c : cx;
  std::vector<row_reference> ref(per_row);
  double worst = 0;
  for (std::size_t b = 0, checked = 0; checked < check_rows_for(c) && b < p.buffers; ++b) {
    const T* x = p.x.get() + b * p.nx;
    const T* y = p.y.get() + b * p.ny;
    const T* dy = p.dy.get() + b * p.ny;
    kernel(x, y, dy, p.out.get());
    for (std::size_t r = 0; r < p.rows && checked < check_rows_for(c); ++r, ++checked) {
      if (d == direction::forward)
        F::ref_forward(x + r * cx, ref.data(), c);
      else
        F::ref_backward(x + r * cx, y + r * c, dy + r * c, ref.data(), c);
      for (std::size_t i = 0; i < per_row; ++i) {
        const reference want{ref[i].value, ref[i].scale};
        const double err = ulp_error(p.out.get()[r * per_row + i], want);
        worst = err > worst ? err : worst;
      }
    }
  }
  if (!(worst < k_non_finite_ulp)) worst = k_non_finite_ulp;
  known.emplace(key, worst);
  return worst;
}

std::string row_wise_name(std::string_view activation, direction d, const char* type,
                          distribution dist, std::size_t cols, std::size_t n, const char* impl) {
  return std::string(activation) + "/" + name_of(d) + "/" + type + "/" + name_of(dist) +
         "/cols=" + std::to_string(cols) + "/" + std::to_string(n) + "/" + impl;
}

template <class T, class Impl, class F>
void register_row_wise(direction d, distribution dist, std::size_t cols, std::size_t rows) {
  if constexpr (Impl::template for_type<T>) {
    if (!Impl::template supports<T, F>(d)) return;
    const char* type = type_name<T>();
    const std::string name =
        row_wise_name(F::functor::name, d, type, dist, cols, rows * cols, Impl::name);
    const std::string key = row_wise_name(F::functor::name, d, type, dist, cols, 0, Impl::name);
    benchmark::RegisterBenchmark(name.c_str(), [key, d, dist, cols, rows](benchmark::State& state) {
      const row_pool<T>& p = row_inputs_for<T, F>(dist, cols, rows);
      auto kernel = Impl::template make<T, F>(d, rows, cols);
      const double max_ulp = row_max_ulp<T, F>(key, p, d, kernel);
      T* out = p.out.get();
      std::size_t k = 0;
      for (auto _ : state) {
        kernel(p.x.get() + k * p.nx, p.y.get() + k * p.ny, p.dy.get() + k * p.ny, out);
        k = k + 1 == p.buffers ? 0 : k + 1;
        benchmark::DoNotOptimize(out);
        benchmark::ClobberMemory();
      }
      // Bytes read and written: forward x and y; backward y (or x, for the
      // GLU family), dy and dx.
      const std::size_t reads =
          d == direction::forward ? p.nx : (F::backward_reads_x ? p.nx : p.ny) + p.ny;
      const std::size_t writes = d == direction::forward ? p.ny : p.nx;
      const auto iterations = static_cast<std::int64_t>(state.iterations());
      state.SetItemsProcessed(iterations * static_cast<std::int64_t>(p.ny));
      state.SetBytesProcessed(iterations * static_cast<std::int64_t>((reads + writes) * sizeof(T)));
      state.counters["max_ulp"] = max_ulp;
    })->Unit(benchmark::kNanosecond);
  }
}

template <class T, class... F, class... I>
void register_row_group(const settings& s, distribution dist, std::size_t cols, std::tuple<F...>*,
                        std::tuple<I...>*) {
  constexpr bool f64 = std::is_same_v<T, double>;
  const std::size_t rows = s.rows_for(cols);
  auto one = [&](auto formulas) {
    using G = typename decltype(formulas)::type;
    for (const direction d : {direction::forward, direction::backward})
      if (s.rows_wanted(f64, d, dist)) (register_row_wise<T, I, G>(d, dist, cols, rows), ...);
  };
  (one(type_tag<F>{}), ...);
}

template <class T>
void register_rows(const settings& s) {
  constexpr bool f64 = std::is_same_v<T, double>;
  // memcpy of the same element counts, unless the element-wise rows have it.
  std::vector<std::size_t> copies;
  for (const std::size_t cols : row_cols) {
    const std::size_t n = s.rows_for(cols) * cols;
    const bool known = std::find(copies.begin(), copies.end(), n) != copies.end() ||
                       std::find(s.sizes.begin(), s.sizes.end(), n) != s.sizes.end();
    if (!known) copies.push_back(n);
  }
  for (const std::size_t n : copies) register_memcpy<T>(n);
  for (const distribution dist : row_distributions)
    for (const std::size_t cols : row_cols) {
      bool any = false;
      for (const direction d : {direction::forward, direction::backward})
        any = any || s.rows_wanted(f64, d, dist);
      if (any)
        register_row_group<T>(s, dist, cols, static_cast<row_activations*>(nullptr),
                              static_cast<row_implementations*>(nullptr));
    }
}

void add_context(std::string_view mode) {
  benchmark::AddCustomContext("activ_mode", std::string(mode));
#if defined(__clang__)
  benchmark::AddCustomContext("activ_compiler", "clang " __clang_version__);
#elif defined(__GNUC__)
  benchmark::AddCustomContext("activ_compiler", "g++ " __VERSION__);
#else
  benchmark::AddCustomContext("activ_compiler", "unknown");
#endif
  benchmark::AddCustomContext("activ_cxx_flags", ACTIV_BENCH_CXX_FLAGS);
  benchmark::AddCustomContext("activ_xsimd", std::to_string(XSIMD_VERSION_MAJOR) + "." +
                                                 std::to_string(XSIMD_VERSION_MINOR) + "." +
                                                 std::to_string(XSIMD_VERSION_PATCH));
  benchmark::AddCustomContext("activ_xsimd_arch", xsimd::default_arch::name());
  benchmark::AddCustomContext("activ_f32_per_batch", std::to_string(xsimd::batch<float>::size));
  benchmark::AddCustomContext(
      "activ_inputs",
      "x ~ normal(0, 3) unless the row names another distribution, dy ~ normal(0, 1), seed " +
          std::to_string(k_seed) + ", rotating >= " + std::to_string(k_min_pool) + " elements");
  benchmark::AddCustomContext(
      "activ_rowwise_inputs",
      "rows of cols = 1000 and 32000 (" + std::to_string(settings_for(mode).rows_for(1000)) +
          " and " + std::to_string(settings_for(mode).rows_for(32000)) +
          " rows per array); logits x ~ normal(0, 3), or wide = uniform(-40, 40)");
  benchmark::AddCustomContext("activ_peers", peers_present());
  benchmark::AddCustomContext("activ_peers_missing", peers_missing());
}

}  // namespace

int main(int argc, char** argv) {
  // Take out --activ_mode; put the mode's --benchmark_min_time first so that
  // one given on the command line (parsed later) wins. A bare number of
  // seconds is what 1.7 takes and 1.8+ still accepts. (Benchmark::MinTime
  // would append "/min_time:0.100" to every row name.)
  std::string mode = "quick";
  std::vector<char*> args{argv[0]};
  for (int i = 1; i < argc; ++i) {
    constexpr std::string_view flag = "--activ_mode=";
    const std::string_view arg = argv[i];
    if (arg.substr(0, flag.size()) == flag)
      mode = std::string(arg.substr(flag.size()));
    else
      args.push_back(argv[i]);
  }

  settings s;
  try {
    s = settings_for(mode);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
#if ACTIV_BENCH_HAVE_OPENMP
  omp_set_num_threads(1);  // oneDNN's OpenMP runtime: a one-thread comparison
#endif
  std::fprintf(stderr, "activ_bench: peers: %s\n", peers_present().c_str());
  if (!peers_missing().empty())
    std::fprintf(stderr, "activ_bench: not found at configure time, no rows: %s\n",
                 peers_missing().c_str());

  std::string min_time = std::string("--benchmark_min_time=") + s.min_time;
  args.insert(args.begin() + 1, min_time.data());
  register_type<float>(s);
  register_type<double>(s);
  register_rows<float>(s);
  register_rows<double>(s);
  add_context(mode);

  int count = static_cast<int>(args.size());
  args.push_back(nullptr);
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
