// The README's accuracy table must state exactly the bounds the functors
// declare (F::accuracy), which the battery enforces: one set of numbers.
#include <activ/activ.hpp>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "support/catch.hpp"

namespace {

// The text of the README's "## Accuracy" section, up to the next "## " heading.
std::string accuracy_section(const std::string& readme) {
  const auto begin = readme.find("\n## Accuracy\n");
  if (begin == std::string::npos) return {};
  const auto end = readme.find("\n## ", begin + 1);
  return readme.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

// The table rows of the section: lines that start with "| `name` |", split
// into trimmed cells (the name's cell first).
std::vector<std::vector<std::string>> rows(const std::string& section) {
  std::vector<std::vector<std::string>> out;
  std::istringstream in(section);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("| `", 0) != 0) continue;
    std::vector<std::string> cells;
    std::istringstream cs(line.substr(1));
    for (std::string c; std::getline(cs, c, '|');) {
      const auto b = c.find_first_not_of(' '), e = c.find_last_not_of(' ');
      cells.push_back(b == std::string::npos ? "" : c.substr(b, e - b + 1));
    }
    out.push_back(cells);
  }
  return out;
}

// A cell that is a number and nothing else ("0", "0.5", "1.25").
bool number(const std::string& cell, double& value) {
  if (cell.empty()) return false;
  char* end = nullptr;
  value = std::strtod(cell.c_str(), &end);
  return end == cell.c_str() + cell.size();
}

template <class F>
void check_row(const std::vector<std::vector<std::string>>& table) {
  const std::string key = "`" + std::string(F::name) + "`";
  INFO("README accuracy row for " << F::name);
  const std::vector<std::string>* found = nullptr;
  int count = 0;
  for (const auto& r : table)
    if (!r.empty() && r[0] == key) found = &r, ++count;
  REQUIRE(count == 1);
  const auto& cells = *found;
  REQUIRE(cells.size() == 5);  // name, f32 forward, f32 derivative, f64 forward, f64 derivative
  double stated[4];
  for (int i = 0; i < 4; ++i) {
    INFO("cell " << i + 1 << ": \"" << cells[i + 1] << "\"");
    REQUIRE(number(cells[i + 1], stated[i]));
  }
  CHECK(stated[0] == F::accuracy.forward_f32);
  CHECK(stated[1] == F::accuracy.derivative_f32);
  CHECK(stated[2] == F::accuracy.forward_f64);
  CHECK(stated[3] == F::accuracy.derivative_f64);
}

template <class... F>
void check_all(const std::vector<std::vector<std::string>>& table, std::tuple<F...>*) {
  (check_row<F>(table), ...);
  // Every row names an activation of the list: no bound for something that does not exist.
  const std::set<std::string> names{("`" + std::string(F::name) + "`")...};
  for (const auto& r : table) {
    INFO("README accuracy row " << (r.empty() ? std::string() : r[0]));
    CHECK(names.count(r.empty() ? std::string() : r[0]) == 1);
  }
  CHECK(table.size() == sizeof...(F));
}

}  // namespace

TEST_CASE("the README states the bounds the tests enforce", "[readme]") {
  std::ifstream file(ACTIV_README);
  REQUIRE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  const auto section = accuracy_section(text.str());
  REQUIRE(!section.empty());
  check_all(rows(section), static_cast<activ::elementwise_activations*>(nullptr));
}
