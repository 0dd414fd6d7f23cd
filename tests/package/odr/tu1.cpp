#include <activ/activ.hpp>

#include "odr.hpp"

// After odr.hpp, which it uses.
#include "compute.inc"

odr::results odr::compute_in_tu1() { return compute(); }
