// activ_sweep: every float (or a strided sample), and a dense sample of
// doubles, through each activation's forward and derivative, against the
// long double references of tests/support/records.hpp. Prints, per function:
// max and mean error in ulps, the worst input, a signed histogram, and any
// NaN or infinity that differs from the reference (the documented edges).
//
//   activ_sweep [--stride N] [--double-points N] [--threads N] [--list] [name ...]
//
// --stride 1 (the default) visits all 2^32 floats; CI uses a large odd
// stride. Doubles: N points per sign spread over the integer image (default
// 2^24). Both use every core: each thread takes interleaved blocks.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "../tests/support/records.hpp"
#include "../tests/support/ulp.hpp"

namespace {

using namespace activ_test;

struct options {
  std::uint64_t stride = 1;
  std::uint64_t double_points = std::uint64_t(1) << 24;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string> names;
};

// Signed error histogram: bins of half an ulp from -4 to +4, outer bins open.
constexpr int bins = 18;
int bin_of(long double signed_ulps) {
  // By comparisons: floorl, or a conversion to double or to int, costs an x87
  // control-word switch or a store-forwarding stall (half of a relu sweep).
  const long double h = signed_ulps * 2;
  int b = 9;  // [0, 0.5)
  if (h < 0) {
    for (b = 8; b > 0 && h < b - 9; --b) {
    }
  } else {
    for (; b < bins - 1 && h >= b - 8; ++b) {
    }
  }
  return b;
}

struct stats {
  long double max = 0, sum = 0;
  std::uint64_t count = 0, edge_mismatches = 0;
  double worst_x = 0, worst_got = 0;
  long double worst_exact = 0;
  std::uint64_t histogram[bins] = {};

  void merge(const stats& o) {
    if (o.max > max)
      max = o.max, worst_x = o.worst_x, worst_got = o.worst_got, worst_exact = o.worst_exact;
    sum += o.sum, count += o.count, edge_mismatches += o.edge_mismatches;
    for (int i = 0; i < bins; ++i) histogram[i] += o.histogram[i];
  }
};

// flush: a result below the smallest normal number may be a zero of the
// right sign (the fast tier); it then counts as exact.
template <class T>
void account(stats& s, T x, T got, long double exact, long double scale, bool flush) {
  if (flush && flushed(got, exact)) {
    ++s.count, ++s.histogram[bin_of(0.0L)];
    return;
  }
  const bool got_special = std::isnan(got) || std::isinf(got);
  const bool exact_special = std::isnan(exact) || std::isinf(exact);
  if (got_special || exact_special) {
    if (ulp_error(got, exact) != 0) ++s.edge_mismatches;
    return;
  }
  const long double at = std::max(std::fabs(exact), scale);
  const long double signed_ulps = (static_cast<long double>(got) - exact) / ulp_at<T>(at);
  const long double e = std::fabs(signed_ulps);
  ++s.count, s.sum += e, ++s.histogram[bin_of(signed_ulps)];
  if (e > s.max) s.max = e, s.worst_x = double(x), s.worst_got = double(got), s.worst_exact = exact;
}

// Runs `inputs(block, buffer)` for blocks 0..nblocks-1 spread over threads,
// then checks forward and derivative of every element.
template <class T, class F, class Inputs>
void run(const options& o, const F& f, const record<F>& r, std::uint64_t nblocks, Inputs inputs,
         stats& fwd, stats& der) {
  std::vector<stats> tf(o.threads), td(o.threads);
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < o.threads; ++t) {
    pool.emplace_back([&, t] {
      std::vector<T> x, y, d;
      for (std::uint64_t b = t; b < nblocks; b += o.threads) {
        inputs(b, x);
        y.resize(x.size()), d.resize(x.size());
        activ::forward(f, x, y);
        activ::derivative(f, x, d);
        for (std::size_t i = 0; i < x.size(); ++i) {
          if (std::isnan(x[i])) {
            tf[t].edge_mismatches += !std::isnan(y[i]);
            td[t].edge_mismatches += !std::isnan(d[i]);
            continue;
          }
          account(tf[t], x[i], y[i], r.f(f, x[i]), 0, is_fast_v<F>);
          account(td[t], x[i], d[i], r.df(f, x[i]), r.df_scale ? std::fabs(r.df_scale(f, x[i])) : 0,
                  is_fast_v<F>);
        }
      }
    });
  }
  for (auto& th : pool) th.join();
  for (unsigned t = 0; t < o.threads; ++t) fwd.merge(tf[t]), der.merge(td[t]);
}

void print(const char* name, const char* type, const char* what, const stats& s, double bound) {
  std::printf(
      "%-12s %s %-10s max %8.3Lf ulp (bound %4.2f)%s mean %.4Lf  worst x = %a (got %a, exact "
      "%.21Lg)  "
      "edge mismatches %llu  points %llu\n",
      name, type, what, s.max, bound, s.max > bound ? " OVER" : "", s.count ? s.sum / s.count : 0,
      s.worst_x, s.worst_got, s.worst_exact, (unsigned long long)s.edge_mismatches,
      (unsigned long long)s.count);
  std::printf("  histogram (half-ulp bins, -4 .. +4):");
  for (int i = 0; i < bins; ++i) std::printf(" %llu", (unsigned long long)s.histogram[i]);
  std::printf("\n");
}

template <class F>
bool sweep_one(const options& o) {
  if (!o.names.empty() && std::find(o.names.begin(), o.names.end(), F::name) == o.names.end())
    return true;
  const record<F> r = record_of<F>();
  const F& f = r.instances[0];
  constexpr std::uint64_t block = 1 << 16;
  stats ff, fd, df, dd;
  // float: every stride-th bit pattern (NaNs included, checked for NaN out).
  const std::uint64_t total = (std::uint64_t(1) << 32) / o.stride;
  run<float>(
      o, f, r, (total + block - 1) / block,
      [&](std::uint64_t b, std::vector<float>& x) {
        x.clear();
        for (std::uint64_t i = b * block; i < std::min(total, (b + 1) * block); ++i)
          x.push_back(from_bits<float>(std::uint32_t(i * o.stride)));
      },
      ff, fd);
  // double: double_points per sign across the integer image, odd stride.
  const std::uint64_t top = to_bits(std::numeric_limits<double>::max());
  const std::uint64_t dstride = (top / o.double_points) | 1;
  const std::uint64_t per_sign = top / dstride + 1;
  run<double>(
      o, f, r, (2 * per_sign + block - 1) / block,
      [&](std::uint64_t b, std::vector<double>& x) {
        x.clear();
        for (std::uint64_t i = b * block; i < std::min(2 * per_sign, (b + 1) * block); ++i) {
          const std::uint64_t k = i % per_sign, sign = i / per_sign;
          x.push_back(from_bits<double>(std::min(k * dstride, top) | (sign << 63)));
        }
      },
      df, dd);
  const char* n = F::name.data();
  print(n, "f32", "forward", ff, F::accuracy.forward_f32);
  print(n, "f32", "derivative", fd, F::accuracy.derivative_f32);
  print(n, "f64", "forward", df, F::accuracy.forward_f64);
  print(n, "f64", "derivative", dd, F::accuracy.derivative_f64);
  std::fflush(stdout);
  return ff.max <= F::accuracy.forward_f32 && fd.max <= F::accuracy.derivative_f32 &&
         df.max <= F::accuracy.forward_f64 && dd.max <= F::accuracy.derivative_f64 &&
         ff.edge_mismatches + fd.edge_mismatches + df.edge_mismatches + dd.edge_mismatches == 0;
}

template <class... F>
bool sweep_all(const options& o, std::tuple<F...>*) {
  bool ok = true;  // every function is swept, even after one fails
  ((ok = sweep_one<F>(o) && ok), ...);
  return ok;
}

template <class... F>
void list_names(std::tuple<F...>*) {
  (std::puts(F::name.data()), ...);
}

}  // namespace

// Every element-wise activation, then the fast tier of those that have one.
using list =
    decltype(std::tuple_cat(std::declval<activ::elementwise_activations>(),
                            std::declval<activ::fast_of<activ::elementwise_activations>::type>()));

int main(int argc, char** argv) {
  options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&] {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "activ_sweep: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return std::strtoull(argv[++i], nullptr, 10);
    };
    if (a == "--stride")
      o.stride = std::max<std::uint64_t>(1, value());
    else if (a == "--double-points")
      o.double_points = std::max<std::uint64_t>(1, value());
    else if (a == "--threads")
      o.threads = unsigned(std::max<std::uint64_t>(1, value()));
    else if (a == "--list") {
      list_names(static_cast<list*>(nullptr));
      return 0;
    } else if (a == "-h" || a == "--help") {
      std::puts(
          "usage: activ_sweep [--stride N] [--double-points N] [--threads N] [--list] [name ...]");
      return 0;
    } else
      o.names.push_back(a);
  }
  // The run's identity, so a saved output (scripts/sweep --record) says what produced it.
  std::printf(
      "activ_sweep: compiler %s, xsimd arch %s, float stride %llu (%llu points), "
      "double %llu points per sign, %u threads\n",
      __VERSION__, xsimd::default_arch::name(), (unsigned long long)o.stride,
      (unsigned long long)((std::uint64_t(1) << 32) / o.stride),
      (unsigned long long)o.double_points, o.threads);
  std::fflush(stdout);
  const bool ok = sweep_all(o, static_cast<list*>(nullptr));
  std::printf("%s\n",
              ok ? "all within their bounds" : "SOME BOUND EXCEEDED (marked OVER) or edges differ");
  return ok ? 0 : 1;
}
