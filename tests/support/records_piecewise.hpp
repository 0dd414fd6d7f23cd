// Records of the piecewise group: relu6, leaky_relu, prelu, rrelu, hardtanh,
// hardsigmoid, hardswish, threshold, hardshrink, softshrink, sign, softsign.
// Included at the end of records.hpp. The references are exact, or rounded
// once, so that a correctly rounded result measures at most 0.5 ulp.
#pragma once

#include <cmath>

#include "records.hpp"

namespace activ_test {

// hardsigmoid and hardswish are checked for correct rounding: their
// references must round once, which long double cannot do for double x
// (x + 3 alone may need 100 bits). __float128 can where it exists.
#if defined(__SIZEOF_FLOAT128__)
__extension__ typedef __float128 wide;
#else
typedef long double wide;
#endif

template <class F>
record<F> leaky_record(std::vector<F> instances, ld (*slope)(const F&)) {
  record<F> r;
  r.instances = std::move(instances);
  r.f = [slope](const F& f, ld x) -> ld {
    const ld a = slope(f);
    if (x > 0) return x;
    return std::isinf(x) && a == 0 ? -0.0L : a * x;
  };
  r.df = [slope](const F& f, ld x) -> ld { return x > 0 ? 1 : slope(f); };
  const ld a = slope(r.instances[0]);
  r.edges = {{-inf, -inf, a}, {inf, inf, 1}, {-0.0L, -0.0L, a}, {0, 0, a}, {-2, -2 * a, a}};
  return r;
}

template <>
inline record<activ::leaky_relu> info() {
  using F = activ::leaky_relu;
  record<F> r =
      leaky_record<F>({F{}, F{0.2}, F{0}, F{3}}, [](const F& f) -> ld { return f.alpha; });
  // f'(y) is alpha rounded to the type: 0.25 ulp from the double 0.01 in float.
  r.from_output_ulp[0] = 0.25;
  return r;
}

template <>
inline record<activ::prelu> info() {
  using F = activ::prelu;
  return leaky_record<F>({F{}, F{0.1}, F{0}, F{1.5}}, [](const F& f) -> ld { return f.alpha; });
}

template <>
inline record<activ::rrelu> info() {
  using F = activ::rrelu;
  record<F> r = leaky_record<F>({F{}, F{0.1, 0.3}, F{0, 0}, F{0.5, 0.5}},
                                [](const F& f) -> ld { return f.slope(); });
  r.from_output_ulp[0] = 0.5;  // (1/8 + 1/3)/2 rounded to float
  return r;
}

template <>
inline record<activ::relu6> info() {
  record<activ::relu6> r;
  r.instances = {activ::relu6{}};
  r.f = [](const activ::relu6&, ld x) -> ld { return x <= 0 ? 0 : x >= 6 ? 6 : x; };
  r.df = [](const activ::relu6&, ld x) -> ld { return x > 0 && x < 6 ? 1 : 0; };
  r.edges = {{-inf, 0, 0}, {inf, 6, 0}, {-0.0L, 0, 0}, {0, 0, 0}, {6, 6, 0}, {3, 3, 1}, {7, 6, 0}};
  return r;
}

template <>
inline record<activ::hardtanh> info() {
  using F = activ::hardtanh;
  record<F> r;
  r.instances = {F{}, F{-2, 3}, F{0, 6}, F{-0.5, 0.25}, F{0, static_cast<double>(inf)}, F{1, 1}};
  r.f = [](const F& f, ld x) -> ld {
    return x <= f.min_val ? f.min_val : x >= f.max_val ? f.max_val : x;
  };
  r.df = [](const F& f, ld x) -> ld { return x > f.min_val && x < f.max_val ? 1 : 0; };
  r.edges = {{-inf, -1, 0}, {inf, 1, 0}, {-0.0L, -0.0L, 1},
             {-1, -1, 0},   {1, 1, 0},   {0.5L, 0.5L, 1}};
  return r;
}

template <>
inline record<activ::hardsigmoid> info() {
  using F = activ::hardsigmoid;
  record<F> r;
  // PyTorch, Keras/ONNX, and two more whose 1/alpha and beta/alpha are exact.
  r.instances = {F{}, F{0.2, 0.5}, F{0.25, 0.5}, F{0.5, 0.25}, F{1.0 / 3, 0.5}};
  r.f = [](const F& f, ld x) -> ld {
    const double s = 1 / f.alpha, c = f.beta * s;
    if (x <= -c) return 0;
    if (x >= s - c) return 1;
    return static_cast<ld>((static_cast<wide>(x) + c) / s);
  };
  r.df = [](const F& f, ld x) -> ld {
    const double s = 1 / f.alpha, c = f.beta * s;
    return x > -c && x < s - c ? f.alpha : 0;
  };
  const ld a = F{}.alpha;
  r.edges = {{-inf, 0, 0}, {inf, 1, 0}, {-0.0L, 0.5L, a}, {0, 0.5L, a},
             {-3, 0, 0},   {3, 1, 0},   {1.5L, 0.75L, a}};
  return r;
}

template <>
inline record<activ::hardswish> info() {
  using F = activ::hardswish;
  record<F> r;
  r.instances = {F{}};
  r.f = [](const F&, ld x) -> ld {
    if (x <= -3) return -0.0L;
    if (x >= 3) return x;
    const wide w = x;
    return static_cast<ld>(w * (w + 3) / 6);
  };
  r.df = [](const F&, ld x) -> ld {
    if (x <= -3) return 0;
    if (x >= 3) return 1;
    return static_cast<ld>((static_cast<wide>(x) + wide(1.5)) / 3);
  };
  r.edges = {{-inf, -0.0L, 0}, {inf, inf, 1}, {-0.0L, -0.0L, 0.5L}, {0, 0, 0.5L},
             {-3, -0.0L, 0},   {3, 3, 1},     {-1.5L, -0.375L, 0},  {-5, -0.0L, 0}};
  return r;
}

template <>
inline record<activ::threshold> info() {
  using F = activ::threshold;
  record<F> r;
  r.instances = {F{}, F{0.5, -2}, F{-1, -3}, F{1, 1}};
  r.f = [](const F& f, ld x) -> ld { return x <= f.theta ? f.value : x; };
  r.df = [](const F& f, ld x) -> ld { return x > f.theta ? 1 : 0; };
  r.edges = {{-inf, 0, 0}, {inf, inf, 1}, {-0.0L, 0, 0}, {0, 0, 0}, {1, 1, 1}, {-1, 0, 0}};
  return r;
}

template <class F>
record<F> shrink_record(std::vector<F> instances, bool soft) {
  record<F> r;
  r.instances = std::move(instances);
  r.f = [soft](const F& f, ld x) -> ld {
    const ld l = f.lambda;
    if (std::fabs(x) <= l) return x * 0;
    return !soft ? x : x > 0 ? x - l : x + l;
  };
  r.df = [](const F& f, ld x) -> ld { return std::fabs(x) > f.lambda ? 1 : 0; };
  r.edges = {{-inf, -inf, 1}, {inf, inf, 1},     {-0.0L, -0.0L, 0}, {0, 0, 0},
             {0.5L, 0, 0},    {-0.5L, -0.0L, 0}, {-0.25L, -0.0L, 0}};
  r.edges.push_back({1, soft ? 0.5L : 1, 1});
  r.edges.push_back({-1, soft ? -0.5L : -1, 1});
  return r;
}

template <>
inline record<activ::hardshrink> info() {
  using F = activ::hardshrink;
  return shrink_record<F>({F{}, F{0}, F{1}, F{0.25}}, false);
}

template <>
inline record<activ::softshrink> info() {
  using F = activ::softshrink;
  return shrink_record<F>({F{}, F{0}, F{1}, F{0.25}}, true);
}

template <>
inline record<activ::sign> info() {
  record<activ::sign> r;
  r.instances = {activ::sign{}};
  r.f = [](const activ::sign&, ld x) -> ld { return x > 0 ? 1 : x < 0 ? -1 : x; };
  r.df = [](const activ::sign&, ld) -> ld { return 0; };
  r.edges = {{-inf, -1, 0}, {inf, 1, 0}, {-0.0L, -0.0L, 0}, {0, 0, 0}, {-3, -1, 0}};
  return r;
}

template <>
inline record<activ::softsign> info() {
  record<activ::softsign> r;
  r.instances = {activ::softsign{}};
  r.f = [](const activ::softsign&, ld x) -> ld {
    return std::isinf(x) ? std::copysign(1.0L, x) : x / (1 + std::fabs(x));
  };
  r.df = [](const activ::softsign&, ld x) -> ld {
    const ld d = 1 + std::fabs(x);
    return std::isinf(x) ? 0 : 1 / (d * d);
  };
  r.edges = {{-inf, -1, 0}, {inf, 1, 0},      {-0.0L, -0.0L, 1},
             {0, 0, 1},     {1, 0.5L, 0.25L}, {-3, -0.75L, 0.0625L}};
  // (1 - |y|)^2: ulps where |y| <= 1/2; beyond, y's own error (up to 1 ulp of
  // 1) carries into 1 - |y|.
  r.from_output_ulp_region = [](ld x) { return std::fabs(x) <= 1; };
  r.from_output_ulp[0] = r.from_output_ulp[1] = 3.5;
  r.from_output_abs[0] = 0x1p-23;
  r.from_output_abs[1] = 0x1p-52;
  return r;
}

}  // namespace activ_test
