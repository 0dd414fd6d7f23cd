#include <activ/activ.hpp>

#include "odr.hpp"

#include "compute.inc"

odr::results odr::compute_in_tu2() { return compute(); }
