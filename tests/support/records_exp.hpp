// Records of the exponential group: elu, selu, celu, softplus, logsigmoid,
// mish. Included at the end of records.hpp. The references are long double
// with the stable forms (expm1l, log1pl); where a parameter multiplies x
// inside an exponential (celu's x/alpha, softplus's beta x) the product is
// carried as p + e exactly (two_product), since long double's own rounding of it
// would be |x| 2^-64, a third of an ulp of double at x = -745.
#pragma once

#include <cmath>

#include "records.hpp"
#include "reference_math.hpp"

namespace activ_test {

template <>
inline record<activ::elu> info() {
  using F = activ::elu;
  record<F> r;
  // (alpha < 0 works too, but has no derivative_from_output, which the
  // length checks of the battery call for every instance.)
  r.instances = {F{}, F{0.2}, F{2.5}};
  r.f = [](const F& f, ld x) -> ld { return x > 0 ? x : f.alpha * std::expm1(x); };
  r.df = [](const F& f, ld x) -> ld { return x > 0 ? 1 : f.alpha * ref::exp(x); };
  r.edges = {{-inf, -1, 0}, {inf, inf, 1}, {-0.0L, -0.0L, 1}, {0, 0, 1}, {-1e-30L, -1e-30L, 1}};
  // f'(y) = y + alpha: y's error carries into the sum, which cancels as y -> -alpha.
  r.from_output_ulp_region = [](ld x) { return x >= -1; };
  r.from_output_ulp[0] = r.from_output_ulp[1] = 1.5;
  r.from_output_abs[0] = 0x1p-24;
  r.from_output_abs[1] = 0x1p-53;
  return r;
}

template <>
inline record<activ::selu> info() {
  using F = activ::selu;
  constexpr ld scale = 1.0507009873554804934193349852946L;
  constexpr ld scale_alpha =
      1.0507009873554804934193349852946L * 1.6732632423543772848170429916717L;
  record<F> r;
  r.instances = {F{}};
  r.f = [=](const F&, ld x) -> ld { return x > 0 ? scale * x : scale_alpha * std::expm1(x); };
  r.df = [=](const F&, ld x) -> ld { return x > 0 ? scale : scale_alpha * ref::exp(x); };
  r.edges = {
      {-inf, -scale_alpha, 0}, {inf, inf, scale}, {-0.0L, -0.0L, scale_alpha}, {0, 0, scale_alpha}};
  r.from_output_ulp_region = [](ld x) { return x >= -1; };
  r.from_output_ulp[0] = r.from_output_ulp[1] = 1.5;
  r.from_output_abs[0] = 0x1p-23;
  r.from_output_abs[1] = 0x1p-52;
  return r;
}

namespace detail_exp_records {
// x / alpha = q + lo, the remainder of a correctly rounded quotient being
// exact (x and alpha have at most 53 bits, long double 64).
inline void quotient(ld x, ld alpha, ld& q, ld& lo) {
  q = x / alpha;
  if (!std::isfinite(q)) {
    lo = 0;
    return;
  }
  const ref::product_t qa = ref::two_product(q, alpha);  // x - qa.p is exact (Sterbenz)
  lo = ((x - qa.p) - qa.e) / alpha;
}
// beta * x = p + lo exactly.
inline void product(ld beta, ld x, ld& p, ld& lo) {
  const ref::product_t bx = ref::two_product(beta, x);
  p = bx.p;
  lo = std::isfinite(p) ? bx.e : 0;
}
}  // namespace detail_exp_records

template <>
inline record<activ::celu> info() {
  using F = activ::celu;
  record<F> r;
  r.instances = {F{}, F{0.2}, F{3}, F{-1.5}};
  r.f = [](const F& f, ld x) -> ld {
    if (x > 0 || x == 0) return x;  // celu(+-0) = +-0 for either sign of alpha
    ld q, lo;
    detail_exp_records::quotient(x, f.alpha, q, lo);
    const ld e = ref::exp(q);  // lo is first order only where e is finite
    return f.alpha * (std::isinf(e) ? e : std::expm1(q) + e * lo);
  };
  r.df = [](const F& f, ld x) -> ld {
    if (x > 0) return 1;
    ld q, lo;
    detail_exp_records::quotient(x, f.alpha, q, lo);
    const ld e = ref::exp(q);
    return std::isinf(e) || e == 0 ? e : e * (1 + lo);
  };
  r.edges = {{-inf, -1, 0}, {inf, inf, 1}, {-0.0L, -0.0L, 1}, {0, 0, 1}};
  r.from_output_ulp_region = [](ld x) { return x >= -1; };
  r.from_output_ulp[0] = r.from_output_ulp[1] = 1.5;
  r.from_output_abs[0] = 0x1p-24;
  r.from_output_abs[1] = 0x1p-53;
  return r;
}

template <>
inline record<activ::softplus> info() {
  using F = activ::softplus;
  record<F> r;
  r.instances = {F{}, F{2, 20}, F{0.7, 10}, F{-0.5, 20}};
  // e^-|beta x| with beta x = p + lo exact; the switch on p (PyTorch's).
  auto t_of = [](const F& f, ld x, ld& p) {
    ld lo;
    detail_exp_records::product(f.beta, x, p, lo);
    const ld e = ref::exp(-std::fabs(p));
    return e == 0 ? e : e * (1 - (p < 0 ? -lo : lo));
  };
  r.f = [t_of](const F& f, ld x) -> ld {
    ld p;
    const ld t = t_of(f, x, p);
    if (p > f.threshold) return x;
    const ld l = ref::log1p(t) / f.beta;  // -0 where it underflows for beta < 0
    return p > 0 ? x + l : l;
  };
  r.df = [t_of](const F& f, ld x) -> ld {
    ld p;
    const ld t = t_of(f, x, p);
    if (p > f.threshold) return 1;
    return (p < 0 ? t : 1) / (1 + t);
  };
  r.edges = {{-inf, 0, 0}, {inf, inf, 1}, {-0.0L, std::log(2.0L), 0.5L}, {0, std::log(2.0L), 0.5L}};
  return r;
}

template <>
inline record<activ::logsigmoid> info() {
  using F = activ::logsigmoid;
  record<F> r;
  r.instances = {F{}};
  r.f = [](const F&, ld x) -> ld {
    return -(ref::log1p(ref::exp(-std::fabs(x))) - (x < 0 ? x : 0));
  };
  r.df = [](const F&, ld x) -> ld {
    const ld e = ref::exp(-std::fabs(x));
    return (x > 0 ? e : 1) / (1 + e);
  };
  r.edges = {
      {-inf, -inf, 1}, {inf, -0.0L, 0}, {-0.0L, -std::log(2.0L), 0.5L}, {0, -std::log(2.0L), 0.5L}};
  // f'(y) = -expm1(y): y's relative error carries over at most 1:1.
  r.from_output_ulp[0] = r.from_output_ulp[1] = 1.5;
  return r;
}

namespace detail_exp_records {
// mish's two terms: tanh(softplus(x)) and x sigmoid(x) sech^2(softplus(x)).
inline void mish_terms(ld x, ld& th, ld& rest) {
  const ld sp = ref::log1p(ref::exp(x));
  const ld c = std::cosh(sp);
  th = std::tanh(sp);
  rest = std::isinf(c) ? 0 : x / (1 + ref::exp(-x)) / (c * c);
}
}  // namespace detail_exp_records

template <>
inline record<activ::mish> info() {
  using F = activ::mish;
  record<F> r;
  r.instances = {F{}};
  r.f = [](const F&, ld x) -> ld {
    if (std::isinf(x)) return x < 0 ? -0.0L : x;
    return x * std::tanh(ref::log1p(ref::exp(x)));
  };
  r.df = [](const F&, ld x) -> ld {
    if (std::isinf(x)) return x < 0 ? -0.0L : 1;
    ld th, rest;
    detail_exp_records::mish_terms(x, th, rest);
    const ld d = th + rest;
    return d == 0 && x < 0 ? -0.0L : d;  // e^x (1 + x) -> 0 from below
  };
  r.df_scale = [](const F&, ld x) -> ld {
    if (std::isinf(x)) return 0;
    ld th, rest;
    detail_exp_records::mish_terms(x, th, rest);
    return std::fabs(th) + std::fabs(rest);
  };
  r.edges = {{-inf, -0.0L, -0.0L}, {inf, inf, 1}, {-0.0L, -0.0L, 0.6L}, {0, 0, 0.6L}};
  return r;
}

}  // namespace activ_test
