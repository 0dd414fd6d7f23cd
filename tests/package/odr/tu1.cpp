#include <activ/activ.hpp>

#include "compute.inc"
#include "odr.hpp"

odr::results odr::compute_in_tu1() { return compute(); }
