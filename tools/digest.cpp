// activ_digest: one 64-bit hash per activation, driver and type over a fixed
// set of inputs, so that a change which must not alter any output bit (a
// refactor, a new driver path) can be checked bit for bit: run it before and
// after, in the same build configuration, and diff the two listings.
//
//   activ_digest              every selectable activation (activ::names()),
//                             element-wise ones at default and other parameters
//
// Inputs: every 4099th float bit pattern (about a million floats, every class
// of value: subnormals, infinities, NaNs), a million pseudo-random double bit
// patterns plus the IEEE special values; the element-wise drivers run on an
// odd length (a tail), and the scalar call on every 61st input. Row-wise
// activations run on fixed pseudo-random rows with masked (-inf) entries.
// Only public API is used, so the tool builds against any version of activ.
#include <activ/activ.hpp>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace {

struct fnv {
  std::uint64_t h = 0xcbf29ce484222325ull;
  template <class T>
  void add(const std::vector<T>& v) {
    const auto* p = reinterpret_cast<const unsigned char*>(v.data());
    for (std::size_t i = 0; i < v.size() * sizeof(T); ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  }
};

std::uint64_t lcg(std::uint64_t& s) {
  s = s * 6364136223846793005ull + 1442695040888963407ull;
  return s;
}

template <class T>
std::vector<T> line();

template <>
std::vector<float> line<float>() {
  std::vector<float> x;
  for (std::uint64_t b = 0; b < (std::uint64_t(1) << 32); b += 4099) {
    const auto u = static_cast<std::uint32_t>(b);
    float f;
    std::memcpy(&f, &u, sizeof f);
    x.push_back(f);
  }
  return x;
}

template <>
std::vector<double> line<double>() {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> x{0.0,
                        -0.0,
                        inf,
                        -inf,
                        std::numeric_limits<double>::quiet_NaN(),
                        std::numeric_limits<double>::denorm_min(),
                        -std::numeric_limits<double>::min(),
                        1.0,
                        -1.0};
  std::uint64_t s = 12345;
  while (x.size() < 1000003) {
    const std::uint64_t u = lcg(s);
    double d;
    std::memcpy(&d, &u, sizeof d);
    x.push_back(d);
    // and one of moderate size, where the activations change shape
    x.push_back(static_cast<double>(static_cast<std::int64_t>(u >> 20) % 80000) / 1000.0 - 40.0);
  }
  return x;
}

template <class T>
void print(const std::string& name, const char* what, const std::vector<T>& out) {
  fnv h;
  h.add(out);
  std::printf("%-44s %-24s %-6s %016llx\n", name.c_str(), what, sizeof(T) == 4 ? "float" : "double",
              static_cast<unsigned long long>(h.h));
}

template <class T>
void elementwise(const std::string& text, const std::vector<T>& x) {
  const activ::activation a = activ::parse(text);
  const std::size_t n = x.size();
  std::vector<T> y(n), d(n), y2(n), d2(n), dx(n), dy(n);
  for (std::size_t i = 0; i < n; ++i) dy[i] = static_cast<T>(0.75) + static_cast<T>(i % 7) / 8;
  activ::forward(a, x, y);
  print(text, "forward", y);
  activ::derivative(a, x, d);
  print(text, "derivative", d);
  activ::forward_with_derivative(a, x, y2, d2);
  print(text, "forward_with_derivative", y2);
  print(text, "forward_with_derivative'", d2);
  activ::backward(a, x, dy, dx);
  print(text, "backward", dx);
  if (a.has_derivative_from_output()) {
    activ::backward_from_output(a, y, dy, dx);
    print(text, "backward_from_output", dx);
  }
  std::vector<T> s, sd;
  for (std::size_t i = 0; i < n; i += 61) {
    s.push_back(a(x[i]));
    sd.push_back(a.derivative(x[i]));
  }
  print(text, "scalar", s);
  print(text, "scalar'", sd);
}

template <class T>
std::vector<T> rows(std::size_t n, std::uint64_t seed) {
  std::vector<T> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto u = lcg(seed) >> 11;
    x[i] = static_cast<T>(static_cast<double>(u % 2000000) / 50000.0 - 20.0);
    if (u % 97 == 0) x[i] = -std::numeric_limits<T>::infinity();
  }
  return x;
}

template <class T>
void rowwise(const std::string& text, std::size_t in_cols, std::size_t out_cols) {
  const activ::activation a = activ::parse(text);
  const std::size_t r = 301;
  const std::vector<T> x = rows<T>(r * in_cols, 7), dy = rows<T>(r * out_cols, 11);
  std::vector<T> y(r * out_cols), dx(r * in_cols);
  activ::forward(a, x, y);
  print(text, "forward", y);
  activ::backward(a, x, y, dy, dx);
  print(text, "backward", dx);
}

template <class T>
void prelu_channels() {
  const std::size_t c = 19, inner = 7, outer = 23, n = c * inner * outer;
  const std::vector<T> s = rows<T>(c, 3), x = rows<T>(n, 5), dy = rows<T>(n, 9);
  std::vector<T> slopes(c);
  for (std::size_t i = 0; i < c; ++i) slopes[i] = std::isinf(s[i]) ? T(0.5) : s[i] / 40;
  const activ::prelu_channels<T> f{slopes, inner};
  std::vector<T> y(n), dx(n), ds(c);
  activ::forward(f, x, y);
  print("prelu_channels", "forward", y);
  activ::backward(f, x, y, dy, dx, ds);
  print("prelu_channels", "backward", dx);
  print("prelu_channels", "dslopes", ds);
}

template <class T>
void all() {
  const std::vector<T> x = line<T>();
  for (const auto& info : activ::names())
    if (!info.rowwise) elementwise(std::string(info.name), x);
  for (const char* text :
       {"swish(beta=1.702)", "leaky_relu(alpha=0.2)", "leaky_relu(alpha=-0.3)", "prelu(alpha=0.1)",
        "rrelu(lower=0.1, upper=0.4)", "hardtanh(min_val=-2, max_val=3)",
        "hardsigmoid(alpha=0.2, beta=0.4)", "threshold(theta=0.5, value=-2)",
        "hardshrink(lambda=0.25)", "softshrink(lambda=2)", "elu(alpha=0.5)", "selu",
        "celu(alpha=2.5)", "softplus(beta=2, threshold=10)", "softplus(beta=0.5)"})
    elementwise(text, x);
  rowwise<T>("softmax(cols=37)", 37, 37);
  rowwise<T>("softmax(cols=1000, temperature=0.7)", 1000, 1000);
  rowwise<T>("softmax(cols=37, zero_masked_rows=true)", 37, 37);
  rowwise<T>("log_softmax(cols=37)", 37, 37);
  rowwise<T>("log_softmax(cols=1000, temperature=2)", 1000, 1000);
  rowwise<T>("maxout(pieces=3)", 39, 13);
  for (const char* g : {"glu", "swiglu", "geglu", "geglu_tanh", "reglu", "bilinear"}) {
    rowwise<T>(std::string(g) + "(cols=21)", 42, 21);
    rowwise<T>(std::string(g) + "(cols=21, gate_first=false)", 42, 21);
  }
  rowwise<T>("swiglu(cols=21, beta=2)", 42, 21);
  prelu_channels<T>();
}

}  // namespace

int main() {
  all<float>();
  all<double>();
}
