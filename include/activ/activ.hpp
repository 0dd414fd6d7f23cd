// activ: neural-network activation functions, forward and derivative, for
// float, double and xsimd::batch, with SIMD array drivers. Include this one
// header; see README.md for the list and each header for its formula.
#pragma once

#include "activation.hpp"   // activ::activation, a functor chosen at run time
#include "activations.hpp"  // every functor, the array drivers, the type list
#include "fast.hpp"         // activ::fast<F>, the fast precision tier
#include "parse.hpp"        // activ::parse, to_string, names
