// prelu_channels: PReLU with one slope per channel (row-wise)
//   y = x for x > 0, a[c] x for x <= 0,  c the channel of x
//   backward:       dx = dy for x > 0, a[c] dy for x <= 0   (NaN for NaN x)
//   slope gradient: da[c] = sum over the other dims of x dy where !(x > 0)
// Layout [outer, channels, inner], row-major: channels first [N, C, H*W] (PyTorch's
// nn.PReLU(num_parameters = C)) is inner = H*W, channels last [rows, C] inner = 1 (the default);
// x.size() is a multiple of channels * inner. The slopes are not owned: a pointer to `channels`
// values of the data's type. forward and backward as for every activation (in place allowed);
// backward(f, x, y, dy, dx, dslopes) also overwrites the slope gradient (dslopes shares no memory
// with anything else), summed in a fixed order in scalar code, the same for every SIMD width:
// float in double (x dy exact), double with TwoProd and a compensated sum; within 1 ulp of the
// exact sum unless the terms cancel, then within 2^-50 (float) / 2^-100 (double) of sum |x dy|.
// Edges: as activ::prelu with slope a[c]; da sums NaN for NaN x, as PyTorch.
// Bound: y and dx are one product each, correctly rounded. Reference: He et al. 2015 ("Delving
//   deep into rectifiers"); torch.nn.PReLU.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include "detail/channels.hpp"

namespace activ {

template <class T>
struct prelu_channels {
  static_assert(detail::is_real_v<T>, "activ::prelu_channels: slopes are float or double");
  static constexpr std::string_view name = "prelu_channels";
  static constexpr bool rowwise = true;

  const T* slopes = nullptr;
  std::size_t channels = 0;
  std::size_t inner = 1;

  prelu_channels() = default;
  prelu_channels(const T* s, std::size_t c, std::size_t in = 1)
      : slopes(s), channels(c), inner(in) {}
  template <class R, class = std::enable_if_t<detail::are_ranges_v<const R>>>
  explicit prelu_channels(const R& s, std::size_t in = 1)
      : slopes(s.data()), channels(s.size()), inner(in) {}

  template <class A, class U>
  void forward_rows(const U* x, std::size_t nx, U* y, std::size_t ny) const {
    static_assert(std::is_same_v<U, T>,
                  "activ::prelu_channels: slopes and data must have one type");
    const std::size_t outer = check("forward", nx);
    detail::require_size("forward", name, detail::arg<T>{"y", y, ny}, nx, "the size of x");
    detail::check_rows_memory<T, 2, 1>("forward", {{{"x", x, nx}, {"slopes", slopes, channels}}},
                                       {{{"y", y, ny}}});
    run_blocks<A>(outer, x, y, nullptr,
                  [](auto v, auto a, auto) { return detail::prelu_value(v, a); });
  }

  template <class A, class U>
  void backward_rows(const U* x, std::size_t nx, const U* y, std::size_t ny, const U* dy,
                     std::size_t ndy, U* dx, std::size_t ndx, U* ds = nullptr, std::size_t nds = 0,
                     bool want_ds = false) const {
    static_assert(std::is_same_v<U, T>,
                  "activ::prelu_channels: slopes and data must have one type");
    const std::size_t outer = check("backward", nx);
    detail::require_size("backward", name, detail::arg<const T>{"y", y, ny}, nx, "the size of x");
    detail::require_size("backward", name, detail::arg<const T>{"dy", dy, ndy}, nx,
                         "the size of x");
    detail::require_size("backward", name, detail::arg<T>{"dx", dx, ndx}, nx, "the size of x");
    const std::array<detail::arg<const T>, 4> ins{
        {{"x", x, nx}, {"y", y, ny}, {"dy", dy, ndy}, {"slopes", slopes, channels}}};
    detail::check_rows_memory<T, 4, 1>("backward", ins, {{{"dx", dx, ndx}}});
    if (want_ds) {
      const detail::arg<T> ads{"dslopes", ds, nds};
      detail::require_size("backward", name, ads, channels, "one per channel");
      detail::check_rows_memory<T, 0, 1>("backward", {}, {ads});
      detail::check_disjoint("backward", ads, ins);
      detail::check_disjoint<T, 1>("backward", ads, {{{"dx", dx, ndx}}});
      slope_gradient(outer, x, dy, ds);  // before dx, which may be x or dy
    }
    run_blocks<A>(outer, x, dx, dy,
                  [](auto v, auto a, auto g) { return detail::prelu_grad(v, a, g); });
  }

 private:
  // Shape and slopes; returns the outer count.
  std::size_t check(const char* call, std::size_t nx) const {
    if (channels == 0 || inner == 0)
      detail::fail(call, "prelu_channels: channels and inner must be at least 1 (channels = " +
                             detail::count(channels) + ", inner = " + detail::count(inner) + ")");
    if (nx % (channels * inner) != 0)
      detail::fail(call, "prelu_channels: x has " + detail::count(nx) +
                             " elements, not a multiple of "
                             "channels * inner = " +
                             detail::count(channels) + " * " + detail::count(inner));
    return nx / (channels * inner);
  }

  // op(x, slope, dy) over every element, as batches; dy may be null (forward).
  template <class A, class Op>
  void run_blocks(std::size_t outer, const T* x, T* out, const T* dy, Op op) const {
    using V = xsimd::batch<T, A>;
    const std::size_t block = channels * inner;
    for (std::size_t o = 0; o < outer; ++o) {
      const std::size_t at = o * block;
      const T* g = dy ? dy + at : x + at;  // unused by forward's op
      if (inner == 1) {                    // channels last: the slopes run along the row
        detail::run<A, T, 3, 1>(channels, {x + at, slopes, g}, {out + at}, op);
        continue;
      }
      for (std::size_t c = 0; c < channels; ++c) {
        const V a(slopes[c]);
        const std::size_t b = at + c * inner;
        detail::run<A, T, 2, 1>(inner, {x + b, dy ? dy + b : x + b}, {out + b},
                                [&](V v, V gv) { return op(v, a, gv); });
      }
    }
  }

  // ds[c] = sum of x dy over channel c where !(x > 0); 64 channels at a time so that channels
  // last reads rows in order.
  void slope_gradient(std::size_t outer, const T* x, const T* dy, T* ds) const {
    constexpr std::size_t chunk = 64;
    for (std::size_t c0 = 0; c0 < channels; c0 += chunk) {
      const std::size_t cn = channels - c0 < chunk ? channels - c0 : chunk;
      detail::slope_sum<T> acc[chunk];
      for (std::size_t o = 0; o < outer; ++o)
        for (std::size_t c = 0; c < cn; ++c) {
          const std::size_t b = (o * channels + c0 + c) * inner;
          for (std::size_t i = 0; i < inner; ++i)
            if (!(x[b + i] > 0)) acc[c].add(x[b + i], dy[b + i]);
        }
      for (std::size_t c = 0; c < cn; ++c) ds[c0 + c] = acc[c].get();
    }
  }
};

template <class R>
prelu_channels(const R&) -> prelu_channels<detail::range_value_t<const R>>;
template <class R>
prelu_channels(const R&, std::size_t) -> prelu_channels<detail::range_value_t<const R>>;

// backward that also writes the slope gradient (dslopes: one per channel).
template <class A = xsimd::default_arch, class T, class X, class Y, class DY, class DX, class DS,
          class = std::enable_if_t<detail::are_ranges_v<X, Y, DY, DX, DS>>>
void backward(const prelu_channels<T>& f, const X& x, const Y& y, const DY& dy, DX&& dx,
              DS&& dslopes) {
  f.template backward_rows<A, T>(static_cast<const T*>(x.data()), x.size(),
                                 static_cast<const T*>(y.data()), y.size(),
                                 static_cast<const T*>(dy.data()), dy.size(), detail::data_of(dx),
                                 dx.size(), detail::data_of(dslopes), dslopes.size(), true);
}

}  // namespace activ
