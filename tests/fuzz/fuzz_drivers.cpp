// libFuzzer target for every array call (clang -fsanitize=fuzzer,address,
// undefined). From the input bytes it picks an activation by name
// (activ::names(), element-wise and row-wise), parameter values from a list of
// ordinary and hostile ones (0, negative, huge, inf, flags), float or double,
// a length, a misaligned offset, a driver and in place or not, then the input
// values as raw bits (NaN payloads, subnormals, infinities included). The
// row-wise activations and rrelu's training form are checked as
// fuzz_rows.hpp says; the element-wise drivers here:
//   - a parameter that parse rejects is reported by std::invalid_argument,
//     never a crash, and a driver call then cannot happen;
//   - every output element equals the scalar call's bits (forward,
//     derivative) or the same driver's result on an aligned copy of the
//     inputs (backward, backward_from_output, forward_with_derivative), so a
//     value depends neither on the position nor on the length;
//   - a size mismatch throws and writes nothing.
// A crash or a failed check aborts; the input that did it becomes a file in
// tests/fuzz/corpus and so a regression case.
#include <activ/activ.hpp>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "fuzz_rows.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace activ_fuzz;

template <class T>
void run(const activ::activation& f, const std::string& spec, reader& in) {
  const std::size_t n = in.byte() % 200, offset = in.byte() % 16;
  const int driver = in.byte() % 6;
  const bool in_place = in.byte() & 1;
  std::vector<T> x(n), dy(n);
  for (auto& v : x) v = in.raw<T>();
  for (auto& v : dy) v = in.raw<T>();
  // Misaligned copies: offset elements into larger buffers.
  std::vector<T> xb(n + offset), yb(n + offset, T(0)), db(n + offset, T(0)), dyb(n + offset);
  std::copy(x.begin(), x.end(), xb.begin() + offset);
  std::copy(dy.begin(), dy.end(), dyb.begin() + offset);
  T* px = xb.data() + offset;
  T* py = in_place ? px : yb.data() + offset;
  T* pdy = dyb.data() + offset;
  T* pd = db.data() + offset;
  std::vector<T> ref(n), ref_d(n);
  const std::string where = spec + (sizeof(T) == 4 ? " f32" : " f64") + " n=" + std::to_string(n) +
                            " offset=" + std::to_string(offset) +
                            " driver=" + std::to_string(driver);
  switch (driver) {
    case 0:
      activ::forward(f, px, py, n);
      for (std::size_t i = 0; i < n; ++i)
        if (!same_bits(py[i], f(x[i]))) fail("forward differs from the scalar call: " + where);
      break;
    case 1:
      activ::derivative(f, px, py, n);
      for (std::size_t i = 0; i < n; ++i)
        if (!same_bits(py[i], f.derivative(x[i])))
          fail("derivative differs from the scalar call: " + where);
      break;
    case 2:
      activ::backward(f, x, dy, ref);
      activ::backward(f, px, pdy, in_place ? pdy : py, n);
      for (std::size_t i = 0; i < n; ++i)
        if (!same_bits((in_place ? pdy : py)[i], ref[i]))
          fail("backward depends on position: " + where);
      break;
    case 3:
      if (!f.has_derivative_from_output()) return;
      try {
        activ::backward_from_output(f, x, dy, ref);
      } catch (const std::invalid_argument&) {
        return;  // refused for these parameters (alpha < 0): fine, and nothing to compare
      }
      activ::backward_from_output(f, px, pdy, in_place ? pdy : py, n);
      for (std::size_t i = 0; i < n; ++i)
        if (!same_bits((in_place ? pdy : py)[i], ref[i]))
          fail("backward_from_output depends on position: " + where);
      break;
    case 4:
      activ::forward_with_derivative(f, x, ref, ref_d);
      activ::forward_with_derivative(f, px, py, pd, n);
      for (std::size_t i = 0; i < n; ++i)
        if (!same_bits(py[i], ref[i]) || !same_bits(pd[i], ref_d[i]))
          fail("forward_with_derivative depends on position: " + where);
      break;
    default:
      if (const activ::rrelu* r = f.get_if<activ::rrelu>()) run_rrelu_train<T>(*r, spec, in);
  }
  // A size mismatch throws before anything is written.
  std::vector<T> y_short(n > 0 ? n - 1 : 1, T(7));
  bool thrown = false;
  try {
    activ::forward(f, x, y_short);
  } catch (const std::invalid_argument&) {
    thrown = true;
  }
  if (n != y_short.size() && !thrown) fail("size mismatch not reported: " + where);
  for (T v : y_short)
    if (thrown && !same_bits(v, T(7))) fail("written before the size error: " + where);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<activ::activation_info> infos = activ::names();
  static const char* const values[] = {"0",    "1",     "-1",   "0.5",   "0.01", "2",     "3",
                                       "-3",   "6",     "20",   "1e-30", "1e30", "-1e30", "inf",
                                       "-inf", "1e300", "0.25", "true",  "false"};
  reader in{data, size};
  const activ::activation_info& info = infos[in.byte() % infos.size()];
  std::string spec(info.name);
  if (!info.parameters.empty()) {
    spec += "(";
    for (std::size_t k = 0; k < info.parameters.size(); ++k) {
      if (k) spec += ", ";
      spec += std::string(info.parameters[k].name) + "=" +
              values[in.byte() % (sizeof values / sizeof *values)];
    }
    spec += ")";
  }
  activ::activation f = activ::parse(info.name);
  try {
    f = activ::parse(spec);
  } catch (const std::invalid_argument& e) {
    if (std::strstr(e.what(), "activ::") == nullptr)
      fail("error without a name: " + std::string(e.what()));
    return 0;  // a rejected parameter: reported, nothing else to do
  }
  const bool single = in.byte() & 1;
  if (info.rowwise) {
    f.visit([&](const auto& g) {
      if constexpr (activ::detail::is_rowwise_v<std::decay_t<decltype(g)>>) {
        if (single)
          run_rows<float>(g, spec, in);
        else
          run_rows<double>(g, spec, in);
      }
    });
  } else if (single) {
    run<float>(f, spec, in);
  } else {
    run<double>(f, spec, in);
  }
  return 0;
}
