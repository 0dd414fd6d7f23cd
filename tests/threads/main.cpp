// Concurrent calls on shared inputs with separate outputs, built with
// -fsanitize=thread: the drivers hold no global state, so ThreadSanitizer
// must report nothing and every thread must get the serial result bit for
// bit. Element-wise (through the functors and through a parsed activation),
// row-wise (softmax) and backward, float and double.
#include <activ/activ.hpp>
#include <cstdio>
#include <cstring>
#include <random>
#include <thread>
#include <vector>

namespace {

template <class T, class Call>
bool same_in_threads(const char* what, Call call, std::size_t n) {
  std::vector<T> x(n), dy(n);
  std::mt19937 rng(7);
  std::normal_distribution<double> normal(0, 3);
  for (std::size_t i = 0; i < n; ++i) x[i] = T(normal(rng)), dy[i] = T(normal(rng));
  std::vector<T> serial(n);
  call(x, dy, serial);
  constexpr int threads = 4;
  std::vector<std::vector<T>> out(threads, std::vector<T>(n));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (int rep = 0; rep < 8; ++rep) call(x, dy, out[t]);
    });
  for (auto& th : pool) th.join();
  bool ok = true;
  for (int t = 0; t < threads; ++t)
    ok = ok && std::memcmp(out[t].data(), serial.data(), n * sizeof(T)) == 0;
  std::printf("%-28s %s\n", what, ok ? "ok" : "DIFFERS");
  return ok;
}

template <class T>
bool all() {
  using V = std::vector<T>;
  const std::size_t n = 4099;  // not a multiple of any batch width: tails too
  const activ::activation parsed = activ::parse("softplus(beta=2)");
  bool ok = true;
  ok &= same_in_threads<T>(
      "sigmoid forward", [](const V& x, const V&, V& y) { activ::forward(activ::sigmoid{}, x, y); },
      n);
  ok &= same_in_threads<T>(
      "gelu backward",
      [](const V& x, const V& dy, V& dx) { activ::backward(activ::gelu{}, x, dy, dx); }, n);
  ok &= same_in_threads<T>(
      "parsed softplus forward", [&](const V& x, const V&, V& y) { activ::forward(parsed, x, y); },
      n);
  ok &= same_in_threads<T>(
      "softmax rows of 97",
      [](const V& x, const V&, V& y) { activ::forward(activ::softmax{97}, x, y); }, 97 * 41);
  return ok;
}

}  // namespace

int main() {
  const bool ok = all<float>() && all<double>();
  std::puts(ok ? "all threads agree" : "THREADS DISAGREE");
  return ok ? 0 : 1;
}
