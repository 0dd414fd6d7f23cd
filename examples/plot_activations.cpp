// Writes an SVG gallery of the element-wise activations: one panel each, f
// (solid) and f' (dashed) over [-5, 5], computed by activ itself through
// runtime selection (activ::names, activ::parse, forward_with_derivative).
// No dependency beyond activ; the SVG is plain text.
//
//   plot_activations [output.svg] [activation ...]
//   plot_activations docs/activations.svg                      # every activation, defaults
//   plot_activations leaky.svg "leaky_relu(alpha=0.2)" elu     # chosen ones
//
// The output defaults to activations.svg in the current directory.
#include <activ/activ.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

constexpr int k_columns = 5, k_width = 250, k_height = 190;  // panel size in pixels
constexpr int k_pad_left = 46, k_pad_right = 10, k_pad_top = 38, k_pad_bottom = 22;
constexpr double k_xmin = -5, k_xmax = 5;
constexpr int k_samples = 401;

// A number for a label: up to 4 significant digits.
std::string label(double v) {
  char s[32];
  std::snprintf(s, sizeof s, "%.4g", v);
  return s;
}

// The panel title: the name and each parameter at up to 4 digits.
std::string title(const activ::activation& a) {
  std::string t(a.name());
  std::string params;
  a.visit([&](const auto& g) {
    using G = std::decay_t<decltype(g)>;
    for (const auto& p : activ::parameters_of<G>())
      params += (params.empty() ? "" : ", ") + std::string(p.name) + "=" + label(p.get(g));
  });
  return params.empty() ? t : t + "(" + params + ")";
}

// A coordinate to a tenth of a pixel.
std::string pixel(double v) {
  char s[32];
  std::snprintf(s, sizeof s, "%.1f", v);
  return s;
}

// One polyline; a jump taller than half the panel (sign, threshold) starts a new one.
void polyline(std::ostream& out, const std::vector<double>& px, const std::vector<double>& py,
              int height, const char* style) {
  std::size_t start = 0;
  for (std::size_t i = 1; i <= px.size(); ++i) {
    if (i < px.size() && std::fabs(py[i] - py[i - 1]) < height / 2.0) continue;
    out << "<polyline " << style << " points=\"";
    // Keep a point only where the curve leaves the straight line from the last
    // kept point by more than 0.15 pixel (straight pieces become two points).
    std::size_t anchor = start;
    out << pixel(px[start]) << ',' << pixel(py[start]) << ' ';
    for (std::size_t k = start + 2; k <= i; ++k) {
      bool straight = k < i;
      for (std::size_t m = anchor + 1; straight && m < k; ++m) {
        const double dx = px[k] - px[anchor], dy = py[k] - py[anchor];
        const double off =
            std::fabs(dx * (py[m] - py[anchor]) - dy * (px[m] - px[anchor])) / std::hypot(dx, dy);
        straight = off <= 0.15;
      }
      if (!straight) {
        anchor = k - 1;
        out << pixel(px[anchor]) << ',' << pixel(py[anchor]) << ' ';
      }
    }
    out << "\"/>\n";
    start = i;
  }
}

void panel(std::ostream& out, const activ::activation& a, int col, int row) {
  std::vector<double> x(k_samples), f(k_samples), d(k_samples);
  for (int i = 0; i < k_samples; ++i) x[i] = k_xmin + (k_xmax - k_xmin) * i / (k_samples - 1);
  activ::forward_with_derivative(a, x, f, d);

  double lo = 0, hi = 1;  // always show 0 and 1 (the usual slopes and levels)
  for (int i = 0; i < k_samples; ++i)
    for (double v : {f[i], d[i]})
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  const double span = hi - lo;
  lo -= 0.06 * span, hi += 0.06 * span;

  const int x0 = col * k_width + k_pad_left, y0 = row * k_height + k_pad_top;
  const int w = k_width - k_pad_left - k_pad_right, h = k_height - k_pad_top - k_pad_bottom;
  auto sx = [&](double v) { return x0 + (v - k_xmin) / (k_xmax - k_xmin) * w; };
  auto sy = [&](double v) { return y0 + (hi - std::clamp(v, lo, hi)) / (hi - lo) * h; };

  out << "<g>\n<rect x=\"" << x0 << "\" y=\"" << y0 << "\" width=\"" << w << "\" height=\"" << h
      << "\" class=\"frame\"/>\n";
  out << "<text x=\"" << x0 + w / 2 << "\" y=\"" << y0 - 8 << "\" class=\"title\">" << title(a)
      << "</text>\n";
  out << "<line x1=\"" << label(sx(0)) << "\" y1=\"" << y0 << "\" x2=\"" << label(sx(0))
      << "\" y2=\"" << y0 + h << "\" class=\"axis\"/>\n";
  out << "<line x1=\"" << x0 << "\" y1=\"" << label(sy(0)) << "\" x2=\"" << x0 + w << "\" y2=\""
      << label(sy(0)) << "\" class=\"axis\"/>\n";
  for (double v : {lo + 0.06 / 1.12 * (hi - lo), 0.0, hi - 0.06 / 1.12 * (hi - lo)}) {
    if (v != 0 && std::fabs(sy(v) - sy(0)) < 10) continue;  // too close to the 0 label
    out << "<text x=\"" << x0 - 3 << "\" y=\"" << label(sy(v) + 3) << "\" class=\"ytick\">"
        << label(v) << "</text>\n";
  }
  for (double v : {k_xmin, 0.0, k_xmax})
    out << "<text x=\"" << label(sx(v)) << "\" y=\"" << y0 + h + 13 << "\" class=\"xtick\">"
        << label(v) << "</text>\n";

  std::vector<double> px(k_samples), pf(k_samples), pd(k_samples);
  for (int i = 0; i < k_samples; ++i) px[i] = sx(x[i]), pf[i] = sy(f[i]), pd[i] = sy(d[i]);
  polyline(out, px, pd, h, "class=\"df\"");
  polyline(out, px, pf, h, "class=\"f\"");
  out << "</g>\n";
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "activations.svg";
  std::vector<activ::activation> list;
  try {
    if (argc > 2) {
      for (int i = 2; i < argc; ++i) list.push_back(activ::parse(argv[i]));
    } else {
      for (const auto& info : activ::names())
        if (!info.rowwise) list.push_back(activ::parse(info.name));
    }
  } catch (const std::invalid_argument& e) {
    std::cerr << e.what() << '\n';
    return 2;
  }
  for (const auto& a : list)
    if (a.rowwise()) {
      std::cerr << a.name() << " is row-wise: it has no curve f(x) to plot\n";
      return 2;
    }

  const int cols = std::min<int>(k_columns, static_cast<int>(list.size()));
  const int rows = (static_cast<int>(list.size()) + cols - 1) / cols;
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << cols * k_width << "\" height=\""
      << rows * k_height + 30 << "\" viewBox=\"0 -30 " << cols * k_width << ' '
      << rows * k_height + 30 << "\" font-family=\"sans-serif\">\n"
      << "<style>\n"
         ".frame{fill:#fff;stroke:#bbb;stroke-width:1}\n"
         ".axis{stroke:#ccc;stroke-width:1}\n"
         ".f{fill:none;stroke:#1f5fbf;stroke-width:2}\n"
         ".df{fill:none;stroke:#d9541e;stroke-width:1.5;stroke-dasharray:5,3}\n"
         ".title{font-size:11px;text-anchor:middle;fill:#222}\n"
         ".ytick{font-size:9px;text-anchor:end;fill:#555}\n"
         ".xtick{font-size:9px;text-anchor:middle;fill:#555}\n"
         ".legend{font-size:12px;fill:#222}\n"
         "</style>\n"
      << "<rect x=\"0\" y=\"-30\" width=\"100%\" height=\"100%\" fill=\"#fafafa\"/>\n"
      << "<line x1=\"12\" y1=\"-14\" x2=\"42\" y2=\"-14\" class=\"f\"/>"
         "<text x=\"48\" y=\"-10\" class=\"legend\">f(x)</text>\n"
      << "<line x1=\"92\" y1=\"-14\" x2=\"122\" y2=\"-14\" class=\"df\"/>"
         "<text x=\"128\" y=\"-10\" class=\"legend\">f'(x)</text>\n"
      << "<text x=\"190\" y=\"-10\" class=\"legend\">activ: f and f' over x in [-5, 5], "
         "drawn by examples/plot_activations.cpp</text>\n";
  for (std::size_t i = 0; i < list.size(); ++i)
    panel(svg, list[i], static_cast<int>(i) % cols, static_cast<int>(i) / cols);
  svg << "</svg>\n";

  std::ofstream file(path);
  file << svg.str();
  if (!file) {
    std::cerr << "cannot write " << path << '\n';
    return 1;
  }
  std::printf("wrote %s: %zu panels\n", path.c_str(), list.size());
}
