// A small multilayer perceptron in plain C++ on activ: forward, backward and
// Adam (or SGD with momentum), trained on a data set it generates (two
// interleaved spirals, or two concentric rings), with the hidden activation
// chosen by name at run time (activ::parse). For each activation, learning
// rate and seed it measures: the first epoch whose training accuracy reaches
// the target, the final training loss and accuracy, the test accuracy, the
// wall time, and two shares of hidden units:
//   zero%  units whose output is exactly 0 on every training input (the
//          "dead" ReLU: no gradient flows through them any more);
//   neg%   units whose pre-activation is <= 0 on every training input (for
//          relu the same units; for leaky_relu or elu they still pass a
//          gradient, alpha or e^z, so they can come back).
// The table (Markdown) gives the median epochs with how many seeds reached
// the target, and the means of the rest.
//
//   train_mlp                                   # the README's run (see --help)
//   train_mlp --activations "relu,leaky_relu(alpha=0.2),tanh" --lr 0.01,0.1
//   train_mlp --large-lr                        # adds a 10x learning rate to each run
//   train_mlp --smoke                           # a few epochs, for CI
//
// Everything is deterministic for a seed: the data, the initial weights and
// the batch order come from std::mt19937 (specified bit for bit by the
// standard) through this file's own uniform and normal transforms.
#include <activ/activ.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

// ---- deterministic random numbers -----------------------------------------
struct rng {
  std::mt19937 engine;
  explicit rng(std::uint32_t seed) : engine(seed) {}
  double uniform() { return (engine() >> 5) * (1.0 / 134217728.0); }  // [0, 1), 27 bits
  double normal() {                                                   // Box-Muller
    const double u = 1 - uniform(), v = uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(6.283185307179586 * v);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(uniform() * n); }
};

// ---- data --------------------------------------------------------------------
struct dataset {
  std::vector<float> x;  // n rows of 2
  std::vector<float> y;  // n labels, 0 or 1
  std::size_t size() const { return y.size(); }
};

// Two spirals: class c at angle t + c pi, radius t / T, t in [0.5, T] with
// T = 2 pi turns, plus Gaussian noise; or two rings of radius 0.5 and 1.
// Coordinates fall in about [-1, 1].
dataset make_data(const std::string& kind, std::size_t n, double turns, double noise,
                  std::uint32_t seed) {
  rng r(seed);
  dataset d;
  const double pi = 3.141592653589793;
  for (std::size_t i = 0; i < n; ++i) {
    const int c = static_cast<int>(i % 2);
    double px, py;
    if (kind == "rings") {
      const double a = 2 * pi * r.uniform(), rad = c == 0 ? 0.5 : 1.0;
      px = rad * std::cos(a), py = rad * std::sin(a);
    } else {
      const double end = 2 * pi * turns, t = 0.5 + (end - 0.5) * r.uniform();
      px = t / end * std::cos(t + c * pi), py = t / end * std::sin(t + c * pi);
    }
    d.x.push_back(static_cast<float>(px + noise * r.normal()));
    d.x.push_back(static_cast<float>(py + noise * r.normal()));
    d.y.push_back(static_cast<float>(c));
  }
  return d;
}

// ---- the network ---------------------------------------------------------------
// A dense layer, weights stored input-major (w[k * out + o]) so that the inner
// loops run over contiguous outputs; Adam or momentum state alongside.
struct dense {
  std::size_t in, out;
  std::vector<float> w, b, gw, gb, mw, mb, vw, vb;
  dense(std::size_t i, std::size_t o, double scale, rng& r)
      : in(i), out(o), w(i * o), b(o, 0.f), gw(i * o), gb(o), mw(i * o), mb(o), vw(i * o), vb(o) {
    for (float& v : w) v = static_cast<float>(scale * (2 * r.uniform() - 1));
  }
  // z[B x out] = a[B x in] W + b
  void forward(const float* a, std::size_t batch, float* z) const {
    for (std::size_t s = 0; s < batch; ++s) {
      float* zs = z + s * out;
      std::copy(b.begin(), b.end(), zs);
      for (std::size_t k = 0; k < in; ++k) {
        const float ak = a[s * in + k];
        const float* wk = &w[k * out];
        for (std::size_t o = 0; o < out; ++o) zs[o] += ak * wk[o];
      }
    }
  }
  // Gradients from dz[B x out]; da[B x in] = dz W^T when da is not null.
  void backward(const float* a, const float* dz, std::size_t batch, float* da) {
    std::fill(gw.begin(), gw.end(), 0.f);
    std::fill(gb.begin(), gb.end(), 0.f);
    for (std::size_t s = 0; s < batch; ++s) {
      const float* dzs = dz + s * out;
      for (std::size_t o = 0; o < out; ++o) gb[o] += dzs[o];
      for (std::size_t k = 0; k < in; ++k) {
        const float ak = a[s * in + k];
        float* gk = &gw[k * out];
        for (std::size_t o = 0; o < out; ++o) gk[o] += ak * dzs[o];
        if (da) {
          const float* wk = &w[k * out];
          float sum = 0;
          for (std::size_t o = 0; o < out; ++o) sum += dzs[o] * wk[o];
          da[s * in + k] = sum;
        }
      }
    }
  }
};

struct optimizer {
  bool adam;
  double lr;
  long step = 0;
  void update(dense& l) {
    ++step;
    apply(l.w, l.gw, l.mw, l.vw);
    apply(l.b, l.gb, l.mb, l.vb);
  }
  void apply(std::vector<float>& p, const std::vector<float>& g, std::vector<float>& m,
             std::vector<float>& v) {
    if (!adam) {  // SGD with momentum 0.9
      for (std::size_t i = 0; i < p.size(); ++i)
        m[i] = 0.9f * m[i] + g[i], p[i] -= static_cast<float>(lr) * m[i];
      return;
    }
    const double b1 = 0.9, b2 = 0.999, t = static_cast<double>(step);
    const float c1 = static_cast<float>(lr / (1 - std::pow(b1, t))),
                c2 = static_cast<float>(1 / (1 - std::pow(b2, t)));
    for (std::size_t i = 0; i < p.size(); ++i) {
      m[i] = 0.9f * m[i] + 0.1f * g[i];
      v[i] = 0.999f * v[i] + 0.001f * g[i] * g[i];
      p[i] -= c1 * m[i] / (std::sqrt(v[i] * c2) + 1e-8f);
    }
  }
};

struct mlp {
  activ::activation act;
  std::vector<dense> layers;  // hidden layers, then the one-logit output layer
  // Per-layer buffers for one batch: inputs a[l], pre-activations z[l].
  std::vector<std::vector<float>> a, z, da, dz;

  mlp(const activ::activation& f, std::size_t hidden, std::size_t depth, bool glorot, rng& r)
      : act(f) {
    std::size_t in = 2;
    for (std::size_t l = 0; l <= depth; ++l) {
      const std::size_t out = l == depth ? 1 : hidden;
      // Uniform limits: He sqrt(6 / in) (variance 2 / in) or Glorot sqrt(6 / (in + out)).
      const double scale = glorot || l == depth ? std::sqrt(6.0 / (in + out)) : std::sqrt(6.0 / in);
      layers.emplace_back(in, out, scale, r);
      in = out;
    }
  }

  // Logits for `batch` inputs; keeps what backward needs.
  const std::vector<float>& forward(const float* x, std::size_t batch) {
    a.resize(layers.size()), z.resize(layers.size());
    a[0].assign(x, x + batch * 2);
    for (std::size_t l = 0; l < layers.size(); ++l) {
      z[l].resize(batch * layers[l].out);
      layers[l].forward(a[l].data(), batch, z[l].data());
      if (l + 1 < layers.size()) {
        a[l + 1].resize(z[l].size());
        activ::forward(act, z[l], a[l + 1]);  // one dispatch, then SIMD
      }
    }
    return z.back();
  }

  // dlogit: d loss / d logit for each input of the last forward.
  void backward(const std::vector<float>& dlogit, std::size_t batch, optimizer& opt) {
    da.resize(layers.size()), dz.resize(layers.size());
    dz.back() = dlogit;
    for (std::size_t l = layers.size(); l-- > 0;) {
      if (l > 0) da[l].resize(batch * layers[l].in);
      layers[l].backward(a[l].data(), dz[l].data(), batch, l > 0 ? da[l].data() : nullptr);
      if (l > 0) {
        dz[l - 1].resize(da[l].size());
        activ::backward(act, z[l - 1], da[l], dz[l - 1]);  // dz = da * f'(z)
      }
      opt.update(layers[l]);
    }
  }
};

// Mean binary cross-entropy of logits against labels, and the accuracy:
// loss = softplus(z) - y z, computed with activ::softplus (stable for any z).
struct score {
  double loss = 0, accuracy = 0;
};
score evaluate(mlp& net, const dataset& d) {
  score s;
  const std::size_t chunk = 256;
  std::vector<float> sp;
  for (std::size_t i = 0; i < d.size(); i += chunk) {
    const std::size_t b = std::min(chunk, d.size() - i);
    const std::vector<float>& z = net.forward(&d.x[2 * i], b);
    sp.resize(b);
    activ::forward(activ::softplus{}, z, sp);
    for (std::size_t k = 0; k < b; ++k) {
      s.loss += sp[k] - d.y[i + k] * z[k];
      s.accuracy += (z[k] > 0) == (d.y[i + k] > 0.5f);
    }
  }
  s.loss /= static_cast<double>(d.size()), s.accuracy /= static_cast<double>(d.size());
  return s;
}

// Shares of hidden units that output 0, and that have z <= 0, on every input.
void unit_shares(mlp& net, const dataset& d, double& zero, double& negative) {
  const std::size_t hidden_layers = net.layers.size() - 1;
  std::vector<std::vector<char>> any_nonzero(hidden_layers), any_positive(hidden_layers);
  for (std::size_t l = 0; l < hidden_layers; ++l)
    any_nonzero[l].assign(net.layers[l].out, 0), any_positive[l].assign(net.layers[l].out, 0);
  const std::size_t chunk = 256;
  for (std::size_t i = 0; i < d.size(); i += chunk) {
    const std::size_t b = std::min(chunk, d.size() - i);
    net.forward(&d.x[2 * i], b);
    for (std::size_t l = 0; l < hidden_layers; ++l) {
      const std::size_t w = net.layers[l].out;
      for (std::size_t k = 0; k < b * w; ++k) {
        any_nonzero[l][k % w] |= net.a[l + 1][k] != 0;
        any_positive[l][k % w] |= net.z[l][k] > 0;
      }
    }
  }
  std::size_t units = 0, zeros = 0, negs = 0;
  for (std::size_t l = 0; l < hidden_layers; ++l)
    for (std::size_t u = 0; u < any_nonzero[l].size(); ++u)
      ++units, zeros += !any_nonzero[l][u], negs += !any_positive[l][u];
  zero = static_cast<double>(zeros) / units, negative = static_cast<double>(negs) / units;
}

struct config {
  std::vector<std::string> activations{"relu",  "leaky_relu", "elu",    "gelu",
                                       "swish", "tanh",       "sigmoid"};
  std::vector<double> lrs;  // empty: 0.01 for Adam, 0.1 for SGD
  std::vector<std::uint32_t> seeds{1, 2, 3, 4, 5};
  std::string data = "spirals", init = "he";
  std::size_t points = 1000, hidden = 32, depth = 2, batch = 32, epochs = 200;
  double turns = 2, noise = 0.02, target = 0.95;
  bool adam = true, large_lr = false, verbose = false;
};

struct run_result {
  long epochs_to_target = -1;
  score train, test;
  double seconds = 0, zero = 0, negative = 0;
};

run_result train(const config& c, const activ::activation& act, double lr, std::uint32_t seed) {
  const dataset data = make_data(c.data, c.points, c.turns, c.noise, 1000 + seed);
  const dataset test = make_data(c.data, c.points, c.turns, c.noise, 2000 + seed);
  rng r(seed);
  const std::string n(act.name());
  const bool glorot = c.init == "glorot" ||
                      (c.init == "auto" && (n == "tanh" || n == "sigmoid" || n == "softsign"));
  mlp net(act, c.hidden, c.depth, glorot, r);
  optimizer opt{c.adam, lr};
  run_result res;
  std::vector<std::size_t> order(data.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<float> xb(2 * c.batch), dlogit, p;
  const auto t0 = std::chrono::steady_clock::now();
  for (std::size_t epoch = 1; epoch <= c.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[r.below(i)]);
    for (std::size_t start = 0; start < order.size(); start += c.batch) {
      const std::size_t b = std::min(c.batch, order.size() - start);
      for (std::size_t k = 0; k < b; ++k)
        xb[2 * k] = data.x[2 * order[start + k]], xb[2 * k + 1] = data.x[2 * order[start + k] + 1];
      const std::vector<float>& z = net.forward(xb.data(), b);
      p.resize(b), dlogit.resize(b);
      activ::forward(activ::sigmoid{}, z, p);  // d BCE / d z = sigmoid(z) - y
      for (std::size_t k = 0; k < b; ++k)
        dlogit[k] = (p[k] - data.y[order[start + k]]) / static_cast<float>(b);
      net.backward(dlogit, b, opt);
    }
    res.train = evaluate(net, data);
    if (res.epochs_to_target < 0 && res.train.accuracy >= c.target)
      res.epochs_to_target = static_cast<long>(epoch);
  }
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  res.test = evaluate(net, test);
  unit_shares(net, data, res.zero, res.negative);
  return res;
}

// "a,b(c=1, d=2),e" -> {"a", "b(c=1, d=2)", "e"}: commas inside parentheses stay.
std::vector<std::string> split_top(const std::string& s) {
  std::vector<std::string> out(1);
  int depth = 0;
  for (char ch : s) {
    depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
    if (ch == ',' && depth == 0)
      out.emplace_back();
    else
      out.back() += ch;
  }
  return out;
}

void usage() {
  std::puts(
      "train_mlp [options]\n"
      "  --activations LIST  comma-separated activation strings (default "
      "relu,leaky_relu,elu,gelu,swish,tanh,sigmoid)\n"
      "  --lr LIST           learning rates (default 0.01 with Adam, 0.1 with SGD)\n"
      "  --large-lr          also run every activation at 10x each learning rate\n"
      "  --optimizer adam|sgd  Adam, or SGD with momentum 0.9 (default adam)\n"
      "  --seeds N           seeds 1..N (default 5)\n"
      "  --epochs N          epochs per run (default 200)\n"
      "  --data spirals|rings, --points N (default 1000), --noise S (default 0.02)\n"
      "  --turns T           turns of each spiral (default 2)\n"
      "  --hidden N, --depth N  hidden width and layers (default 32, 2)\n"
      "  --batch N           minibatch size (default 32)\n"
      "  --target A          training accuracy that counts as reached (default 0.95)\n"
      "  --init he|glorot|auto  initial weights, uniform with variance 2/fan_in (He, the "
      "default),\n"
      "                      2/(fan_in+fan_out) (Glorot), or auto: Glorot for tanh, sigmoid, "
      "softsign, He otherwise\n"
      "  --verbose           one line per seed as well\n"
      "  --smoke             a 2-second run for CI (relu and tanh, 1 seed, 5 epochs)");
}

std::string fmt(const char* f, double v) {
  char s[64];
  std::snprintf(s, sizeof s, f, v);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  config c;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      auto value = [&]() -> std::string {
        if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
        return argv[++i];
      };
      if (arg == "--activations")
        c.activations = split_top(value());
      else if (arg == "--lr") {
        c.lrs.clear();
        for (const auto& v : split_top(value())) c.lrs.push_back(std::stod(v));
      } else if (arg == "--large-lr")
        c.large_lr = true;
      else if (arg == "--optimizer")
        c.adam = value() != "sgd";
      else if (arg == "--seeds") {
        c.seeds.clear();
        for (std::uint32_t s = 1, n = static_cast<std::uint32_t>(std::stoul(value())); s <= n; ++s)
          c.seeds.push_back(s);
      } else if (arg == "--epochs")
        c.epochs = std::stoul(value());
      else if (arg == "--data")
        c.data = value();
      else if (arg == "--points")
        c.points = std::stoul(value());
      else if (arg == "--noise")
        c.noise = std::stod(value());
      else if (arg == "--turns")
        c.turns = std::stod(value());
      else if (arg == "--hidden")
        c.hidden = std::stoul(value());
      else if (arg == "--depth")
        c.depth = std::stoul(value());
      else if (arg == "--batch")
        c.batch = std::max<std::size_t>(1, std::stoul(value()));
      else if (arg == "--target")
        c.target = std::stod(value());
      else if (arg == "--init")
        c.init = value();
      else if (arg == "--verbose")
        c.verbose = true;
      else if (arg == "--smoke")
        c.activations = {"relu", "tanh"}, c.seeds = {1}, c.epochs = 5;
      else if (arg == "--help" || arg == "-h")
        return usage(), 0;
      else
        throw std::invalid_argument("unknown option " + arg + " (see --help)");
    }
    if (c.lrs.empty()) c.lrs = {c.adam ? 0.01 : 0.1};
    if (c.large_lr)
      for (std::size_t i = 0, n = c.lrs.size(); i < n; ++i) c.lrs.push_back(10 * c.lrs[i]);
    std::vector<activ::activation> acts;
    for (const auto& s : c.activations)
      acts.push_back(activ::parse(s));  // throws with the valid names
    for (const auto& a : acts)
      if (a.rowwise())
        throw std::invalid_argument(std::string(a.name()) +
                                    " is row-wise: pick an element-wise activation");

    std::printf("data %s", c.data.c_str());
    if (c.data != "rings") std::printf(" (%g turns)", c.turns);
    std::printf(", %zu training + %zu test points, noise %g; MLP 2-%zu", c.points, c.points,
                c.noise, c.hidden);
    for (std::size_t l = 1; l < c.depth; ++l) std::printf("-%zu", c.hidden);
    std::printf("-1, %s, batch %zu, %zu epochs, init %s, seeds 1..%zu; target accuracy %g\n\n",
                c.adam ? "Adam" : "SGD (momentum 0.9)", c.batch, c.epochs, c.init.c_str(),
                c.seeds.size(), c.target);
    std::printf(
        "| activation | lr | epochs to %g%% (median, reached) | final loss | train acc | "
        "test acc | "
        "time (s) | zero%% | neg%% |\n|---|---|---|---|---|---|---|---|---|\n",
        100 * c.target);
    for (double lr : c.lrs)
      for (const auto& a : acts) {
        std::vector<long> reached;
        run_result mean;
        for (std::uint32_t seed : c.seeds) {
          const run_result r = train(c, a, lr, seed);
          if (c.verbose)
            std::fprintf(stderr,
                         "%s lr %g seed %u: epochs %ld, loss %.4f, acc %.3f/%.3f, %.2f s, zero "
                         "%.2f, neg %.2f\n",
                         activ::to_string(a).c_str(), lr, seed, r.epochs_to_target, r.train.loss,
                         r.train.accuracy, r.test.accuracy, r.seconds, r.zero, r.negative);
          if (r.epochs_to_target > 0) reached.push_back(r.epochs_to_target);
          mean.train.loss += r.train.loss, mean.train.accuracy += r.train.accuracy;
          mean.test.accuracy += r.test.accuracy, mean.seconds += r.seconds;
          mean.zero += r.zero, mean.negative += r.negative;
        }
        const double n = static_cast<double>(c.seeds.size());
        std::string epochs = "never";
        if (!reached.empty()) {
          std::sort(reached.begin(), reached.end());
          // The median over all seeds, counting a seed that never reached it as infinite.
          const std::size_t mid = c.seeds.size() / 2;
          epochs =
              mid < reached.size() ? std::to_string(reached[mid]) : "> " + std::to_string(c.epochs);
        }
        epochs +=
            " (" + std::to_string(reached.size()) + "/" + std::to_string(c.seeds.size()) + ")";
        std::printf("| %s | %g | %s | %s | %s | %s | %s | %s | %s |\n", activ::to_string(a).c_str(),
                    lr, epochs.c_str(), fmt("%.4f", mean.train.loss / n).c_str(),
                    fmt("%.3f", mean.train.accuracy / n).c_str(),
                    fmt("%.3f", mean.test.accuracy / n).c_str(),
                    fmt("%.2f", mean.seconds / n).c_str(), fmt("%.0f", 100 * mean.zero / n).c_str(),
                    fmt("%.0f", 100 * mean.negative / n).c_str());
        std::fflush(stdout);
      }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "train_mlp: %s\n", e.what());
    return 2;
  }
}
