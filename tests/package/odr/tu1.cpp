#include <activ/activ.hpp>

#include "odr.hpp"

#include "compute.inc"

odr::results odr::compute_in_tu1() { return compute(); }
