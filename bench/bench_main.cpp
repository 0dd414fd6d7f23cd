// activ_bench: activ's array drivers against the scalar std:: loop a user
// would write by hand, with memcpy of the same bytes as the bandwidth limit.
//
// Every row comes from one registration table (`activations` below): a new
// activation adds one line there plus its by-hand and reference formulas, and
// gets forward, derivative, backward and backward_from_output rows in float
// and double at every size, for every implementation.
//
// Row names: <activation>/<direction>/<f32|f64>/<elements>/<implementation>,
// e.g. sigmoid/forward/f32/4096/activ; memcpy rows are memcpy/copy/<t>/<n>/libc.
// Counters: items = elements, bytes = bytes read + written, and `max_ulp`, the
// largest error of that implementation's outputs on the row's own inputs
// against a long double reference (computed once, outside the timed loop).
//
// Own options (removed before Google Benchmark sees the rest):
//   --activ_mode=quick|full|smoke   sizes and minimum time per row (default quick)
// scripts/bench drives this and turns the JSON into results/table.md.

#include <activ/activ.hpp>

#include <benchmark/benchmark.h>
#include <xsimd/xsimd.hpp>

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

// ---------------------------------------------------------------------------
// What a user writes by hand, and the long double reference.
//
// A "by hand" type has the shape of an activ functor (operator(), derivative,
// derivative_from_output) and is the plain std:: code the scalar baseline
// loops over. A "reference" type is evaluated in long double and must be
// accurate to well below a double ulp over the inputs (normal, sd 3): it is
// what max_ulp is measured against. When the by-hand code is already
// accurate in long double (relu), it serves as its own reference.

struct relu_by_hand {
  template <class T> T operator()(T x) const { return x > T(0) ? x : T(0); }
  template <class T> T derivative(T x) const { return x > T(0) ? T(1) : T(0); }
  template <class T> T derivative_from_output(T y) const { return y > T(0) ? T(1) : T(0); }
};

struct sigmoid_by_hand {
  // The stable form: never exp of a large positive number.
  template <class T> T operator()(T x) const {
    return x >= T(0) ? T(1) / (T(1) + std::exp(-x)) : std::exp(x) / (T(1) + std::exp(x));
  }
  template <class T> T derivative(T x) const {
    const T s = (*this)(x);
    return s * (T(1) - s);
  }
  template <class T> T derivative_from_output(T y) const { return y * (T(1) - y); }
};

struct sigmoid_reference {
  long double operator()(long double x) const { return sigmoid_by_hand{}(x); }
  // s (1 - s) cancels for large x even in long double (1000 double ulps at
  // x = 15); e^-|x| / (1 + e^-|x|)^2 does not.
  long double derivative(long double x) const {
    const long double t = std::exp(-std::fabs(x));
    return t / ((1 + t) * (1 + t));
  }
  long double derivative_from_output(long double y) const { return y * (1 - y); }
};

struct silu_by_hand {
  template <class T> T operator()(T x) const { return x * sigmoid_by_hand{}(x); }
  template <class T> T derivative(T x) const {
    const T s = sigmoid_by_hand{}(x);
    return s + x * s * (T(1) - s);
  }
};

struct silu_reference {
  long double operator()(long double x) const { return x * sigmoid_reference{}(x); }
  long double derivative(long double x) const {
    return sigmoid_reference{}(x) + x * sigmoid_reference{}.derivative(x);
  }
};

// ---------------------------------------------------------------------------
// The registration table: one entry per activation.

template <class Functor, class ByHand, class Reference>
struct activation_entry {
  Functor activ;        // the library's functor, default parameters
  ByHand by_hand;       // the scalar std:: baseline
  Reference reference;  // long double, for max_ulp
};

const auto activations = std::make_tuple(
    activation_entry<activ::relu, relu_by_hand, relu_by_hand>{},
    activation_entry<activ::sigmoid, sigmoid_by_hand, sigmoid_reference>{},
    activation_entry<activ::silu, silu_by_hand, silu_reference>{});

// ---------------------------------------------------------------------------
// Directions and implementations.

enum class direction { forward, derivative, backward, backward_from_output };
constexpr direction all_directions[] = {direction::forward, direction::derivative,
                                        direction::backward, direction::backward_from_output};

constexpr const char* name_of(direction d) {
  switch (d) {
    case direction::forward: return "forward";
    case direction::derivative: return "derivative";
    case direction::backward: return "backward";
    case direction::backward_from_output: return "backward_from_output";
  }
  return "?";
}

// Arrays each direction streams: inputs read plus the output written.
constexpr std::size_t streams_of(direction d) {
  return d == direction::backward || d == direction::backward_from_output ? 3 : 2;
}

// Every implementation runs one direction over n elements:
//   in  = x, or y = f(x) for backward_from_output;  dy = upstream gradient
//   out = y, f'(x) or dx.
// To add a peer library (oneDNN, XNNPACK, Eigen), add a struct with a `name`
// and a `make` that builds such a callable once per row, outside the timed
// loop (the place to create a oneDNN primitive), and list it in
// `implementations`; a peer lacking some function needs a check beside the
// derivative_from_output one in register_row.
struct activ_impl {
  static constexpr const char* name = "activ";
  template <class T, class Entry>
  static auto make(const Entry& e, direction d) {
    return [f = e.activ, d](const T* in, const T* dy, T* out, std::size_t n) {
      switch (d) {
        case direction::forward: activ::forward(f, in, out, n); break;
        case direction::derivative: activ::derivative(f, in, out, n); break;
        case direction::backward: activ::backward(f, in, dy, out, n); break;
        case direction::backward_from_output:
          if constexpr (activ::has_derivative_from_output_v<decltype(f)>)
            activ::backward_from_output(f, in, dy, out, n);
          break;
      }
    };
  }
};

struct scalar_impl {
  static constexpr const char* name = "scalar";
  template <class T, class Entry>
  static auto make(const Entry& e, direction d) {
    return [h = e.by_hand, d](const T* in, const T* dy, T* out, std::size_t n) {
      switch (d) {
        case direction::forward:
          for (std::size_t i = 0; i < n; ++i) out[i] = h(in[i]);
          break;
        case direction::derivative:
          for (std::size_t i = 0; i < n; ++i) out[i] = h.derivative(in[i]);
          break;
        case direction::backward:
          for (std::size_t i = 0; i < n; ++i) out[i] = dy[i] * h.derivative(in[i]);
          break;
        case direction::backward_from_output:
          if constexpr (activ::has_derivative_from_output_v<decltype(h)>)
            for (std::size_t i = 0; i < n; ++i) out[i] = dy[i] * h.derivative_from_output(in[i]);
          break;
      }
    };
  }
};

const auto implementations = std::make_tuple(activ_impl{}, scalar_impl{});

// The reference value of one output element.
template <class R>
long double reference_value(const R& r, direction d, long double in, long double dy) {
  switch (d) {
    case direction::forward: return r(in);
    case direction::derivative: return r.derivative(in);
    case direction::backward: return dy * r.derivative(in);
    case direction::backward_from_output:
      if constexpr (activ::has_derivative_from_output_v<R>) return dy * r.derivative_from_output(in);
      break;
  }
  return 0;
}

// ---------------------------------------------------------------------------
// Accuracy: |got - ref| in units of the last place of ref in T's format
// (subnormal spacing below the normal range). Same NaN, same infinity: 0.

template <class T>
double ulp_error(T got, long double ref) {
  if (std::isnan(got) && std::isnan(ref)) return 0;
  if (static_cast<long double>(got) == ref) return 0;
  if (!std::isfinite(got) || !std::isfinite(ref)) return std::numeric_limits<double>::infinity();
  int e = 0;
  std::frexp(ref, &e);  // |ref| = m 2^e, m in [0.5, 1)
  if (e < std::numeric_limits<T>::min_exponent) e = std::numeric_limits<T>::min_exponent;
  const long double ulp = std::ldexp(1.0L, e - std::numeric_limits<T>::digits);
  return static_cast<double>(std::fabs(static_cast<long double>(got) - ref) / ulp);
}

// ---------------------------------------------------------------------------
// Inputs.
//
// x ~ normal(0, 3) and dy ~ normal(0, 1), fixed seed. The branch predictor
// learns a short input replayed every iteration (libm tanhf: 8.6 ns/element on
// repeated data, 12.6 on fresh), which flatters branchy scalar code, so every
// row cycles through a pool of at least `k_min_pool` elements: 8 buffers of
// 4Ki, 1 of 1Mi. All implementations and memcpy read the same rotation, so
// their ratios compare like with like; a 4Ki row therefore reads from L2.

constexpr std::size_t k_min_pool = 32 * 1024;
constexpr std::uint64_t k_seed = 20240601;

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
  std::size_t n = 0;        // elements per call
  std::size_t buffers = 0;  // calls before the rotation repeats
  buffer<T> x, dy;          // buffers * n each
  buffer<T> out;            // n: every call writes here
};

template <class T>
void fill_normal(buffer<T>& b, double sd, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> dist(0.0, sd);
  for (std::size_t i = 0; i < b.size; ++i) b.get()[i] = static_cast<T>(dist(rng));
}

// One pool per element type, rebuilt when the size changes; rows are
// registered size by size so that happens once per size, and at 16Mi double
// only one pool is alive.
template <class T>
const pool<T>& inputs_for(std::size_t n) {
  static pool<T> p;
  if (p.n != n) {
    p = pool<T>{};
    p.n = n;
    p.buffers = n >= k_min_pool ? 1 : (k_min_pool + n - 1) / n;
    p.x = buffer<T>(p.buffers * n);
    p.dy = buffer<T>(p.buffers * n);
    p.out = buffer<T>(n);
    fill_normal(p.x, 3.0, k_seed);
    fill_normal(p.dy, 1.0, k_seed + 1);
    // Touch the output now: first-touch page faults would otherwise land in
    // the first timed iterations of the first row at each size (memcpy).
    std::memset(p.out.get(), 0, n * sizeof(T));
  }
  return p;
}

// The saved outputs backward_from_output starts from: the reference f(x)
// rounded to T, the best a forward pass could have stored. One per
// (type, size, activation), kept while that activation's rows run.
template <class T, class Entry>
const buffer<T>& outputs_for(const pool<T>& p, const Entry& e) {
  static std::size_t for_n = 0;  // the pool is a function of n alone
  static buffer<T> y;
  if (for_n != p.n) {
    y = buffer<T>(p.x.size);
    for (std::size_t i = 0; i < y.size; ++i)
      y.get()[i] = static_cast<T>(e.reference(static_cast<long double>(p.x.get()[i])));
    for_n = p.n;
  }
  return y;
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

// max_ulp of one row over its whole input pool, computed on the first call
// and remembered (Google Benchmark calls a row several times).
template <class T, class Entry, class Kernel>
double max_ulp_of(const std::string& row, const pool<T>& p, const Entry& e, direction d,
                  const T* in, const T* dy, Kernel& kernel) {
  static std::map<std::string, double> known;
  if (auto it = known.find(row); it != known.end()) return it->second;
  double worst = 0;
  for (std::size_t b = 0; b < p.buffers; ++b) {
    const std::size_t offset = b * p.n;
    kernel(in + offset, dy + offset, p.out.get(), p.n);
    for (std::size_t i = 0; i < p.n; ++i) {
      const long double ref = reference_value(e.reference, d, in[offset + i], dy[offset + i]);
      const double err = ulp_error(p.out.get()[i], ref);
      worst = err > worst ? err : worst;
    }
  }
  known.emplace(row, worst);
  return worst;
}

template <class T>
constexpr const char* type_name() {
  return std::is_same_v<T, float> ? "f32" : "f64";
}

std::string row_name(std::string_view activation, const char* dir, const char* type,
                     std::size_t n, const char* impl) {
  std::string s(activation);
  s += '/';
  s += dir;
  s += '/';
  s += type;
  s += '/';
  s += std::to_string(n);
  s += '/';
  s += impl;
  return s;
}

// ---------------------------------------------------------------------------
// Registration: type -> size -> (memcpy, then activation -> direction ->
// implementation). Names, not order, identify rows in the report.

struct settings {
  std::vector<std::size_t> sizes;
  const char* min_time;  // seconds, as --benchmark_min_time takes it
};

template <class T, class Impl, class Entry>
void register_row(const Entry& entry, direction d, std::size_t n) {
  using F = decltype(entry.activ);
  if constexpr (!activ::has_derivative_from_output_v<F>) {
    if (d == direction::backward_from_output) return;
  }
  std::string name = row_name(F::name, name_of(d), type_name<T>(), n, Impl::name);
  benchmark::RegisterBenchmark(name.c_str(), [name, entry, d, n](benchmark::State& state) {
    const pool<T>& p = inputs_for<T>(n);
    const T* in = d == direction::backward_from_output ? outputs_for(p, entry).get() : p.x.get();
    const T* dy = p.dy.get();
    auto kernel = Impl::template make<T>(entry, d);
    const double max_ulp = max_ulp_of(name, p, entry, d, in, dy, kernel);
    time_rows(state, p, in, dy, kernel, streams_of(d));
    state.counters["max_ulp"] = max_ulp;
  })->Unit(benchmark::kNanosecond);
}

template <class T>
void register_memcpy(std::size_t n) {
  const std::string name = row_name("memcpy", "copy", type_name<T>(), n, "libc");
  benchmark::RegisterBenchmark(name.c_str(), [n](benchmark::State& state) {
    const pool<T>& p = inputs_for<T>(n);
    auto copy = [](const T* in, const T*, T* out, std::size_t count) {
      std::memcpy(out, in, count * sizeof(T));
    };
    time_rows(state, p, p.x.get(), p.dy.get(), copy, 2);
    state.counters["max_ulp"] = 0;
  })->Unit(benchmark::kNanosecond);
}

// fn(element) for every element of a tuple, in order.
template <class Tuple, class Fn>
void for_each_in(const Tuple& t, Fn&& fn) {
  std::apply([&](const auto&... element) { (fn(element), ...); }, t);
}

template <class T>
void register_type(const settings& s) {
  for (const std::size_t n : s.sizes) {
    register_memcpy<T>(n);
    for_each_in(activations, [&](const auto& entry) {
      for (const direction d : all_directions)
        for_each_in(implementations, [&](auto impl) {
          register_row<T, decltype(impl)>(entry, d, n);
        });
    });
  }
}

settings settings_for(std::string_view mode) {
  constexpr std::size_t Ki = 1024, Mi = 1024 * 1024;
  if (mode == "smoke") return {{1 * Ki}, "0.01"};
  if (mode == "quick") return {{4 * Ki, 64 * Ki, 1 * Mi}, "0.2"};
  if (mode == "full") return {{4 * Ki, 64 * Ki, 1 * Mi, 16 * Mi}, "0.3"};
  throw std::invalid_argument("activ_bench: --activ_mode must be smoke, quick or full, not '" +
                              std::string(mode) + "'");
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
  benchmark::AddCustomContext("activ_xsimd",
                              std::to_string(XSIMD_VERSION_MAJOR) + "." +
                                  std::to_string(XSIMD_VERSION_MINOR) + "." +
                                  std::to_string(XSIMD_VERSION_PATCH));
  benchmark::AddCustomContext("activ_xsimd_arch", xsimd::default_arch::name());
  benchmark::AddCustomContext("activ_f32_per_batch", std::to_string(xsimd::batch<float>::size));
  benchmark::AddCustomContext(
      "activ_inputs", "x ~ normal(0, 3), dy ~ normal(0, 1), seed " + std::to_string(k_seed) +
                          ", rotating >= " + std::to_string(k_min_pool) + " elements");
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
  std::string min_time = std::string("--benchmark_min_time=") + s.min_time;
  args.insert(args.begin() + 1, min_time.data());
  register_type<float>(s);
  register_type<double>(s);
  add_context(mode);

  int count = static_cast<int>(args.size());
  args.push_back(nullptr);
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
