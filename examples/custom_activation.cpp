// A user-written activation gets activ's array drivers (forward, derivative,
// backward, forward_with_derivative), their SIMD speed, size checks and
// padded tails for free: write operator() and derivative() once over
// xsimd::batch, and let activ::on_batch run that formula for a lone float or
// double (lane 0 of a broadcast: the bits of the array call). The members a
// functor may have are listed in <activ/functor.hpp>.
//
// Two examples:
//   squared_relu  f(x) = max(0, x)^2,  f'(x) = 2 max(0, x)
//                 (So et al., "Primer", 2021)
//   tanhexp       f(x) = x tanh(e^x),  f'(x) = tanh(e^x) + x e^x (1 - tanh^2(e^x))
//                 (Liu and Di, "TanhExp", 2020)
// tanhexp is built on xsimd's own exp and tanh (about 1.5 ulp each in float),
// with guards so that inf * 0 never happens at x = +-inf.
#include <activ/activ.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string_view>
#include <type_traits>
#include <vector>

namespace user {

struct squared_relu {
  static constexpr std::string_view name = "squared_relu";

  template <class T>
  T operator()(T x) const {
    return activ::on_batch(x, [](auto v) {
      using V = decltype(v);
      const V r = xsimd::select(v <= V(0), V(0), v);  // NaN passes through
      return r * r;
    });
  }
  template <class T>
  T derivative(T x) const {
    return activ::on_batch(x, [](auto v) {
      using V = decltype(v);
      return V(2) * xsimd::select(v <= V(0), V(0), v);
    });
  }
};

struct tanhexp {
  static constexpr std::string_view name = "tanhexp";
  // One long chain per batch (exp, then tanh): let the drivers interleave batches.
  static constexpr bool interleave = true;

  template <class T>
  T operator()(T x) const {
    return activ::on_batch(x, [](auto v) {
      using V = decltype(v);
      const V t = xsimd::tanh(xsimd::exp(v));
      return xsimd::select(t == V(0), V(0) * xsimd::sign(v), v * t);  // x = -inf: -0, not -inf * 0
    });
  }
  template <class T>
  T derivative(T x) const {
    return activ::on_batch(x, [](auto v) {
      using V = decltype(v);
      const V e = xsimd::exp(v);
      const V t = xsimd::tanh(e);
      const V sech2 = V(1) - t * t;
      // x e^x sech^2(e^x) is 0 where either factor vanishes (never inf * 0).
      const V term = xsimd::select((sech2 == V(0)) | (e == V(0)), V(0), v * e * sech2);
      return t + term;
    });
  }
};

}  // namespace user

// Largest |f(x) - reference(x)| / max(|reference(x)|, 1) over x: relative
// error where |f| >= 1, absolute below (f' crosses zero).
template <class F, class Ref>
double worst_relative(const F& f, const std::vector<float>& x, Ref ref, bool derivative) {
  std::vector<float> out(x.size());
  if (derivative)
    activ::derivative(f, x, out);
  else
    activ::forward(f, x, out);
  double worst = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double r = ref(static_cast<double>(x[i]));
    worst = std::fmax(worst, std::fabs(out[i] - r) / std::fmax(std::fabs(r), 1.0));
  }
  return worst;
}

int main() {
  const user::tanhexp f;
  std::vector<float> x{-3.0f, -1.0f, -0.25f, 0.0f, 0.5f, 2.0f, 4.0f};
  std::vector<float> y(x.size()), d(x.size()), dy(x.size(), 1.0f), dx(x.size());

  activ::forward(f, x, y);                     // SIMD over the array, tail padded
  activ::forward_with_derivative(f, x, y, d);  // y and f' in one pass
  activ::backward(f, x, dy, dx);               // dx = dy * f'(x)
  std::printf("%8s %12s %12s %12s\n", "x", "tanhexp", "f'(x)", "backward");
  for (std::size_t i = 0; i < x.size(); ++i)
    std::printf("%8.3f %12.7f %12.7f %12.7f\n", x[i], y[i], d[i], dx[i]);
  std::printf("scalar tanhexp(0.5f) = %.7f (array: %.7f)\n", f(0.5f), y[4]);

  // Edges the guards handle: +-inf and NaN.
  std::vector<float> edges{-INFINITY, INFINITY, NAN}, fe(3), de(3);
  activ::forward_with_derivative(f, edges, fe, de);
  std::printf("f(-inf) = %g, f(+inf) = %g, f(nan) = %g; f'(-inf) = %g, f'(+inf) = %g\n", fe[0],
              fe[1], fe[2], de[0], de[1]);

  // Against a double-precision reference over [-10, 10].
  std::vector<float> grid(20001);
  for (std::size_t i = 0; i < grid.size(); ++i) grid[i] = -10.0f + 0.001f * static_cast<float>(i);
  auto ref_f = [](double v) { return v * std::tanh(std::exp(v)); };
  auto ref_d = [](double v) {
    const double e = std::exp(v), t = std::tanh(e);
    return t + v * e * (1 - t * t);
  };
  std::printf("tanhexp max error on [-10, 10]: f %.2e, f' %.2e\n",
              worst_relative(f, grid, ref_f, false), worst_relative(f, grid, ref_d, true));
  auto sq_f = [](double v) { return v > 0 ? v * v : 0.0; };
  auto sq_d = [](double v) { return v > 0 ? 2 * v : 0.0; };
  std::printf("squared_relu max error on [-10, 10]: f %.2e, f' %.2e\n",
              worst_relative(user::squared_relu{}, grid, sq_f, false),
              worst_relative(user::squared_relu{}, grid, sq_d, true));

  // Speed: the driver against a plain loop calling std::exp and std::tanh.
  std::vector<float> big(1 << 20), out(big.size());
  std::mt19937 rng(1);
  std::normal_distribution<float> normal(0.0f, 3.0f);
  for (float& v : big) v = normal(rng);
  auto time_ns = [&](auto run) {
    double best = 1e300;
    for (int rep = 0; rep < 5; ++rep) {
      const auto t0 = std::chrono::steady_clock::now();
      run();
      const auto t1 = std::chrono::steady_clock::now();
      best =
          std::fmin(best, std::chrono::duration<double, std::nano>(t1 - t0).count() / big.size());
    }
    return best;
  };
  const double simd = time_ns([&] { activ::forward(f, big, out); });
  const double loop = time_ns([&] {
    for (std::size_t i = 0; i < big.size(); ++i) out[i] = big[i] * std::tanh(std::exp(big[i]));
  });
  std::printf(
      "forward over 2^20 floats, best of 5: activ::forward %.2f ns/element, scalar std:: loop %.2f "
      "(batch width %zu)\n",
      simd, loop, xsimd::batch<float>::size);
}
