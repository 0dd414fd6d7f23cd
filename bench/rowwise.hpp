// activ_bench's row-wise rows: softmax, log_softmax and swiglu over row-major
// rows of `cols` values, forward and backward, against the scalar loop a user
// writes, oneDNN's softmax and logsoftmax primitives, XNNPACK's softmax
// operator and Eigen array expressions.
//
// One struct per activation, `<name>_rows`, holds:
//   using functor = activ::<name>;            the library's functor; its cols is set per row
//   in_per_out                                 x elements per y element (2 for the GLU family,
//                                              rows of [gate | value])
//   backward_reads_x                           backward reads x (swiglu) rather than y
//   peer                                       which peer primitive computes it (none: no peer)
//   f(x, y, cols), backward(x, y, dy, dx, cols) the scalar std:: code for one row, stable:
//                                              max, exp, sum, divide (softmax); max, log of the
//                                              sum, subtract (log_softmax); silu(gate) * value
//                                              with silu from e^-|g| (swiglu)
//   ref_forward(x, out, cols), ref_backward(x, y, dy, out, cols)
//                                              the long double reference of one row, each
//                                              output as {value, scale}: the error is measured
//                                              in ulps of `scale` (README, row-wise accuracy):
//                                              softmax forward |y|, backward |y| (|dy| + |s|),
//                                              s = sum(dy y); log_softmax forward |y|, backward
//                                              |dy| + e^y |sum dy|; swiglu y and d_value their
//                                              own size, d_gate |dy value| (s(g) + |g s'(g)|)
//   eigen_f(x, y, rows, cols), eigen_backward(x, y, dy, dx, rows, cols)
//                                              the Eigen array expressions a user writes
//
// Backward reads the saved output y for softmax and log_softmax (as activ,
// oneDNN and the formulas do) and the input x for swiglu. The references sum
// in long double with a compensated (Neumaier) sum, exact differences x - max
// (float and double inputs with |x| <= 60 fit long double's 64-bit
// significand), and log_softmax's log of the sum as log1p of the non-maximal
// part: a relative error near 2^-60, far below a double ulp.
#pragma once

#include <activ/activ.hpp>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "formulas.hpp"
#include "implementations.hpp"

namespace activ_bench {

// A row's expected output and the size its error is measured in.
struct row_reference {
  long double value, scale;
};

// A contiguous range over the benchmark's buffers, for activ's range calls.
template <class T>
struct view {
  T* p;
  std::size_t n;
  T* data() const noexcept { return p; }
  std::size_t size() const noexcept { return n; }
};

// Neumaier's compensated sum in long double.
struct exact_sum {
  long double s = 0, c = 0;
  void add(long double v) {
    const long double t = s + v;
    c += std::fabs(s) >= std::fabs(v) ? (s - t) + v : (v - t) + s;
    s = t;
  }
  long double value() const { return s + c; }
};

enum class row_peer { none, softmax, log_softmax };

// ---------------------------------------------------------------------------
// softmax

struct softmax_rows {
  using functor = activ::softmax;
  static constexpr std::size_t in_per_out = 1;
  static constexpr row_peer peer = row_peer::softmax;
  static constexpr bool backward_reads_x = false;

  template <class T>
  static void f(const T* x, T* y, std::size_t c) {
    T m = x[0];
    for (std::size_t i = 1; i < c; ++i) m = std::max(m, x[i]);
    T sum = 0;
    for (std::size_t i = 0; i < c; ++i) {
      y[i] = std::exp(x[i] - m);
      sum += y[i];
    }
    for (std::size_t i = 0; i < c; ++i) y[i] = y[i] / sum;
  }
  template <class T>
  static void backward(const T*, const T* y, const T* dy, T* dx, std::size_t c) {
    T s = 0;
    for (std::size_t i = 0; i < c; ++i) s += dy[i] * y[i];
    for (std::size_t i = 0; i < c; ++i) dx[i] = y[i] * (dy[i] - s);
  }

  template <class T>
  static void ref_forward(const T* x, row_reference* out, std::size_t c) {
    const long double m = *std::max_element(x, x + c);
    exact_sum sum;
    for (std::size_t i = 0; i < c; ++i) sum.add(std::exp(static_cast<long double>(x[i]) - m));
    const long double total = sum.value();
    for (std::size_t i = 0; i < c; ++i) {
      const long double v = std::exp(static_cast<long double>(x[i]) - m) / total;
      out[i] = {v, v};
    }
  }
  template <class T>
  static void ref_backward(const T*, const T* y, const T* dy, row_reference* out, std::size_t c) {
    exact_sum sum;
    for (std::size_t i = 0; i < c; ++i) sum.add(static_cast<long double>(dy[i]) * y[i]);
    const long double s = sum.value();
    for (std::size_t i = 0; i < c; ++i) {
      const long double yi = y[i], g = dy[i];
      out[i] = {yi * (g - s), std::fabs(yi) * (std::fabs(g) + std::fabs(s))};
    }
  }

#if ACTIV_BENCH_HAVE_EIGEN
  template <class T>
  static void eigen_f(const T* x, T* y, std::size_t rows, std::size_t c) {
    using A = Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    using col = Eigen::Array<T, Eigen::Dynamic, 1>;
    const Eigen::Map<const A> X(x, static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(c));
    Eigen::Map<A> Y(y, static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(c));
    const col m = X.rowwise().maxCoeff();
    Y = (X.colwise() - m).exp();
    const col sum = Y.rowwise().sum();
    Y.colwise() /= sum;
  }
  template <class T>
  static void eigen_backward(const T*, const T* y, const T* dy, T* dx, std::size_t rows,
                             std::size_t c) {
    using A = Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    using col = Eigen::Array<T, Eigen::Dynamic, 1>;
    const auto r = static_cast<Eigen::Index>(rows), n = static_cast<Eigen::Index>(c);
    const Eigen::Map<const A> Y(y, r, n), DY(dy, r, n);
    Eigen::Map<A> DX(dx, r, n);
    const col s = (DY * Y).rowwise().sum();
    DX = Y * (DY.colwise() - s);
  }
#endif
};

// ---------------------------------------------------------------------------
// log_softmax

struct log_softmax_rows {
  using functor = activ::log_softmax;
  static constexpr std::size_t in_per_out = 1;
  static constexpr row_peer peer = row_peer::log_softmax;
  static constexpr bool backward_reads_x = false;

  template <class T>
  static void f(const T* x, T* y, std::size_t c) {
    T m = x[0];
    for (std::size_t i = 1; i < c; ++i) m = std::max(m, x[i]);
    T sum = 0;
    for (std::size_t i = 0; i < c; ++i) sum += std::exp(x[i] - m);
    const T lse = std::log(sum);
    for (std::size_t i = 0; i < c; ++i) y[i] = x[i] - m - lse;
  }
  template <class T>
  static void backward(const T*, const T* y, const T* dy, T* dx, std::size_t c) {
    T s = 0;
    for (std::size_t i = 0; i < c; ++i) s += dy[i];
    for (std::size_t i = 0; i < c; ++i) dx[i] = dy[i] - std::exp(y[i]) * s;
  }

  template <class T>
  static void ref_forward(const T* x, row_reference* out, std::size_t c) {
    const std::size_t top = static_cast<std::size_t>(std::max_element(x, x + c) - x);
    const long double m = x[top];
    exact_sum rest;  // the sum without the maximum's exact 1
    for (std::size_t i = 0; i < c; ++i)
      if (i != top) rest.add(std::exp(static_cast<long double>(x[i]) - m));
    const long double lse = std::log1p(rest.value());
    for (std::size_t i = 0; i < c; ++i) {
      const long double v = (static_cast<long double>(x[i]) - m) - lse;
      out[i] = {v, std::fabs(v)};
    }
  }
  template <class T>
  static void ref_backward(const T*, const T* y, const T* dy, row_reference* out, std::size_t c) {
    exact_sum sum;
    for (std::size_t i = 0; i < c; ++i) sum.add(dy[i]);
    const long double s = sum.value();
    for (std::size_t i = 0; i < c; ++i) {
      const long double e = std::exp(static_cast<long double>(y[i])), g = dy[i];
      out[i] = {g - e * s, std::fabs(g) + e * std::fabs(s)};
    }
  }

#if ACTIV_BENCH_HAVE_EIGEN
  template <class T>
  static void eigen_f(const T* x, T* y, std::size_t rows, std::size_t c) {
    using A = Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    using col = Eigen::Array<T, Eigen::Dynamic, 1>;
    const Eigen::Map<const A> X(x, static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(c));
    Eigen::Map<A> Y(y, static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(c));
    const col m = X.rowwise().maxCoeff();
    Y = X.colwise() - m;
    const col lse = Y.exp().rowwise().sum().log();
    Y.colwise() -= lse;
  }
  template <class T>
  static void eigen_backward(const T*, const T* y, const T* dy, T* dx, std::size_t rows,
                             std::size_t c) {
    using A = Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    using col = Eigen::Array<T, Eigen::Dynamic, 1>;
    const auto r = static_cast<Eigen::Index>(rows), n = static_cast<Eigen::Index>(c);
    const Eigen::Map<const A> Y(y, r, n), DY(dy, r, n);
    Eigen::Map<A> DX(dx, r, n);
    const col s = DY.rowwise().sum();
    DX = DY - Y.exp().colwise() * s;
  }
#endif
};

// ---------------------------------------------------------------------------
// swiglu: rows of [gate | value], y = silu(gate) * value (gate first, activ's
// default and the fused-inference layout).

struct swiglu_rows {
  using functor = activ::swiglu;
  static constexpr std::size_t in_per_out = 2;
  static constexpr row_peer peer = row_peer::none;  // oneDNN 2.6 / XNNPACK 2022: no GLU operator
  static constexpr bool backward_reads_x = true;
  using silu = silu_formulas;

  template <class T>
  static void f(const T* x, T* y, std::size_t c) {
    const T* g = x;
    const T* v = x + c;
    for (std::size_t i = 0; i < c; ++i) y[i] = silu::f(g[i]) * v[i];
  }
  template <class T>
  static void backward(const T* x, const T*, const T* dy, T* dx, std::size_t c) {
    const T* g = x;
    const T* v = x + c;
    for (std::size_t i = 0; i < c; ++i) {
      dx[i] = dy[i] * v[i] * silu::df(g[i]);
      dx[c + i] = dy[i] * silu::f(g[i]);
    }
  }

  template <class T>
  static void ref_forward(const T* x, row_reference* out, std::size_t c) {
    for (std::size_t i = 0; i < c; ++i) {
      const long double v = silu::ref_f(x[i]) * static_cast<long double>(x[c + i]);
      out[i] = {v, std::fabs(v)};
    }
  }
  template <class T>
  static void ref_backward(const T* x, const T*, const T* dy, row_reference* out, std::size_t c) {
    for (std::size_t i = 0; i < c; ++i) {
      const long double g = x[i], v = x[c + i], d = dy[i];
      out[i] = {d * v * silu::ref_df(g), std::fabs(d * v) * silu::ref_df_scale(g)};
      const long double dv = d * silu::ref_f(g);
      out[c + i] = {dv, std::fabs(dv)};
    }
  }

#if ACTIV_BENCH_HAVE_EIGEN
  template <class T>
  static void eigen_f(const T* x, T* y, std::size_t rows, std::size_t c) {
    using A = Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const auto r = static_cast<Eigen::Index>(rows), n = static_cast<Eigen::Index>(c);
    const Eigen::Map<const A> X(x, r, 2 * n);
    Eigen::Map<A> Y(y, r, n);
    const auto G = X.leftCols(n);
    const auto V = X.rightCols(n);
    Y = G * G.logistic() * V;
  }
  template <class T>
  static void eigen_backward(const T* x, const T*, const T* dy, T* dx, std::size_t rows,
                             std::size_t c) {
    using A = Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const auto r = static_cast<Eigen::Index>(rows), n = static_cast<Eigen::Index>(c);
    const Eigen::Map<const A> X(x, r, 2 * n), DY(dy, r, n);
    Eigen::Map<A> DX(dx, r, 2 * n);
    const auto G = X.leftCols(n);
    const auto V = X.rightCols(n);
    DX.leftCols(n) = DY * V * (G.logistic() + G * G.logistic() * (T(1) - G.logistic()));
    DX.rightCols(n) = DY * G * G.logistic();
  }
#endif
};

using row_activations = std::tuple<softmax_rows, log_softmax_rows, swiglu_rows>;

// ---------------------------------------------------------------------------
// Implementations. Each has name, for_type<T>, supports<T, F>(direction) and
// make<T, F>(direction, rows, cols), a callable k(x, y, dy, out) over one
// array of `rows` rows, built outside the timed loop: x has rows * cols *
// in_per_out elements, y and dy rows * cols, out y's size (forward) or x's
// (backward).

struct activ_rows {
  static constexpr const char* name = "activ";
  template <class T>
  static constexpr bool for_type = true;
  template <class T, class F>
  static bool supports(direction d) {
    return d == direction::forward || d == direction::backward;
  }
  template <class T, class F>
  static auto make(direction d, std::size_t rows, std::size_t cols) {
    typename F::functor f{};
    f.cols = cols;
    const std::size_t ny = rows * cols, nx = ny * F::in_per_out;
    return [f, d, nx, ny](const T* x, const T* y, const T* dy, T* out) {
      if (d == direction::forward)
        activ::forward(f, view<const T>{x, nx}, view<T>{out, ny});
      else
        activ::backward(f, view<const T>{x, nx}, view<const T>{y, ny}, view<const T>{dy, ny},
                        view<T>{out, nx});
    };
  }
};

struct scalar_rows {
  static constexpr const char* name = "scalar";
  template <class T>
  static constexpr bool for_type = true;
  template <class T, class F>
  static bool supports(direction d) {
    return d == direction::forward || d == direction::backward;
  }
  template <class T, class F>
  static auto make(direction d, std::size_t rows, std::size_t cols) {
    return [d, rows, cols](const T* x, const T* y, const T* dy, T* out) {
      const std::size_t cx = cols * F::in_per_out;
      for (std::size_t r = 0; r < rows; ++r) {
        if (d == direction::forward)
          F::f(x + r * cx, out + r * cols, cols);
        else
          F::backward(x + r * cx, y + r * cols, dy + r * cols, out + r * cx, cols);
      }
    };
  }
};

// oneDNN softmax and logsoftmax, f32, one thread, on a [rows, cols] tensor
// (format ab) along axis 1. Forward: forward_inference. Backward: from the
// saved output (DNNL_ARG_DST) with a forward_training hint. oneDNN 2.x: the
// softmax_forward / logsoftmax_forward primitives; 3.x: softmax_forward with
// algorithm softmax_accurate / softmax_log.
#if ACTIV_BENCH_HAVE_ONEDNN
struct onednn_rows {
  static constexpr const char* name = "onednn";
  template <class T>
  static constexpr bool for_type = std::is_same_v<T, float>;

  struct kernel {
    dnnl::primitive primitive;
    dnnl::memory x, y, dy, out;
    std::unordered_map<int, dnnl::memory> args;
    bool backward = false;
    void operator()(const float* xp, const float* yp, const float* dyp, float* outp) {
      if (backward) {
        y.set_data_handle(const_cast<float*>(yp));
        dy.set_data_handle(const_cast<float*>(dyp));
      } else {
        x.set_data_handle(const_cast<float*>(xp));
      }
      out.set_data_handle(outp);
      primitive.execute(onednn_impl::stream(), args);
      onednn_impl::stream().wait();
    }
  };

#if DNNL_VERSION_MAJOR < 3
  template <class Fwd, class Bwd>
  static void build_v2x(kernel& k, const dnnl::memory::desc& md, bool backward) {
    dnnl::engine& e = onednn_impl::engine();
    if (!backward) {
      k.primitive = Fwd(typename Fwd::primitive_desc(
          typename Fwd::desc(dnnl::prop_kind::forward_inference, md, 1), e));
      return;
    }
    const typename Fwd::primitive_desc hint(
        typename Fwd::desc(dnnl::prop_kind::forward_training, md, 1), e);
    k.primitive = Bwd(typename Bwd::primitive_desc(typename Bwd::desc(md, md, 1), e, hint));
  }
#endif

  // Throws (dnnl::error or std::invalid_argument) when oneDNN has no such primitive.
  static kernel build(row_peer peer, direction d, std::size_t rows, std::size_t cols) {
    if (peer == row_peer::none || (d != direction::forward && d != direction::backward))
      throw std::invalid_argument("oneDNN has no such row-wise primitive");
    const bool backward = d == direction::backward;
    const dnnl::memory::dims dims{static_cast<dnnl::memory::dim>(rows),
                                  static_cast<dnnl::memory::dim>(cols)};
    const dnnl::memory::desc md(dims, dnnl::memory::data_type::f32, dnnl::memory::format_tag::ab);
    kernel k;
    k.backward = backward;
#if DNNL_VERSION_MAJOR >= 3
    dnnl::engine& e = onednn_impl::engine();
    const auto a = peer == row_peer::softmax ? dnnl::algorithm::softmax_accurate
                                             : dnnl::algorithm::softmax_log;
    if (!backward) {
      k.primitive = dnnl::softmax_forward(dnnl::softmax_forward::primitive_desc(
          e, dnnl::prop_kind::forward_inference, a, md, md, 1));
    } else {
      const dnnl::softmax_forward::primitive_desc hint(e, dnnl::prop_kind::forward_training, a, md,
                                                       md, 1);
      k.primitive =
          dnnl::softmax_backward(dnnl::softmax_backward::primitive_desc(e, a, md, md, md, 1, hint));
    }
#else
    if (peer == row_peer::softmax)
      build_v2x<dnnl::softmax_forward, dnnl::softmax_backward>(k, md, backward);
    else
      build_v2x<dnnl::logsoftmax_forward, dnnl::logsoftmax_backward>(k, md, backward);
#endif
    auto mem = [&] { return dnnl::memory(md, onednn_impl::engine(), DNNL_MEMORY_NONE); };
    k.out = mem();
    if (backward) {
      k.y = mem();
      k.dy = mem();
      k.args = {{DNNL_ARG_DST, k.y}, {DNNL_ARG_DIFF_DST, k.dy}, {DNNL_ARG_DIFF_SRC, k.out}};
    } else {
      k.x = mem();
      k.args = {{DNNL_ARG_SRC, k.x}, {DNNL_ARG_DST, k.out}};
    }
    return k;
  }

  template <class T, class F>
  static bool supports(direction d) {
    static_assert(std::is_same_v<T, float>, "oneDNN's CPU softmax: f32 here");
    if constexpr (F::peer == row_peer::none) {
      (void)d;
      return false;
    } else {
      static std::unordered_map<int, bool> known;  // per direction: can oneDNN build it here?
      const int key = static_cast<int>(d);
      if (auto it = known.find(key); it != known.end()) return it->second;
      bool ok = true;
      try {
        build(F::peer, d, 2, 1000);
      } catch (const std::exception&) {
        ok = false;
      }
      known.emplace(key, ok);
      return ok;
    }
  }

  template <class T, class F>
  static kernel make(direction d, std::size_t rows, std::size_t cols) {
    return build(F::peer, d, rows, cols);
  }
};
#endif

// XNNPACK softmax_nc_f32 (channels = cols, batch = rows), forward only, no
// thread pool; xnn_setup (pointer binding) and xnn_run_operator are timed.
// The 2022 snapshot has no log-softmax and no GLU operator.
#if ACTIV_BENCH_HAVE_XNNPACK
struct xnnpack_rows {
  static constexpr const char* name = "xnnpack";
  template <class T>
  static constexpr bool for_type = std::is_same_v<T, float>;

  struct kernel {
    std::shared_ptr<xnn_operator> op;
    std::size_t rows = 0;
    void operator()(const float* x, const float*, const float*, float* out) {
      if (xnn_setup_softmax_nc_f32(op.get(), rows, x, out, nullptr) != xnn_status_success ||
          xnn_run_operator(op.get(), nullptr) != xnn_status_success)
        throw std::runtime_error("XNNPACK: softmax setup or run failed");
    }
  };

  static kernel build(std::size_t rows, std::size_t cols) {
    if (!xnnpack_impl::initialized()) throw std::runtime_error("xnn_initialize failed");
    xnn_operator_t raw = nullptr;
    if (xnn_create_softmax_nc_f32(cols, cols, cols, 0, &raw) != xnn_status_success ||
        raw == nullptr)
      throw std::runtime_error("XNNPACK: no softmax operator");
    kernel k;
    k.op = std::shared_ptr<xnn_operator>(raw, [](xnn_operator_t p) { xnn_delete_operator(p); });
    k.rows = rows;
    return k;
  }

  template <class T, class F>
  static bool supports(direction d) {
    if constexpr (F::peer != row_peer::softmax) {
      (void)d;
      return false;
    } else {
      static const bool ok = [] {
        try {
          build(2, 1000);
          return true;
        } catch (const std::exception&) {
          return false;
        }
      }();
      return d == direction::forward && ok;
    }
  }

  template <class T, class F>
  static kernel make(direction, std::size_t rows, std::size_t cols) {
    return build(rows, cols);
  }
};
#endif

#if ACTIV_BENCH_HAVE_EIGEN
struct eigen_rows {
  static constexpr const char* name = "eigen";
  template <class T>
  static constexpr bool for_type = true;
  template <class T, class F>
  static bool supports(direction d) {
    return d == direction::forward || d == direction::backward;
  }
  template <class T, class F>
  static auto make(direction d, std::size_t rows, std::size_t cols) {
    return [d, rows, cols](const T* x, const T* y, const T* dy, T* out) {
      if (d == direction::forward)
        F::eigen_f(x, out, rows, cols);
      else
        F::eigen_backward(x, y, dy, out, rows, cols);
    };
  }
};
#endif

using row_implementations = std::tuple<activ_rows, scalar_rows
#if ACTIV_BENCH_HAVE_ONEDNN
                                       ,
                                       onednn_rows
#endif
#if ACTIV_BENCH_HAVE_XNNPACK
                                       ,
                                       xnnpack_rows
#endif
#if ACTIV_BENCH_HAVE_EIGEN
                                       ,
                                       eigen_rows
#endif
                                       >;

}  // namespace activ_bench
