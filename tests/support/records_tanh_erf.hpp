// Records of the tanh/erf group: tanh, tanhshrink, gelu, gelu_tanh (see
// records.hpp). The references are in reference_tanh_erf.hpp.
#pragma once

#include "reference_tanh_erf.hpp"

namespace activ_test {

template <>
inline record<activ::tanh> info() {
  record<activ::tanh> r;
  r.instances = {activ::tanh{}};
  r.f = [](const activ::tanh&, ld x) { return ref::tanh(x); };
  r.df = [](const activ::tanh&, ld x) { return ref::tanh_derivative(x); };
  r.edges = {{-inf, -1, 0}, {inf, 1, 0}, {-0.0L, -0.0L, 1}, {0, 0, 1}};
  // (1 - y)(1 + y): ulps for |y| <= 1/2, absolute beyond (the error of y).
  r.from_output_ulp_region = [](ld x) { return std::fabs(x) <= 0.5493L; };
  r.from_output_ulp[0] = r.from_output_ulp[1] = 1.75;
  r.from_output_abs[0] = 0x2p-24;
  r.from_output_abs[1] = 0x2p-53;
  return r;
}

template <>
inline record<activ::tanhshrink> info() {
  record<activ::tanhshrink> r;
  r.instances = {activ::tanhshrink{}};
  r.f = [](const activ::tanhshrink&, ld x) { return ref::x_minus_tanh(x); };
  r.df = [](const activ::tanhshrink&, ld x) {
    const ld t = ref::tanh(x);
    return t * t;
  };
  r.edges = {{-inf, -inf, 1}, {inf, inf, 1}, {-0.0L, -0.0L, 0}, {0, 0, 0}};
  return r;
}

template <>
inline record<activ::gelu> info() {
  record<activ::gelu> r;
  r.instances = {activ::gelu{}};
  r.f = [](const activ::gelu&, ld x) { return ref::gelu(x); };
  r.df = [](const activ::gelu&, ld x) { return ref::gelu_derivative(x); };
  r.df_scale = [](const activ::gelu&, ld x) { return ref::gelu_derivative_scale(x); };
  r.edges = {{-inf, -0.0L, -0.0L}, {inf, inf, 1}, {-0.0L, -0.0L, 0.5L}, {0, 0, 0.5L}};
  return r;
}

template <>
inline record<activ::gelu_tanh> info() {
  record<activ::gelu_tanh> r;
  r.instances = {activ::gelu_tanh{}};
  r.f = [](const activ::gelu_tanh&, ld x) { return ref::gelu_tanh(x); };
  r.df = [](const activ::gelu_tanh&, ld x) { return ref::gelu_tanh_derivative(x); };
  r.df_scale = [](const activ::gelu_tanh&, ld x) { return ref::gelu_tanh_derivative_scale(x); };
  r.edges = {{-inf, -0.0L, -0.0L}, {inf, inf, 1}, {-0.0L, -0.0L, 0.5L}, {0, 0, 0.5L}};
  return r;
}

}  // namespace activ_test
