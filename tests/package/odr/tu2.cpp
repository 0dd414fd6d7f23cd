#include <activ/activ.hpp>

#include "compute.inc"
#include "odr.hpp"

odr::results odr::compute_in_tu2() { return compute(); }
