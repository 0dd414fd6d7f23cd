// Sanity twin of fail_int.cpp: the same call with a float compiles, so the
// failure of fail_int.cpp comes from the int argument and nothing else.
#include <activ/activ.hpp>

int main() {
  auto y = activ::relu{}(42.0f);
  return y == 42.0f ? 0 : 1;
}
