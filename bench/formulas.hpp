// activ_bench's table of element-wise activations: which rows each one gets,
// and the formulas they are timed and checked with.
//
// The rows follow activ::elementwise_activations: every activation in that
// list gets activ's rows (forward, derivative, backward, backward_from_output
// where the functor has it, forward_with_derivative; float and double),
// whether or not it has an entry here.
//
// When an entry is needed: only where a peer implements the function (a
// oneDNN eltwise algorithm or XNNPACK operator, `peer`; an Eigen array
// expression, `eigen_f`). A new activation no peer has needs no entry: its
// activ rows are checked against the long double reference of its test
// record (activ_test::info<F>(), tests/support/records.hpp), and it has no
// scalar-loop or peer rows and no max_ulp on backward_from_output (the
// record has no reference from the output). Every entry below has at least
// the Eigen expression; those whose only peer is Eigen (hardshrink, sign, ...)
// also carry the scalar-loop baseline (`× scalar`). An entry is listed in
// `entries` at the end too, where a static_assert rejects one for an
// activation that is not in the list.
//
// An entry, `<name>_formulas`, holds:
//   using functor = activ::<name>;             the library's functor, default parameters
//   f, df [, df_y]   (template on T)           the scalar std:: code a user writes by
//                                               hand: stable forms (sigmoid from
//                                               e^-|x|, softplus as max(x,0) +
//                                               log1p(e^-|x|)), the same parameters
//   ref_f, ref_df [, ref_df_y] (long double)   the reference max_ulp is measured against
//   [ref_df_scale]                              for f' with a zero crossing: the size
//                                               its error is measured in (|a| + |b| of
//                                               f' = a + b, as the README's accuracy
//                                               table does); default |f'|
//   [peer]                                      the peers' name for it (oneDNN eltwise
//                                               vocabulary; absent or peer_kind::none:
//                                               neither oneDNN nor XNNPACK has it)
//   [eigen_f(x, y)], [eigen_backward(x, dy, dx)] the Eigen array expression a user writes
//
// The references are evaluated in long double (64-bit significand) and are
// accurate to well below a double ulp over the benchmark's inputs (|x| <= 60):
// cancellations are avoided as in the library (f' of sigmoid and tanh from
// e^-|x|, tanhshrink by its series below 1/2, gelu's argument x/sqrt 2 and
// x^2 carried to twice long double's precision). Where an exponential's
// argument is itself rounded (gelu_tanh's A = c1 x + c3 x^3), the reference
// carries a relative error of about |A| 2^-64: at most 0.1 double ulp for
// |x| <= 13 (normal inputs), up to 0.4 double ulp in the double saturation
// rows near gelu_tanh's underflow (x near -21); nothing for float.
#pragma once

#include <activ/activ.hpp>
#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>
#include <type_traits>
#include <utility>

#include "support/records.hpp"  // tests/support: the reference of an activation without an entry

namespace activ_bench {

// ---------------------------------------------------------------------------
// The peers' vocabulary (oneDNN's eltwise algorithms; XNNPACK maps a subset).

enum class peer_kind {
  none,        // no peer has this function
  relu,        // x > 0 ? x : alpha x            (alpha: negative slope)
  clip,        // min(max(x, alpha), beta)       (oneDNN clip_v2, XNNPACK clamp)
  logistic,    // 1 / (1 + e^-x)
  swish,       // x logistic(alpha x)
  elu,         // x > 0 ? x : alpha (e^x - 1)
  soft_relu,   // log(1 + e^x)
  logsigmoid,  // log(logistic(x))
  mish,        // x tanh(soft_relu(x))
  tanh,
  gelu_erf,
  gelu_tanh,
  hardswish,  // x relu6(x + 3) / 6             (oneDNN 3.x: alpha = 1/6, beta = 1/2)
};

struct peer_op {
  peer_kind kind = peer_kind::none;
  float alpha = 0;
  float beta = 0;
};

// ---------------------------------------------------------------------------
// Shared pieces of the by-hand code and the references.

template <class T>
T sigmoid_by_hand(T x) {  // the stable form: never e^ of a large positive number
  return x >= T(0) ? T(1) / (T(1) + std::exp(-x)) : std::exp(x) / (T(1) + std::exp(x));
}

template <class T>
T softplus_by_hand(T x) {
  return std::max(x, T(0)) + std::log1p(std::exp(-std::fabs(x)));
}

inline long double sigmoid_ref(long double x) {
  const long double t = std::exp(-std::fabs(x));
  return x >= 0 ? 1 / (1 + t) : t / (1 + t);
}

// sigmoid'(x) = e^-|x| / (1 + e^-|x|)^2; s (1 - s) would cancel for large x.
inline long double sigmoid_prime_ref(long double x) {
  const long double t = std::exp(-std::fabs(x));
  return t / ((1 + t) * (1 + t));
}

inline long double softplus_ref(long double x) {
  return std::fmax(x, 0.0L) + std::log1p(std::exp(-std::fabs(x)));
}

// x - tanh x = -(a3 x^3 + a5 x^5 + ...), tanh x = sum a_k x^k: the series,
// whose coefficients follow from tanh' = 1 - tanh^2:
//   (n + 1) a_(n+1) = [n == 0] - sum_(i+j=n) a_i a_j.
// 40 terms; for |x| < 1/2 each term is below a tenth of the one before.
inline long double x_minus_tanh_series(long double x) {
  constexpr int k_terms = 40;
  static const auto coefficients = [] {
    std::array<long double, 2 * k_terms + 2> a{};
    a[1] = 1;
    for (int n = 1; n + 1 < static_cast<int>(a.size()); ++n) {
      long double sum = 0;
      for (int i = 0; i <= n; ++i) sum += a[i] * a[n - i];
      a[n + 1] = -sum / (n + 1);
    }
    return a;
  }();
  const long double x2 = x * x;
  long double s = 0;
  for (int k = k_terms; k >= 1; --k) s = s * x2 - coefficients[2 * k + 1];
  return s * x2 * x;
}

// 1/sqrt 2 as hi + lo (lo from the exact remainder 1/2 - hi^2), and
// erfc(z) for z = -x hi - x lo to twice long double's precision in z:
// erfc(z + d) = erfc(z) - d 2/sqrt(pi) e^-z^2 for the tiny d.
inline long double half_erfc_of_minus_x_over_sqrt2(long double x) {
  static const long double c_hi = 0.70710678118654752440084436210484903928L;
  static const long double c_lo = std::fma(-c_hi, c_hi, 0.5L) / (2 * c_hi);
  const long double z = -x * c_hi;
  const long double dz = std::fma(-x, c_hi, -z) - x * c_lo;
  constexpr long double two_over_sqrt_pi = 1.1283791670955125738961589031215452L;
  return (std::erfc(z) - dz * two_over_sqrt_pi * std::exp(-z * z)) / 2;
}

// e^(-x^2/2) with x^2 = hi + lo exact (x has at most 53 bits).
inline long double gauss_ref(long double x) {
  const long double hi = x * x;
  const long double lo = std::fma(x, x, -hi);
  return std::exp(-hi / 2) * (1 - lo / 2);
}

constexpr long double k_inv_sqrt_2pi = 0.39894228040143267793994605993438187L;
constexpr long double k_gelu_c1 = 1.5957691216057307117597842397375L;  // 2 sqrt(2/pi)
constexpr long double k_gelu_c3 = k_gelu_c1 * 0.044715L;

// ---------------------------------------------------------------------------
// Piecewise-linear activations.

struct relu_formulas {
  using functor = activ::relu;
  template <class T>
  static T f(T x) {
    return x > T(0) ? x : T(0);
  }
  template <class T>
  static T df(T x) {
    return x > T(0) ? T(1) : T(0);
  }
  template <class T>
  static T df_y(T y) {
    return y > T(0) ? T(1) : T(0);
  }
  static long double ref_f(long double x) { return f(x); }
  static long double ref_df(long double x) { return df(x); }
  static long double ref_df_y(long double y) { return df_y(y); }
  static constexpr peer_op peer{peer_kind::relu, 0, 0};
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    y = x.max(typename X::Scalar(0));
  }
  template <class X, class DY, class DX>
  static void eigen_backward(const X& x, const DY& dy, DX& dx) {
    using T = typename X::Scalar;
    dx = (x > T(0)).select(dy, T(0));
  }
};

// leaky_relu, prelu and rrelu (evaluation form) share the line; Slope gives
// the functor and its default slope.
template <class Functor, class Slope>
struct leaky_formulas {
  using functor = Functor;
  static constexpr double alpha = Slope::value;
  template <class T>
  static T f(T x) {
    return x > T(0) ? x : T(alpha) * x;
  }
  template <class T>
  static T df(T x) {
    return x > T(0) ? T(1) : T(alpha);
  }
  template <class T>
  static T df_y(T y) {
    return y > T(0) ? T(1) : T(alpha);
  }
  static long double ref_f(long double x) { return x > 0 ? x : alpha * x; }
  static long double ref_df(long double x) { return x > 0 ? 1 : alpha; }
  static long double ref_df_y(long double y) { return y > 0 ? 1 : alpha; }
  static constexpr peer_op peer{peer_kind::relu, static_cast<float>(alpha), 0};
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    using T = typename X::Scalar;
    y = (x > T(0)).select(x, T(alpha) * x);
  }
};
struct leaky_relu_slope {
  static constexpr double value = activ::leaky_relu{}.alpha;
};
struct prelu_slope {
  static constexpr double value = activ::prelu{}.alpha;
};
struct rrelu_slope {
  static constexpr double value = (activ::rrelu{}.lower + activ::rrelu{}.upper) / 2;
};
using leaky_relu_formulas = leaky_formulas<activ::leaky_relu, leaky_relu_slope>;
using prelu_formulas = leaky_formulas<activ::prelu, prelu_slope>;
using rrelu_formulas = leaky_formulas<activ::rrelu, rrelu_slope>;

// relu6 and hardtanh: a clamp to [lo, hi], f' = 1 strictly inside.
template <class Functor, class Bounds>
struct clamp_formulas {
  using functor = Functor;
  static constexpr double lo = Bounds::lo, hi = Bounds::hi;
  template <class T>
  static T f(T x) {
    return std::min(std::max(x, T(lo)), T(hi));
  }
  template <class T>
  static T df(T x) {
    return x > T(lo) && x < T(hi) ? T(1) : T(0);
  }
  template <class T>
  static T df_y(T y) {
    return df(y);
  }
  static long double ref_f(long double x) { return f(x); }
  static long double ref_df(long double x) { return df(x); }
  static long double ref_df_y(long double y) { return df(y); }
  static constexpr peer_op peer{peer_kind::clip, static_cast<float>(lo), static_cast<float>(hi)};
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    using T = typename X::Scalar;
    y = x.max(T(lo)).min(T(hi));
  }
};
struct relu6_bounds {
  static constexpr double lo = 0, hi = 6;
};
struct hardtanh_bounds {
  static constexpr double lo = activ::hardtanh{}.min_val, hi = activ::hardtanh{}.max_val;
};
using relu6_formulas = clamp_formulas<activ::relu6, relu6_bounds>;
using hardtanh_formulas = clamp_formulas<activ::hardtanh, hardtanh_bounds>;

struct hardsigmoid_formulas {  // PyTorch's relu6(x + 3) / 6
  using functor = activ::hardsigmoid;
  template <class T>
  static T f(T x) {
    return std::min(std::max(x + T(3), T(0)), T(6)) / T(6);
  }
  template <class T>
  static T df(T x) {
    return x > T(-3) && x < T(3) ? T(1) / T(6) : T(0);
  }
  static long double ref_f(long double x) { return std::fmin(std::fmax((x + 3) / 6, 0.0L), 1.0L); }
  static long double ref_df(long double x) { return x > -3 && x < 3 ? 1 / 6.0L : 0; }
  static constexpr peer_op peer{};  // oneDNN 2.6 and XNNPACK 2022 have none
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    using T = typename X::Scalar;
    y = (x + T(3)).max(T(0)).min(T(6)) / T(6);
  }
};

struct hardswish_formulas {
  using functor = activ::hardswish;
  template <class T>
  static T f(T x) {
    return x * std::min(std::max(x + T(3), T(0)), T(6)) / T(6);
  }
  template <class T>
  static T df(T x) {
    return x <= T(-3) ? T(0) : x >= T(3) ? T(1) : (T(2) * x + T(3)) / T(6);
  }
  static long double ref_f(long double x) { return x <= -3 ? 0 : x >= 3 ? x : x * (x + 3) / 6; }
  static long double ref_df(long double x) { return x <= -3 ? 0 : x >= 3 ? 1 : (x + 1.5L) / 3; }
  static constexpr peer_op peer{peer_kind::hardswish, 1.0f / 6, 0.5f};
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    using T = typename X::Scalar;
    y = x * (x + T(3)).max(T(0)).min(T(6)) / T(6);
  }
};

struct threshold_formulas {  // defaults theta = 0, value = 0
  using functor = activ::threshold;
  static constexpr double theta = activ::threshold{}.theta, value = activ::threshold{}.value;
  template <class T>
  static T f(T x) {
    return x > T(theta) ? x : T(value);
  }
  template <class T>
  static T df(T x) {
    return x > T(theta) ? T(1) : T(0);
  }
  template <class T>
  static T df_y(T y) {
    return y > T(theta) ? T(1) : T(0);
  }
  static long double ref_f(long double x) { return x > theta ? x : value; }
  static long double ref_df(long double x) { return x > theta ? 1 : 0; }
  static long double ref_df_y(long double y) { return y > theta ? 1 : 0; }
  static constexpr peer_op peer{};  // a general threshold: no peer has one
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    using T = typename X::Scalar;
    y = (x > T(theta)).select(x, T(value));
  }
};

struct hardshrink_formulas {
  using functor = activ::hardshrink;
  static constexpr double lambda = activ::hardshrink{}.lambda;
  template <class T>
  static T f(T x) {
    return std::fabs(x) > T(lambda) ? x : T(0);
  }
  template <class T>
  static T df(T x) {
    return std::fabs(x) > T(lambda) ? T(1) : T(0);
  }
  template <class T>
  static T df_y(T y) {
    return y != T(0) ? T(1) : T(0);
  }
  static long double ref_f(long double x) { return f(x); }
  static long double ref_df(long double x) { return df(x); }
  static long double ref_df_y(long double y) { return df_y(y); }
  static constexpr peer_op peer{};
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    using T = typename X::Scalar;
    y = (x.abs() > T(lambda)).select(x, T(0));
  }
};

struct softshrink_formulas {
  using functor = activ::softshrink;
  static constexpr double lambda = activ::softshrink{}.lambda;
  template <class T>
  static T f(T x) {
    return x > T(lambda) ? x - T(lambda) : x < -T(lambda) ? x + T(lambda) : T(0);
  }
  template <class T>
  static T df(T x) {
    return std::fabs(x) > T(lambda) ? T(1) : T(0);
  }
  template <class T>
  static T df_y(T y) {
    return y != T(0) ? T(1) : T(0);
  }
  static long double ref_f(long double x) { return f(x); }
  static long double ref_df(long double x) { return df(x); }
  static long double ref_df_y(long double y) { return df_y(y); }
  static constexpr peer_op peer{};
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    using T = typename X::Scalar;
    y = (x > T(lambda)).select(x - T(lambda), (x < T(-lambda)).select(x + T(lambda), T(0)));
  }
};

struct sign_formulas {
  using functor = activ::sign;
  template <class T>
  static T f(T x) {
    return x > T(0) ? T(1) : x < T(0) ? T(-1) : x;
  }
  template <class T>
  static T df(T) {
    return T(0);
  }
  template <class T>
  static T df_y(T) {
    return T(0);
  }
  static long double ref_f(long double x) { return f(x); }
  static long double ref_df(long double) { return 0; }
  static long double ref_df_y(long double) { return 0; }
  static constexpr peer_op peer{};
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    y = x.sign();
  }
};

struct softsign_formulas {
  using functor = activ::softsign;
  template <class T>
  static T f(T x) {
    return x / (T(1) + std::fabs(x));
  }
  template <class T>
  static T df(T x) {
    const T d = T(1) + std::fabs(x);
    return T(1) / (d * d);
  }
  template <class T>
  static T df_y(T y) {
    const T d = T(1) - std::fabs(y);
    return d * d;
  }
  static long double ref_f(long double x) { return f(x); }
  static long double ref_df(long double x) { return df(x); }
  static long double ref_df_y(long double y) { return df_y(y); }
  static constexpr peer_op peer{};
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    using T = typename X::Scalar;
    y = x / (T(1) + x.abs());
  }
};

// ---------------------------------------------------------------------------
// Exponential family.

struct sigmoid_formulas {
  using functor = activ::sigmoid;
  template <class T>
  static T f(T x) {
    return sigmoid_by_hand(x);
  }
  template <class T>
  static T df(T x) {
    const T s = sigmoid_by_hand(x);
    return s * (T(1) - s);
  }
  template <class T>
  static T df_y(T y) {
    return y * (T(1) - y);
  }
  static long double ref_f(long double x) { return sigmoid_ref(x); }
  static long double ref_df(long double x) { return sigmoid_prime_ref(x); }
  static long double ref_df_y(long double y) { return y * (1 - y); }
  static constexpr peer_op peer{peer_kind::logistic};
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    y = x.logistic();
  }
  template <class X, class DY, class DX>
  static void eigen_backward(const X& x, const DY& dy, DX& dx) {
    using T = typename X::Scalar;
    dx = dy * x.logistic() * (T(1) - x.logistic());
  }
};

// swish (beta = 1) and silu: x sigmoid(x).
template <class Functor>
struct silu_like_formulas {
  using functor = Functor;
  template <class T>
  static T f(T x) {
    return x * sigmoid_by_hand(x);
  }
  template <class T>
  static T df(T x) {
    const T s = sigmoid_by_hand(x);
    return s + x * s * (T(1) - s);
  }
  static long double ref_f(long double x) { return x * sigmoid_ref(x); }
  static long double ref_df(long double x) { return sigmoid_ref(x) + x * sigmoid_prime_ref(x); }
  static long double ref_df_scale(long double x) {  // f' crosses 0 near x = -1.2785
    return sigmoid_ref(x) + std::fabs(x * sigmoid_prime_ref(x));
  }
  static constexpr peer_op peer{peer_kind::swish, 1, 0};
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    y = x * x.logistic();
  }
  template <class X, class DY, class DX>
  static void eigen_backward(const X& x, const DY& dy, DX& dx) {
    using T = typename X::Scalar;
    dx = dy * (x.logistic() + x * x.logistic() * (T(1) - x.logistic()));
  }
};
static_assert(activ::swish{}.beta == 1, "swish_formulas assumes beta = 1");
using swish_formulas = silu_like_formulas<activ::swish>;
using silu_formulas = silu_like_formulas<activ::silu>;

// elu (alpha = 1) and celu (alpha = 1): the same function at the defaults,
// written each with its own parameter.
struct elu_formulas {
  using functor = activ::elu;
  static constexpr double alpha = activ::elu{}.alpha;
  template <class T>
  static T f(T x) {
    return x > T(0) ? x : T(alpha) * std::expm1(x);
  }
  template <class T>
  static T df(T x) {
    return x > T(0) ? T(1) : T(alpha) * std::exp(x);
  }
  template <class T>
  static T df_y(T y) {
    return y > T(0) ? T(1) : y + T(alpha);
  }
  static long double ref_f(long double x) { return x > 0 ? x : alpha * std::expm1(x); }
  static long double ref_df(long double x) { return x > 0 ? 1 : alpha * std::exp(x); }
  static long double ref_df_y(long double y) { return y > 0 ? 1 : y + alpha; }
  static constexpr peer_op peer{peer_kind::elu, static_cast<float>(alpha), 0};
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    using T = typename X::Scalar;
    y = (x > T(0)).select(x, T(alpha) * x.expm1());
  }
  template <class X, class DY, class DX>
  static void eigen_backward(const X& x, const DY& dy, DX& dx) {
    using T = typename X::Scalar;
    dx = (x > T(0)).select(dy, dy * T(alpha) * x.exp());
  }
};

struct celu_formulas {
  using functor = activ::celu;
  static constexpr double alpha = activ::celu{}.alpha;
  template <class T>
  static T f(T x) {
    return x > T(0) ? x : T(alpha) * std::expm1(x / T(alpha));
  }
  template <class T>
  static T df(T x) {
    return x > T(0) ? T(1) : std::exp(x / T(alpha));
  }
  template <class T>
  static T df_y(T y) {
    return y > T(0) ? T(1) : y / T(alpha) + T(1);
  }
  static long double ref_f(long double x) { return x > 0 ? x : alpha * std::expm1(x / alpha); }
  static long double ref_df(long double x) { return x > 0 ? 1 : std::exp(x / alpha); }
  static long double ref_df_y(long double y) { return y > 0 ? 1 : y / alpha + 1; }
  static constexpr peer_op peer{};  // oneDNN's elu is celu only for alpha = 1: not counted
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    using T = typename X::Scalar;
    y = (x > T(0)).select(x, T(alpha) * (x / T(alpha)).expm1());
  }
};

struct selu_formulas {
  static constexpr long double alpha = 1.6732632423543772848170429916717L;
  static constexpr long double scale = 1.0507009873554804934193349852946L;
  using functor = activ::selu;
  template <class T>
  static T f(T x) {
    return T(scale) * (x > T(0) ? x : T(alpha) * std::expm1(x));
  }
  template <class T>
  static T df(T x) {
    return T(scale) * (x > T(0) ? T(1) : T(alpha) * std::exp(x));
  }
  template <class T>
  static T df_y(T y) {
    return y > T(0) ? T(scale) : y + T(scale * alpha);
  }
  static long double ref_f(long double x) { return scale * (x > 0 ? x : alpha * std::expm1(x)); }
  static long double ref_df(long double x) { return scale * (x > 0 ? 1 : alpha * std::exp(x)); }
  static long double ref_df_y(long double y) { return y > 0 ? scale : y + scale * alpha; }
  static constexpr peer_op peer{};
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    using T = typename X::Scalar;
    y = T(scale) * (x > T(0)).select(x, T(alpha) * x.expm1());
  }
};

struct softplus_formulas {  // beta = 1, threshold = 20 (PyTorch's definition)
  using functor = activ::softplus;
  static constexpr double threshold = activ::softplus{}.threshold;
  static_assert(activ::softplus{}.beta == 1, "softplus_formulas assumes beta = 1");
  template <class T>
  static T f(T x) {
    return x > T(threshold) ? x : softplus_by_hand(x);
  }
  template <class T>
  static T df(T x) {
    return x > T(threshold) ? T(1) : sigmoid_by_hand(x);
  }
  static long double ref_f(long double x) { return x > threshold ? x : softplus_ref(x); }
  static long double ref_df(long double x) { return x > threshold ? 1 : sigmoid_ref(x); }
  static constexpr peer_op peer{peer_kind::soft_relu, 1, 0};
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    using T = typename X::Scalar;
    y = (x > T(threshold)).select(x, x.max(T(0)) + (-x.abs()).exp().log1p());
  }
  template <class X, class DY, class DX>
  static void eigen_backward(const X& x, const DY& dy, DX& dx) {
    using T = typename X::Scalar;
    dx = (x > T(threshold)).select(dy, dy * x.logistic());
  }
};

struct logsigmoid_formulas {
  using functor = activ::logsigmoid;
  template <class T>
  static T f(T x) {
    return std::min(x, T(0)) - std::log1p(std::exp(-std::fabs(x)));
  }
  template <class T>
  static T df(T x) {
    return sigmoid_by_hand(-x);
  }
  template <class T>
  static T df_y(T y) {
    return -std::expm1(y);
  }
  static long double ref_f(long double x) {
    return std::fmin(x, 0.0L) - std::log1p(std::exp(-std::fabs(x)));
  }
  static long double ref_df(long double x) { return sigmoid_ref(-x); }
  static long double ref_df_y(long double y) { return -std::expm1(y); }
  static constexpr peer_op peer{peer_kind::logsigmoid};
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    using T = typename X::Scalar;
    y = x.min(T(0)) - (-x.abs()).exp().log1p();
  }
  template <class X, class DY, class DX>
  static void eigen_backward(const X& x, const DY& dy, DX& dx) {
    dx = dy * (-x).logistic();
  }
};

struct mish_formulas {
  using functor = activ::mish;
  template <class T>
  static T f(T x) {
    return x * std::tanh(softplus_by_hand(x));
  }
  template <class T>
  static T df(T x) {
    const T t = std::tanh(softplus_by_hand(x));
    return t + x * sigmoid_by_hand(x) * (T(1) - t * t);
  }
  static long double ref_f(long double x) { return x * std::tanh(softplus_ref(x)); }
  static long double sech2_of_softplus(long double x) {
    const long double c = std::cosh(softplus_ref(x));
    return 1 / (c * c);
  }
  static long double ref_df(long double x) {
    return std::tanh(softplus_ref(x)) + x * sigmoid_ref(x) * sech2_of_softplus(x);
  }
  static long double ref_df_scale(long double x) {  // f' crosses 0 near x = -1.19
    return std::tanh(softplus_ref(x)) + std::fabs(x * sigmoid_ref(x) * sech2_of_softplus(x));
  }
  static constexpr peer_op peer{peer_kind::mish};
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    using T = typename X::Scalar;
    y = x * (x.max(T(0)) + (-x.abs()).exp().log1p()).tanh();
  }
};

// ---------------------------------------------------------------------------
// tanh and the GELUs.

struct tanh_formulas {
  using functor = activ::tanh;
  template <class T>
  static T f(T x) {
    return std::tanh(x);
  }
  template <class T>
  static T df(T x) {
    const T t = std::tanh(x);
    return T(1) - t * t;
  }
  template <class T>
  static T df_y(T y) {
    return T(1) - y * y;
  }
  static long double ref_f(long double x) { return std::tanh(x); }
  static long double ref_df(long double x) {  // 4 e^-2|x| / (1 + e^-2|x|)^2: no 1 - tanh^2
    const long double t = std::exp(-2 * std::fabs(x));
    return 4 * t / ((1 + t) * (1 + t));
  }
  static long double ref_df_y(long double y) { return (1 - y) * (1 + y); }
  static constexpr peer_op peer{peer_kind::tanh};
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    y = x.tanh();
  }
  template <class X, class DY, class DX>
  static void eigen_backward(const X& x, const DY& dy, DX& dx) {
    using T = typename X::Scalar;
    dx = dy * (T(1) - x.tanh().square());
  }
};

struct tanhshrink_formulas {
  using functor = activ::tanhshrink;
  template <class T>
  static T f(T x) {
    return x - std::tanh(x);
  }
  template <class T>
  static T df(T x) {
    const T t = std::tanh(x);
    return t * t;
  }
  static long double ref_f(long double x) {
    return std::fabs(x) < 0.5L ? x_minus_tanh_series(x) : x - std::tanh(x);
  }
  static long double ref_df(long double x) {
    const long double t = std::tanh(x);
    return t * t;
  }
  static constexpr peer_op peer{};
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    y = x - x.tanh();
  }
};

struct gelu_formulas {
  using functor = activ::gelu;
  // erfc, not 1 + erf: the stable form (1 + erf cancels for x < 0).
  template <class T>
  static T f(T x) {
    return T(0.5) * x * std::erfc(-x * T(0.70710678118654752440084436210484903928L));
  }
  template <class T>
  static T df(T x) {
    return T(0.5) * std::erfc(-x * T(0.70710678118654752440084436210484903928L)) +
           x * std::exp(T(-0.5) * x * x) * T(k_inv_sqrt_2pi);
  }
  static long double ref_f(long double x) { return x * half_erfc_of_minus_x_over_sqrt2(x); }
  static long double ref_df(long double x) {
    return half_erfc_of_minus_x_over_sqrt2(x) + x * gauss_ref(x) * k_inv_sqrt_2pi;
  }
  static long double ref_df_scale(long double x) {  // f' crosses 0 near x = -0.7518
    return half_erfc_of_minus_x_over_sqrt2(x) + std::fabs(x * gauss_ref(x) * k_inv_sqrt_2pi);
  }
  static constexpr peer_op peer{peer_kind::gelu_erf};
  // What an Eigen user writes (PyTorch's formula): 1 + erf cancels for x << 0.
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    using T = typename X::Scalar;
    y = T(0.5) * x * (T(1) + (x * T(0.70710678118654752440084436210484903928L)).erf());
  }
  template <class X, class DY, class DX>
  static void eigen_backward(const X& x, const DY& dy, DX& dx) {
    using T = typename X::Scalar;
    dx = dy * (T(0.5) * (T(1) + (x * T(0.70710678118654752440084436210484903928L)).erf()) +
               x * (T(-0.5) * x.square()).exp() * T(k_inv_sqrt_2pi));
  }
};

struct gelu_tanh_formulas {
  using functor = activ::gelu_tanh;
  // x sigmoid(A), A = 2u = c1 x + c3 x^3: the stable form of x/2 (1 + tanh u).
  template <class T>
  static T a_of(T x) {
    return x * (T(k_gelu_c1) + T(k_gelu_c3) * x * x);
  }
  template <class T>
  static T f(T x) {
    return x * sigmoid_by_hand(a_of(x));
  }
  template <class T>
  static T df(T x) {
    const T s = sigmoid_by_hand(a_of(x));
    return s + x * s * (T(1) - s) * (T(k_gelu_c1) + T(3 * k_gelu_c3) * x * x);
  }
  static long double a_ref(long double x) { return k_gelu_c1 * x + k_gelu_c3 * x * x * x; }
  static long double ref_f(long double x) { return x * sigmoid_ref(a_ref(x)); }
  static long double second_term(long double x) {
    return x * sigmoid_prime_ref(a_ref(x)) * (k_gelu_c1 + 3 * k_gelu_c3 * x * x);
  }
  static long double ref_df(long double x) { return sigmoid_ref(a_ref(x)) + second_term(x); }
  static long double ref_df_scale(long double x) {  // f' crosses 0 near x = -2.08
    return sigmoid_ref(a_ref(x)) + std::fabs(second_term(x));
  }
  static constexpr peer_op peer{peer_kind::gelu_tanh};
  // What an Eigen user writes (PyTorch's formula).
  template <class X, class Y>
  static void eigen_f(const X& x, Y& y) {
    using T = typename X::Scalar;
    y = T(0.5) * x * (T(1) + (T(k_gelu_c1 / 2) * (x + T(0.044715) * x.cube())).tanh());
  }
};

// ---------------------------------------------------------------------------
// Optional members.

template <class F, class = void>
struct has_by_hand : std::false_type {};  // f and df: the scalar loop
template <class F>
struct has_by_hand<
    F, std::void_t<decltype(F::template f<float>(0.f)), decltype(F::template df<float>(0.f))>>
    : std::true_type {};

template <class F, class = void>
struct has_df_y : std::false_type {};
template <class F>
struct has_df_y<F, std::void_t<decltype(F::template df_y<float>(0.f)), decltype(F::ref_df_y(0.0L))>>
    : std::true_type {};

template <class F, class = void>
struct has_ref_df_scale : std::false_type {};
template <class F>
struct has_ref_df_scale<F, std::void_t<decltype(F::ref_df_scale(0.0L))>> : std::true_type {};

template <class F, class = void>
struct has_peer : std::false_type {};
template <class F>
struct has_peer<F, std::void_t<decltype(F::peer)>> : std::true_type {};

// The peers' name for F's function; peer_kind::none without an entry.
template <class F>
constexpr peer_op peer_of() {
  if constexpr (has_peer<F>::value)
    return F::peer;
  else
    return peer_op{};
}

// ---------------------------------------------------------------------------
// An activation without an entry: activ's rows only, checked against the
// tests' record of it (instances[0] is the functor's defaults, which the rows
// measure). df_scale, where the record has one, sizes the errors of f' as an
// entry's ref_df_scale does.

template <class A>
struct record_formulas {
  using functor = A;
  static const activ_test::record<A>& record() {
    static const activ_test::record<A> r = activ_test::info<A>();
    return r;
  }
  static long double ref_f(long double x) { return record().f(A{}, x); }
  static long double ref_df(long double x) { return record().df(A{}, x); }
  static long double ref_df_scale(long double x) {
    const activ_test::record<A>& r = record();
    return r.df_scale ? r.df_scale(A{}, x) : std::fabs(r.df(A{}, x));
  }
};

// ---------------------------------------------------------------------------
// The entries (any order; the rows follow activ::elementwise_activations).

using entries =
    std::tuple<relu_formulas, sigmoid_formulas, swish_formulas, silu_formulas, relu6_formulas,
               leaky_relu_formulas, prelu_formulas, rrelu_formulas, hardtanh_formulas,
               hardsigmoid_formulas, hardswish_formulas, threshold_formulas, hardshrink_formulas,
               softshrink_formulas, sign_formulas, softsign_formulas, elu_formulas, selu_formulas,
               celu_formulas, softplus_formulas, logsigmoid_formulas, mish_formulas, tanh_formulas,
               tanhshrink_formulas, gelu_formulas, gelu_tanh_formulas>;

template <class T>
struct type_is {
  using type = T;
};

// The entry for functor A, or record_formulas<A>.
template <class A, class Entries>
struct formulas_for : type_is<record_formulas<A>> {};
template <class A, class E, class... Rest>
struct formulas_for<A, std::tuple<E, Rest...>>
    : std::conditional_t<std::is_same_v<typename E::functor, A>, type_is<E>,
                         formulas_for<A, std::tuple<Rest...>>> {};

template <class Activations>
struct table_of;
template <class... A>
struct table_of<std::tuple<A...>> {
  using type = std::tuple<typename formulas_for<A, entries>::type...>;
};

// The table the rows are registered from: one formulas type per element-wise
// activation, in activ::elementwise_activations' order.
using activations = table_of<activ::elementwise_activations>::type;

// Each entry is for an activation of the list (an entry left behind by a
// rename would silently lose its scalar and peer rows), no two for the same one, and
// a by-hand from-output form exists exactly where the functor has one.
template <class A, class List>
struct count_in;  // how many of List's types are A
template <class A, class... L>
struct count_in<A, std::tuple<L...>>
    : std::integral_constant<int, (0 + ... + int(std::is_same_v<A, L>))> {};

template <class Entries>
struct entries_valid;
template <class... E>
struct entries_valid<std::tuple<E...>> {
  using functors = std::tuple<typename E::functor...>;
  static constexpr bool value =
      ((count_in<typename E::functor, activ::elementwise_activations>::value == 1) && ...) &&
      ((count_in<typename E::functor, functors>::value == 1) && ...) &&
      ((has_df_y<E>::value == activ::has_derivative_from_output_v<typename E::functor>)&&...);
};
static_assert(
    entries_valid<entries>::value,
    "bench/formulas.hpp: each entry must name an activation of "
    "activ::elementwise_activations, at most one entry per activation, with df_y/ref_df_y "
    "exactly where the functor has derivative_from_output");

}  // namespace activ_bench
