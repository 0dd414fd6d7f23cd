// activ_bench's implementations: activ (its accurate and its fast tier), the
// scalar std:: loop, and the peers found at configure time (oneDNN eltwise,
// XNNPACK unary operators, Eigen array expressions). bench/CMakeLists.txt
// defines ACTIV_BENCH_HAVE_<PEER> for those it found; a missing peer has no
// rows, and the program says so.
//
// Every implementation is a struct with
//   name                                  the last part of the row name
//   for_type<T>                           whether it has T at all (compile time)
//   supports<T, F>(direction)             whether it has this function, type and
//                                          direction (asked once, at registration)
//   make<T, F>(direction, n)              a callable k(in, dy, out, n) built once
//                                          per row, outside the timed loop (where a
//                                          oneDNN primitive or an XNNPACK operator is
//                                          created); in = x, or y for
//                                          backward_from_output; out = y, f'(x) or dx.
//   [flushes_subnormals]                  true: a zero of the right sign where the
//                                          exact result is below the smallest normal
//                                          number counts as exact (activ's fast tier)
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "formulas.hpp"

#if ACTIV_BENCH_HAVE_ONEDNN
#include <oneapi/dnnl/dnnl.hpp>
#endif
#if ACTIV_BENCH_HAVE_XNNPACK
#include <xnnpack.h>
#endif
#if ACTIV_BENCH_HAVE_EIGEN
#include <Eigen/Core>
#include <unsupported/Eigen/SpecialFunctions>
#endif

namespace activ_bench {

// forward_with_derivative: y and f'(x) in one pass (activ and the scalar
// loop only; the row's ulp is that of y, and the tests check that f' has
// the bits of derivative's).
enum class direction {
  forward,
  derivative,
  backward,
  backward_from_output,
  forward_with_derivative
};
constexpr direction all_directions[] = {direction::forward, direction::derivative,
                                        direction::backward, direction::backward_from_output,
                                        direction::forward_with_derivative};

constexpr const char* name_of(direction d) {
  switch (d) {
    case direction::forward:
      return "forward";
    case direction::derivative:
      return "derivative";
    case direction::backward:
      return "backward";
    case direction::backward_from_output:
      return "backward_from_output";
    case direction::forward_with_derivative:
      return "forward_with_derivative";
  }
  return "?";
}

// ---------------------------------------------------------------------------
// activ's array drivers: the accurate tier, F itself (`activ`), and the fast
// tier, activ::fast<F> (`activ_fast`), for the activations listed in
// activ::fast_of<activ::elementwise_activations>::type. Both get the same rows
// and are checked against F's reference; `functor<F>` is the functor timed,
// whose `accuracy` the report prints as the bound. The fast tier's results
// below the smallest normal number may be zeros of the right sign
// (flushes_subnormals: max_ulp counts such a zero as exact).

// activ's drivers for functor A (F's functor or its fast tier).
template <class T, class A>
auto activ_kernel(direction d, std::size_t size) {
  auto second =
      std::make_shared<std::vector<T>>(d == direction::forward_with_derivative ? size : 0);
  return [f = A{}, d, second](const T* in, const T* dy, T* out, std::size_t n) {
    switch (d) {
      case direction::forward:
        activ::forward(f, in, out, n);
        break;
      case direction::derivative:
        activ::derivative(f, in, out, n);
        break;
      case direction::backward:
        activ::backward(f, in, dy, out, n);
        break;
      case direction::backward_from_output:
        if constexpr (activ::has_derivative_from_output_v<A>)
          activ::backward_from_output(f, in, dy, out, n);
        break;
      case direction::forward_with_derivative:
        activ::forward_with_derivative(f, in, out, second->data(), n);
        break;
    }
  };
}

struct activ_impl {
  static constexpr const char* name = "activ";
  template <class F>
  using functor = typename F::functor;
  template <class T>
  static constexpr bool for_type = true;
  template <class T, class F>
  static bool supports(direction d) {
    return d != direction::backward_from_output || activ::has_derivative_from_output_v<functor<F>>;
  }
  template <class T, class F>
  static auto make(direction d, std::size_t size) {
    return activ_kernel<T, functor<F>>(d, size);
  }
};

// Whether F's functor has a fast tier: activ::fast<functor> is in the list.
using fast_tiers = activ::fast_of<activ::elementwise_activations>::type;
template <class F>
inline constexpr bool has_fast_tier =
    count_in<activ::fast<typename F::functor>, fast_tiers>::value > 0;

struct activ_fast_impl {
  static constexpr const char* name = "activ_fast";
  static constexpr bool flushes_subnormals = true;
  template <class F>
  using functor = activ::fast<typename F::functor>;
  template <class T>
  static constexpr bool for_type = true;
  template <class T, class F>
  static bool supports(direction d) {
    return has_fast_tier<F> && activ_impl::supports<T, F>(d);
  }
  template <class T, class F>
  static auto make(direction d, std::size_t size) {
    if constexpr (has_fast_tier<F>) {
      return activ_kernel<T, functor<F>>(d, size);
    } else {
      (void)d, (void)size;
      return [](const T*, const T*, T*, std::size_t) {};  // never registered: supports() is false
    }
  }
};

// ---------------------------------------------------------------------------
// The loop a user writes by hand, built with the same flags: only for the
// activations with an entry in bench/formulas.hpp (has_by_hand).

struct scalar_impl {
  static constexpr const char* name = "scalar";
  template <class T>
  static constexpr bool for_type = true;
  template <class T, class F>
  static bool supports(direction d) {
    return has_by_hand<F>::value && (d != direction::backward_from_output || has_df_y<F>::value);
  }
  template <class T, class F>
  static auto make(direction d, std::size_t size) {
    if constexpr (!has_by_hand<F>::value) {
      (void)d, (void)size;
      return [](const T*, const T*, T*, std::size_t) {};  // never registered: supports() is false
    } else {
      return by_hand<T, F>(d, size);
    }
  }
  template <class T, class F>
  static auto by_hand(direction d, std::size_t size) {
    auto second =
        std::make_shared<std::vector<T>>(d == direction::forward_with_derivative ? size : 0);
    return [d, second](const T* in, const T* dy, T* out, std::size_t n) {
      switch (d) {
        case direction::forward:
          for (std::size_t i = 0; i < n; ++i) out[i] = F::f(in[i]);
          break;
        case direction::forward_with_derivative:
          for (std::size_t i = 0; i < n; ++i) out[i] = F::f(in[i]), (*second)[i] = F::df(in[i]);
          break;
        case direction::derivative:
          for (std::size_t i = 0; i < n; ++i) out[i] = F::df(in[i]);
          break;
        case direction::backward:
          for (std::size_t i = 0; i < n; ++i) out[i] = dy[i] * F::df(in[i]);
          break;
        case direction::backward_from_output:
          if constexpr (has_df_y<F>::value)
            for (std::size_t i = 0; i < n; ++i) out[i] = dy[i] * F::df_y(in[i]);
          break;
      }
    };
  }
};

// ---------------------------------------------------------------------------
// oneDNN eltwise, f32, one thread (bench_main.cpp sets OpenMP to one thread).
// Forward is forward_inference; backward and backward_from_output are
// eltwise_backward with the src (or, for the *_use_dst_for_bwd algorithms, the
// dst) and a forward_training hint. No derivative rows: oneDNN has no
// primitive for f'(x) alone.

#if ACTIV_BENCH_HAVE_ONEDNN
struct onednn_impl {
  static constexpr const char* name = "onednn";
  template <class T>
  static constexpr bool for_type = std::is_same_v<T, float>;  // f32 only

  static dnnl::engine& engine() {
    static dnnl::engine e(dnnl::engine::kind::cpu, 0);
    return e;
  }
  static dnnl::stream& stream() {
    static dnnl::stream s(engine());
    return s;
  }

  // The algorithm for a peer kind, from_dst: its *_use_dst_for_bwd variant.
  static bool algorithm_of(peer_kind k, bool from_dst, dnnl::algorithm& a) {
    using alg = dnnl::algorithm;
    if (from_dst) {
      switch (k) {
        case peer_kind::relu:
          a = alg::eltwise_relu_use_dst_for_bwd;
          return true;
        case peer_kind::clip:
          a = alg::eltwise_clip_v2_use_dst_for_bwd;
          return true;
        case peer_kind::logistic:
          a = alg::eltwise_logistic_use_dst_for_bwd;
          return true;
        case peer_kind::elu:
          a = alg::eltwise_elu_use_dst_for_bwd;
          return true;
        case peer_kind::tanh:
          a = alg::eltwise_tanh_use_dst_for_bwd;
          return true;
        default:
          return false;
      }
    }
    switch (k) {
      case peer_kind::relu:
        a = alg::eltwise_relu;
        return true;
      case peer_kind::clip:
        a = alg::eltwise_clip_v2;
        return true;
      case peer_kind::logistic:
        a = alg::eltwise_logistic;
        return true;
      case peer_kind::swish:
        a = alg::eltwise_swish;
        return true;
      case peer_kind::elu:
        a = alg::eltwise_elu;
        return true;
      case peer_kind::soft_relu:
        a = alg::eltwise_soft_relu;
        return true;
#if DNNL_VERSION_MAJOR < 3
      case peer_kind::logsigmoid:
        a = alg::eltwise_logsigmoid;
        return true;
#endif
      case peer_kind::mish:
        a = alg::eltwise_mish;
        return true;
      case peer_kind::tanh:
        a = alg::eltwise_tanh;
        return true;
      case peer_kind::gelu_erf:
        a = alg::eltwise_gelu_erf;
        return true;
      case peer_kind::gelu_tanh:
        a = alg::eltwise_gelu_tanh;
        return true;
      case peer_kind::hardswish:
        a = alg::eltwise_hardswish;
        return true;
      default:
        return false;
    }
  }

  struct kernel {
    dnnl::primitive primitive;
    dnnl::memory in, dy, out;
    std::unordered_map<int, dnnl::memory> args;
    void operator()(const float* x, const float* g, float* y, std::size_t) {
      in.set_data_handle(const_cast<float*>(x));
      if (dy) dy.set_data_handle(const_cast<float*>(g));
      out.set_data_handle(y);
      primitive.execute(stream(), args);
      stream().wait();
    }
  };

  // Throws dnnl::error when oneDNN has no implementation.
  static kernel build(peer_op op, direction d, std::size_t n) {
    const bool from_dst = d == direction::backward_from_output;
    dnnl::algorithm a{};
    if (d == direction::derivative || d == direction::forward_with_derivative ||
        !algorithm_of(op.kind, from_dst, a))
      throw std::invalid_argument("oneDNN has no such eltwise");
    using md_t = dnnl::memory::desc;
    const md_t md({static_cast<dnnl::memory::dim>(n)}, dnnl::memory::data_type::f32,
                  dnnl::memory::format_tag::a);
    auto mem = [&] { return dnnl::memory(md, engine(), DNNL_MEMORY_NONE); };
    kernel k;
    k.in = mem();
    k.out = mem();
#if DNNL_VERSION_MAJOR >= 3
    const auto inference = dnnl::prop_kind::forward_inference;
    const auto training = dnnl::prop_kind::forward_training;
    if (d == direction::forward) {
      k.primitive = dnnl::eltwise_forward(
          dnnl::eltwise_forward::primitive_desc(engine(), inference, a, md, md, op.alpha, op.beta));
      k.args = {{DNNL_ARG_SRC, k.in}, {DNNL_ARG_DST, k.out}};
      return k;
    }
    const dnnl::eltwise_forward::primitive_desc hint(engine(), training, a, md, md, op.alpha,
                                                     op.beta);
    k.primitive = dnnl::eltwise_backward(
        dnnl::eltwise_backward::primitive_desc(engine(), a, md, md, md, op.alpha, op.beta, hint));
#else
    if (d == direction::forward) {
      k.primitive = dnnl::eltwise_forward(dnnl::eltwise_forward::primitive_desc(
          {dnnl::prop_kind::forward_inference, a, md, op.alpha, op.beta}, engine()));
      k.args = {{DNNL_ARG_SRC, k.in}, {DNNL_ARG_DST, k.out}};
      return k;
    }
    const dnnl::eltwise_forward::primitive_desc hint(
        {dnnl::prop_kind::forward_training, a, md, op.alpha, op.beta}, engine());
    k.primitive = dnnl::eltwise_backward(
        dnnl::eltwise_backward::primitive_desc({a, md, md, op.alpha, op.beta}, engine(), hint));
#endif
    k.dy = mem();
    k.args = {{from_dst ? DNNL_ARG_DST : DNNL_ARG_SRC, k.in},
              {DNNL_ARG_DIFF_DST, k.dy},
              {DNNL_ARG_DIFF_SRC, k.out}};
    return k;
  }

  template <class T, class F>
  static bool supports(direction d) {
    static_assert(std::is_same_v<T, float>, "oneDNN's CPU eltwise has no f64");
    {
      if (d == direction::backward_from_output && !has_df_y<F>::value) return false;
      // Asked once per (function, direction): can oneDNN build it here?
      static std::map<direction, bool> known;
      if (auto it = known.find(d); it != known.end()) return it->second;
      bool ok = true;
      try {
        build(peer_of<F>(), d, 1024);
      } catch (const std::exception&) {
        ok = false;
      }
      known.emplace(d, ok);
      return ok;
    }
  }

  template <class T, class F>
  static kernel make(direction d, std::size_t n) {
    return build(peer_of<F>(), d, n);
  }

  static std::string describe() {
    const dnnl_version_t* v = dnnl_version();
    std::string s = "oneDNN " + std::to_string(v->major) + "." + std::to_string(v->minor) + "." +
                    std::to_string(v->patch);
    switch (dnnl::get_effective_cpu_isa()) {
      case dnnl::cpu_isa::avx512_core:
        s += " (JIT isa avx512_core)";
        break;
      case dnnl::cpu_isa::avx2:
        s += " (JIT isa avx2)";
        break;
      default:
        s += " (JIT isa: see ONEDNN_VERBOSE)";
        break;
    }
    return s;
  }
};
#endif

// ---------------------------------------------------------------------------
// XNNPACK unary operators, f32 forward, no thread pool. The 2022 snapshot in
// Debian has clamp, leaky_relu, sigmoid, elu and hardswish (no tanh, gelu,
// swish, mish or softplus). An operator is created per row (channels 1,
// batch n); xnn_setup_* (pointer binding) and xnn_run_operator are timed, as a
// user calls them for each new tensor.

#if ACTIV_BENCH_HAVE_XNNPACK
struct xnnpack_impl {
  static constexpr const char* name = "xnnpack";
  template <class T>
  static constexpr bool for_type = std::is_same_v<T, float>;  // f32 only
  using setup_fn = xnn_status (*)(xnn_operator_t, size_t, const float*, float*, pthreadpool_t);

  static bool initialized() {
    static const bool ok = xnn_initialize(nullptr) == xnn_status_success;
    return ok;
  }

  struct kernel {
    std::shared_ptr<xnn_operator> op;
    setup_fn setup = nullptr;
    void operator()(const float* x, const float*, float* y, std::size_t n) {
      if (setup(op.get(), n, x, y, nullptr) != xnn_status_success ||
          xnn_run_operator(op.get(), nullptr) != xnn_status_success)
        throw std::runtime_error("XNNPACK: setup or run failed");
    }
  };

  static kernel build(peer_op op) {
    if (!initialized()) throw std::runtime_error("xnn_initialize failed");
    xnn_operator_t raw = nullptr;
    xnn_status st = xnn_status_unsupported_parameter;
    kernel k;
    switch (op.kind) {
      case peer_kind::relu:
        if (op.alpha == 0) {
          st = xnn_create_clamp_nc_f32(1, 1, 1, 0.0f, std::numeric_limits<float>::infinity(), 0,
                                       &raw);
          k.setup = xnn_setup_clamp_nc_f32;
        } else {
          st = xnn_create_leaky_relu_nc_f32(1, 1, 1, op.alpha, 0, &raw);
          k.setup = xnn_setup_leaky_relu_nc_f32;
        }
        break;
      case peer_kind::clip:
        st = xnn_create_clamp_nc_f32(1, 1, 1, op.alpha, op.beta, 0, &raw);
        k.setup = xnn_setup_clamp_nc_f32;
        break;
      case peer_kind::logistic:
        st = xnn_create_sigmoid_nc_f32(1, 1, 1, 0, &raw);
        k.setup = xnn_setup_sigmoid_nc_f32;
        break;
      case peer_kind::elu:
        st = xnn_create_elu_nc_f32(1, 1, 1, op.alpha, 0, &raw);
        k.setup = xnn_setup_elu_nc_f32;
        break;
      case peer_kind::hardswish:
        st = xnn_create_hardswish_nc_f32(1, 1, 1, 0, &raw);
        k.setup = xnn_setup_hardswish_nc_f32;
        break;
      default:
        break;
    }
    if (st != xnn_status_success || raw == nullptr)
      throw std::runtime_error("XNNPACK: no such operator");
    k.op = std::shared_ptr<xnn_operator>(raw, [](xnn_operator_t p) { xnn_delete_operator(p); });
    return k;
  }

  template <class T, class F>
  static bool supports(direction d) {
    static_assert(std::is_same_v<T, float>, "XNNPACK: f32 only here");
    {
      if (d != direction::forward) return false;
      static const bool ok = [] {
        try {
          build(peer_of<F>());
          return true;
        } catch (const std::exception&) {
          return false;
        }
      }();
      return ok;
    }
  }

  template <class T, class F>
  static kernel make(direction, std::size_t) {
    return build(peer_of<F>());
  }

  static std::string describe() { return "XNNPACK (Debian snapshot; no thread pool)"; }
};
#endif

// ---------------------------------------------------------------------------
// Eigen array expressions over Maps of the caller's memory, float and double:
// forward where the formulas give eigen_f, backward where they give
// eigen_backward (dx = dy * f'(x) written out).

#if ACTIV_BENCH_HAVE_EIGEN
template <class F, class = void>
struct has_eigen_f : std::false_type {};
template <class F>
struct has_eigen_f<F, std::void_t<decltype(&F::template eigen_f<Eigen::Map<const Eigen::ArrayXf>,
                                                                Eigen::Map<Eigen::ArrayXf>>)>>
    : std::true_type {};
template <class F, class = void>
struct has_eigen_backward : std::false_type {};
template <class F>
struct has_eigen_backward<
    F, std::void_t<decltype(&F::template eigen_backward<Eigen::Map<const Eigen::ArrayXf>,
                                                        Eigen::Map<const Eigen::ArrayXf>,
                                                        Eigen::Map<Eigen::ArrayXf>>)>>
    : std::true_type {};

struct eigen_impl {
  static constexpr const char* name = "eigen";
  template <class T>
  static constexpr bool for_type = true;
  template <class T, class F>
  static bool supports(direction d) {
    return (d == direction::forward && has_eigen_f<F>::value) ||
           (d == direction::backward && has_eigen_backward<F>::value);
  }
  template <class T, class F>
  static auto make(direction d, std::size_t) {
    return [d](const T* in, const T* dy, T* out, std::size_t n) {
      using in_map = Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>>;
      using out_map = Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>>;
      const auto count = static_cast<Eigen::Index>(n);
      const in_map x(in, count);
      out_map y(out, count);
      if constexpr (has_eigen_f<F>::value)
        if (d == direction::forward) F::eigen_f(x, y);
      if constexpr (has_eigen_backward<F>::value)
        if (d == direction::backward) F::eigen_backward(x, in_map(dy, count), y);
    };
  }
  static std::string describe() {
    return "Eigen " + std::to_string(EIGEN_WORLD_VERSION) + "." +
           std::to_string(EIGEN_MAJOR_VERSION) + "." + std::to_string(EIGEN_MINOR_VERSION) + " (" +
           Eigen::SimdInstructionSetsInUse() + ")";
  }
};
#endif

// ---------------------------------------------------------------------------
// The implementations every row is timed with, activ's two tiers first.

using implementations = std::tuple<activ_impl, activ_fast_impl, scalar_impl
#if ACTIV_BENCH_HAVE_ONEDNN
                                   ,
                                   onednn_impl
#endif
#if ACTIV_BENCH_HAVE_XNNPACK
                                   ,
                                   xnnpack_impl
#endif
#if ACTIV_BENCH_HAVE_EIGEN
                                   ,
                                   eigen_impl
#endif
                                   >;

// "name version (details)" of each peer compiled in, and the names of those missing.
inline std::string peers_present() {
  std::string s;
  auto add = [&s](const std::string& what) { s += (s.empty() ? "" : "; ") + what; };
#if ACTIV_BENCH_HAVE_ONEDNN
  add(onednn_impl::describe());
#endif
#if ACTIV_BENCH_HAVE_XNNPACK
  add(xnnpack_impl::describe());
#endif
#if ACTIV_BENCH_HAVE_EIGEN
  add(eigen_impl::describe());
#endif
  (void)add;
  return s.empty() ? "none" : s;
}

inline std::string peers_missing() {
  std::string s;
  auto add = [&s](const char* what) { s += (s.empty() ? "" : ", ") + std::string(what); };
#if !ACTIV_BENCH_HAVE_ONEDNN
  add("oneDNN (libdnnl-dev)");
#endif
#if !ACTIV_BENCH_HAVE_XNNPACK
  add("XNNPACK (libxnnpack-dev, libpthreadpool-dev)");
#endif
#if !ACTIV_BENCH_HAVE_EIGEN
  add("Eigen (libeigen3-dev)");
#endif
  (void)add;
  return s;
}

}  // namespace activ_bench
