// main() for Catch2 v2 packages that ship no Catch2WithMain target.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
