// The README's accuracy table must state exactly the bounds the functors
// declare (F::accuracy), which the battery enforces: one set of numbers.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <activ/activ.hpp>

#include "support/catch.hpp"

namespace {

// The cells of the row that starts with "| `name` |" in the table under the
// README's "## Accuracy" heading.
std::vector<std::string> row(const std::string& readme, std::string_view name) {
  const auto section = readme.find("\n## Accuracy\n");
  if (section == std::string::npos) return {};
  std::istringstream in(readme.substr(section));
  const std::string key = "| `" + std::string(name) + "` |";
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key, 0) != 0) continue;
    std::vector<std::string> cells;
    std::istringstream cs(line.substr(1));
    for (std::string c; std::getline(cs, c, '|');) {
      const auto b = c.find_first_not_of(' '), e = c.find_last_not_of(' ');
      cells.push_back(b == std::string::npos ? "" : c.substr(b, e - b + 1));
    }
    return cells;
  }
  return {};
}

template <class F>
void check_row(const std::string& readme) {
  const auto cells = row(readme, F::name);
  INFO("README accuracy row for " << F::name);
  REQUIRE(cells.size() >= 5);
  const double stated[4] = {std::atof(cells[1].c_str()), std::atof(cells[2].c_str()),
                            std::atof(cells[3].c_str()), std::atof(cells[4].c_str())};
  CHECK(stated[0] == F::accuracy.forward_f32);
  CHECK(stated[1] == F::accuracy.derivative_f32);
  CHECK(stated[2] == F::accuracy.forward_f64);
  CHECK(stated[3] == F::accuracy.derivative_f64);
}

template <class... F>
void check_all(const std::string& readme, std::tuple<F...>*) {
  (check_row<F>(readme), ...);
}

}  // namespace

TEST_CASE("the README states the bounds the tests enforce", "[readme]") {
  std::ifstream file(ACTIV_README);
  REQUIRE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  check_all(text.str(), static_cast<activ::elementwise_activations*>(nullptr));
}
