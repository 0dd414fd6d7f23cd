// activ built with -fno-exceptions: a bad call reaches ACTIV_ERROR_HANDLER
// (defined here to print the message and exit), before anything is written.
// At exit the program prints whether y is still untouched; ctest matches both
// lines. The case comes from the command line, so each error path is one
// ctest case. Built with ACTIV_TEST_DEFAULT_HANDLER, activ's own handler
// runs instead: the message on stderr, then abort.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#ifndef ACTIV_TEST_DEFAULT_HANDLER
[[noreturn]] void on_activ_error(const char* message);
#define ACTIV_ERROR_HANDLER(message) on_activ_error(message)
#endif
#include <activ/activ.hpp>

namespace {
std::vector<float> y;

void report_y() {
  bool untouched = true;
  for (float v : y) untouched = untouched && v == 7.0f;
  std::printf("y %s\n", untouched ? "untouched" : "WRITTEN");
}
}  // namespace

#ifndef ACTIV_TEST_DEFAULT_HANDLER
[[noreturn]] void on_activ_error(const char* message) {
  std::printf("error: %s\n", message);
  std::exit(3);
}
#endif

int main(int argc, char** argv) {
  const char* what = argc > 1 ? argv[1] : "sizes";
  std::vector<float> x(10, 0.5f);
  y.assign(std::strcmp(what, "sizes") == 0 ? 9 : 10, 7.0f);
  std::atexit(report_y);
  if (std::strcmp(what, "sizes") == 0) activ::forward(activ::sigmoid{}, x, y);
  if (std::strcmp(what, "parameter") == 0) activ::forward(activ::celu{0.0}, x, y);
  if (std::strcmp(what, "overlap") == 0) activ::forward(activ::relu{}, x.data(), x.data() + 1, 9);
  if (std::strcmp(what, "ok") == 0) {
    activ::forward(activ::relu{}, x, y);
    std::printf("relu(0.5) = %g\n", double(y[0]));
    y.assign(10, 7.0f);  // so that report_y says untouched
  }
  return 0;
}
