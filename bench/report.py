#!/usr/bin/env python3
"""Turn activ_bench's JSON (--benchmark_out) into the tables scripts/bench prints.

    report.py results/bench.json [--md results/table.md] [--svg results/chart.svg]
                                 [--cpu "model name"] [--print summary|all]

Rows are named <activation>/<direction>/<f32|f64>/<distribution>/<elements>/<implementation>
(memcpy rows: memcpy/copy/<type>/normal/<elements>/libc); row-wise activations
(softmax, log_softmax, swiglu) add their row length:
<activation>/<direction>/<type>/<distribution>/cols=<cols>/<elements>/<implementation>,
and are reported as the activation "<activation> cols=<cols>". The summary has one
line per element-wise activation (float, forward, normal inputs): activ's ns per
element at each size, its speedup over the scalar std:: loop, its time relative to
the fastest peer at each size (oneDNN, XNNPACK, Eigen: whichever ran fastest), its
cost relative to relu, its bandwidth as a share of memcpy's at the largest size, its
cycles per element beside the ulp bound it promises, and the max ulp of every
implementation. activ's fast tier (implementation activ_fast: activ::fast<F>, for
the activations that have one) has its own summary, one line per such activation
beside activ's accurate tier: both tiers' ns per element at each size, the fast
tier's speedup, both tiers' time relative to the fastest peer, their backward
time and the fast tier's max ulp beside its bound; the main summary's bound and
activ ulp columns show "accurate / fast" where a fast tier exists. Then one line
per row-wise activation, row length,
direction and type (normal inputs) with the same measures and the max ulp on
normal and on wide inputs. The full tables give the same per direction, type,
distribution and size, with a column per implementation (activ_fast included). The statistic is the median over repetitions of CPU time (the median
aggregate when the JSON has one, else the median of the runs it holds).

Python 3 standard library only.
"""

import argparse
import json
import math
import statistics
import sys
from collections import OrderedDict

LIBRARY = "activ"
FAST = "activ_fast"  # activ's fast tier, activ::fast<F>: its own rows, beside activ's
BASELINE_ACTIVATION = "relu"
CHART_DIRECTION = "forward"
CHART_TYPE = "f32"
CHART_SIZE = 4096
TYPE_TITLES = {"f32": "float", "f64": "double"}
NS_PER_UNIT = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def size_label(n):
    for unit, scale in (("Mi", 1 << 20), ("Ki", 1 << 10)):
        if n >= scale and n % scale == 0:
            return f"{n // scale}{unit}"
    return str(n)


def fmt_ns(v):
    if v is None:
        return "-"
    for limit, digits in ((1, 3), (10, 2), (100, 1)):
        if v < limit:
            return f"{v:.{digits}f}"
    return f"{v:.0f}"


def fmt_ratio(v, suffix=""):
    return "-" if v is None else f"{v:.1f}{suffix}" if v < 100 else f"{v:.0f}{suffix}"


def fmt_ulp(v):
    if v is None:
        return "-"
    if v >= NON_FINITE_ULP:
        return "non-finite"
    if v == 0:
        return "0"
    return f"{v:.2f}" if v < 100 else f"{v:.2g}"


NON_FINITE_ULP = 1e30  # activ_bench reports a non-finite result where the reference is finite so
SCALAR = "scalar"
MEMCPY = ("memcpy", "copy", "libc")
DEFAULT_DIST = "normal"


class Row:
    """The median measurement of one benchmark row."""

    def __init__(self, ns_per_element, bytes_per_element, max_ulp, ulp_bound=None):
        self.ns = ns_per_element
        self.bytes_per_element = bytes_per_element
        self.max_ulp = max_ulp
        self.ulp_bound = ulp_bound  # activ's promised bound (forward and derivative rows)


ROWWISE = "rowwise"  # order key of the row-wise activations' labels


def rowwise_label(act, cols):
    return f"{act} cols={cols}"


def load(path):
    """Returns (context, rows, repetitions, order) with rows keyed by
    (activation, direction, type, distribution, n, implementation); a row-wise
    activation's "activation" is its label "<name> cols=<cols>", listed in order
    under ROWWISE."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    medians = {}
    runs = {}
    order = OrderedDict()  # activations, directions, distributions, implementations in run order
    repetitions = 1
    for b in doc.get("benchmarks", []):
        if b.get("error_occurred"):
            continue
        name = b.get("run_name", b["name"])
        parts = name.split("/")
        if len(parts) == 7 and parts[4].startswith("cols=") and parts[4][5:].isdigit():
            act = rowwise_label(parts[0], int(parts[4][5:]))
            direction, typ, dist, n, impl = parts[1], parts[2], parts[3], parts[5], parts[6]
            order.setdefault((ROWWISE, act), None)
        elif len(parts) == 6:
            act, direction, typ, dist, n, impl = parts
        else:
            continue
        key = (act, direction, typ, dist, int(n), impl)
        repetitions = max(repetitions, int(b.get("repetitions", 1)))
        for kind, value in (("activation", act), ("direction", direction), ("dist", dist),
                            ("impl", impl)):
            order.setdefault((kind, value), None)
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[key] = b
        else:
            runs.setdefault(key, []).append(b)

    rows = {}
    for key in set(medians) | set(runs):
        n = key[4]
        if key in medians:
            b = medians[key]
            cpu = b["cpu_time"] * NS_PER_UNIT[b.get("time_unit", "ns")]
        else:
            bs = runs[key]
            cpu = statistics.median(r["cpu_time"] * NS_PER_UNIT[r.get("time_unit", "ns")] for r in bs)
            b = bs[0]
        items = b.get("items_per_second")
        nbytes = b.get("bytes_per_second")
        bpe = nbytes / items if items and nbytes else None
        rows[key] = Row(cpu / n, bpe, b.get("max_ulp"), b.get("ulp_bound"))
    return doc.get("context", {}), rows, repetitions, order


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def cpu_flags():
    """The SIMD flags of /proc/cpuinfo worth naming (avx2, fma, avx512*)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("flags"):
                    flags = line.split(":", 1)[1].split()
                    keep = [x for x in flags if x in ("avx2", "fma") or x.startswith("avx512")]
                    return " ".join(sorted(keep))
    except OSError:
        pass
    return ""


def header_lines(ctx, repetitions, cpu):
    arch = ctx.get("activ_xsimd_arch", "?")
    width = ctx.get("activ_f32_per_batch", "?")
    flags = cpu_flags()
    lines = [
        f"CPU: {cpu} ({ctx.get('num_cpus', '?')} logical CPUs, "
        f"{ctx.get('mhz_per_cpu', '?')} MHz){'; ' + flags if flags else ''}",
        f"Compiler: {ctx.get('activ_compiler', '?')}; flags: {ctx.get('activ_cxx_flags', '?')}; "
        f"xsimd {ctx.get('activ_xsimd', '?')}, arch {arch} ({width} floats per batch)",
        f"Peers: {ctx.get('activ_peers', '?')}"
        + (f"; not found (no rows): {ctx['activ_peers_missing']}" if ctx.get("activ_peers_missing") else ""),
        f"Statistic: median of {repetitions} repetition{'s' if repetitions != 1 else ''}, "
        f"CPU time, one thread; mode {ctx.get('activ_mode', '?')}; "
        f"inputs {ctx.get('activ_inputs', '?')}",
    ]
    if ctx.get("mhz_per_cpu"):
        lines.append(
            f"Cycles: ns/el times the {ctx['mhz_per_cpu']} MHz Google Benchmark reports for "
            "this CPU (its nominal clock: no cycle counter is read, and a boosting CPU does "
            "more per nominal cycle)")
    if ctx.get("library_build_type") == "debug":
        lines.append(
            "Harness: this Google Benchmark library is a debug build (Debian's package; it "
            "warns \"Library was built as DEBUG\"). The timed loop is inlined into the "
            "Release-built benchmark, so the numbers are valid, but treat small differences "
            "with care.")
    return lines


def ordered(order, kind, skip=()):
    return [v for (k, v) in order if k == kind and v not in skip]


def rowwise_labels(order):
    return ordered(order, ROWWISE)


def elementwise_activations(order):
    return ordered(order, "activation", ("memcpy",) + tuple(rowwise_labels(order)))


def implementations(order):
    impls = ordered(order, "impl", ("libc",))
    rank = {LIBRARY: 0, FAST: 1, SCALAR: 2}
    # activ, activ_fast, scalar, then the peers in run order
    return sorted(impls, key=lambda i: rank.get(i, 3))


def peers_of(impls):
    """The peers among impls: neither activ's tiers nor the scalar loop."""
    return [i for i in impls if i not in (LIBRARY, FAST, SCALAR)]


def tiers(a, b, fmt):
    """"a / b" (accurate / fast) where the fast tier has a value, else a alone."""
    return fmt(a) if b is None else f"{fmt(a)} / {fmt(b)}"


def fastest_peer(rows, key5, peers):
    """(ns, name) of the fastest peer for (act, dir, type, dist, n), or None."""
    got = [(rows[key5 + (p,)].ns, p) for p in peers if key5 + (p,) in rows]
    return min(got) if got else None


def memcpy_share(rows, key5, mine):
    _, _, typ, _, n = key5
    mc = rows.get((MEMCPY[0], MEMCPY[1], typ, DEFAULT_DIST, n, MEMCPY[2]))
    if mine and mc and mine.bytes_per_element and mc.bytes_per_element:
        return 100 * (mine.bytes_per_element / mine.ns) / (mc.bytes_per_element / mc.ns)
    return None


def vs_peer_cell(mine, best, fast=None):
    """activ's time over the fastest peer's and its name; with the fast tier's row,
    "accurate / fast" ratios to the same peer."""
    if not best or not (mine or fast):
        return "-"
    ratio = lambda r: fmt_ratio(r.ns / best[0], "×") if r else "-"  # noqa: E731
    return f"{tiers(mine, fast, ratio)} {best[1]}"


def summary_table(rows, order, mhz=None):
    """One line per element-wise activation: float, forward, normal inputs; with the
    CPU's clock (Google Benchmark's mhz_per_cpu) also activ's cycles per element at the
    smallest size, beside the ulp bound activ promises."""
    acts = elementwise_activations(order)
    impls = [i for i in implementations(order) if i != FAST]  # its ulp: in activ's cell
    peers = peers_of(impls)
    typ, d, dist = CHART_TYPE, CHART_DIRECTION, DEFAULT_DIST
    sizes = sorted({k[4] for k in rows if k[1] == d and k[2] == typ and k[3] == dist and k[0] in acts})
    if not sizes:
        return None
    small, large = sizes[0], sizes[-1]
    head = ["activation"] + [f"activ ns/el {size_label(n)}" for n in sizes]
    head.append(f"× scalar {size_label(small)}")
    head += [f"vs fastest peer {size_label(n)}" for n in sizes]
    head += [f"cost vs relu {size_label(small)}", f"% memcpy BW {size_label(large)}"]
    head.append(f"activ backward / forward {size_label(small)}")
    head.append(f"activ fused / forward {size_label(small)}")
    if mhz:
        head.append(f"activ cycles/el {size_label(small)}")
    any_fast = any(k[5] == FAST and k[1] == d and k[2] == typ for k in rows)
    head.append("ulp bound activ / fast" if any_fast else "ulp bound activ")
    head += [f"ulp {i} / fast" if i == LIBRARY and any_fast else f"ulp {i}" for i in impls]
    body = []
    for act in acts:
        base = (act, d, typ, dist)
        if not any(base + (n, LIBRARY) in rows for n in sizes):
            continue
        cells = [act]
        cells += [fmt_ns(rows[base + (n, LIBRARY)].ns) if base + (n, LIBRARY) in rows else "-" for n in sizes]
        mine = rows.get(base + (small, LIBRARY))
        scalar = rows.get(base + (small, SCALAR))
        cells.append(fmt_ratio(scalar.ns / mine.ns, "×") if mine and scalar else "-")
        cells += [vs_peer_cell(rows.get(base + (n, LIBRARY)), fastest_peer(rows, base + (n,), peers))
                  for n in sizes]
        relu = rows.get((BASELINE_ACTIVATION, d, typ, dist, small, LIBRARY))
        cells.append(fmt_ratio(mine.ns / relu.ns, "×") if mine and relu else "-")
        share = memcpy_share(rows, base + (large,), rows.get(base + (large, LIBRARY)))
        cells.append("-" if share is None else f"{share:.0f}%")
        back = rows.get((act, "backward", typ, dist, small, LIBRARY))
        cells.append(fmt_ratio(back.ns / mine.ns, "×") if mine and back else "-")
        fused = rows.get((act, "forward_with_derivative", typ, dist, small, LIBRARY))
        cells.append(fmt_ratio(fused.ns / mine.ns, "×") if mine and fused else "-")
        if mhz:
            cells.append(f"{mine.ns * mhz / 1000:.2f}" if mine else "-")
        fast = next((rows[base + (n, FAST)] for n in sizes if base + (n, FAST) in rows), None)
        cells.append(tiers(mine.ulp_bound if mine else None, fast.ulp_bound if fast else None, fmt_ulp))
        for i in impls:
            r = next((rows[base + (n, i)] for n in sizes if base + (n, i) in rows), None)
            ulp = fmt_ulp(r.max_ulp if r else None)
            cells.append(tiers(r.max_ulp if r else None, fast.max_ulp, fmt_ulp)
                         if i == LIBRARY and fast else ulp)
        body.append(cells)
    return (head, body) if body else None


def fast_summary_table(rows, order):
    """One line per activation with a fast tier (float, forward, normal inputs): activ's
    and activ_fast's ns per element at each size ("accurate / fast"), the fast tier's
    speedup over the accurate one at the smallest size, both tiers' time relative to
    the fastest peer at each size, both tiers' backward ns per element at the smallest
    size, and the fast tier's max ulp beside its bound."""
    acts = elementwise_activations(order)
    peers = peers_of(implementations(order))
    typ, d, dist = CHART_TYPE, CHART_DIRECTION, DEFAULT_DIST
    acts = [a for a in acts if any(k[0] == a and k[1] == d and k[2] == typ and k[3] == dist
                                   and k[5] == FAST for k in rows)]
    sizes = sorted({k[4] for k in rows if k[1] == d and k[2] == typ and k[3] == dist and k[0] in acts})
    if not acts or not sizes:
        return None
    small = sizes[0]
    head = ["activation"] + [f"ns/el {size_label(n)} activ / fast" for n in sizes]
    head.append(f"fast speedup {size_label(small)}")
    head += [f"vs fastest peer {size_label(n)} activ / fast" for n in sizes]
    head.append(f"backward ns/el {size_label(small)} activ / fast")
    head.append("ulp fast (bound)")
    body = []
    ns = lambda r: fmt_ns(r.ns if r else None)  # noqa: E731
    for act in acts:
        base = (act, d, typ, dist)
        cells = [act]
        cells += [tiers(rows.get(base + (n, LIBRARY)), rows.get(base + (n, FAST)), ns) for n in sizes]
        mine, fast = rows.get(base + (small, LIBRARY)), rows.get(base + (small, FAST))
        cells.append(fmt_ratio(mine.ns / fast.ns, "×") if mine and fast else "-")
        cells += [vs_peer_cell(rows.get(base + (n, LIBRARY)), fastest_peer(rows, base + (n,), peers),
                               rows.get(base + (n, FAST))) for n in sizes]
        back = (act, "backward", typ, dist, small)
        cells.append(tiers(rows.get(back + (LIBRARY,)), rows.get(back + (FAST,)), ns))
        f = next((rows[base + (n, FAST)] for n in sizes if base + (n, FAST) in rows), None)
        bound = f"({fmt_ulp(f.ulp_bound)})" if f and f.ulp_bound is not None else ""
        cells.append(f"{fmt_ulp(f.max_ulp if f else None)} {bound}".strip())
        body.append(cells)
    return head, body


def rowwise_summary_table(rows, order):
    """One line per row-wise activation, row length, direction, type and number of
    rows per array (normal inputs): activ's ns per element (per output), × scalar, vs fastest
    peer, % of memcpy's bandwidth, and each implementation's max ulp as
    "normal / <other distributions>"."""
    labels = rowwise_labels(order)
    if not labels:
        return None
    impls = [i for i in implementations(order) if any(k[0] in labels and k[5] == i for k in rows)]
    peers = peers_of(impls)
    dirs = ordered(order, "direction", ("copy",))
    other_dists = [x for x in ordered(order, "dist") if x != DEFAULT_DIST
                   and any(k[0] in labels and k[3] == x for k in rows)]
    head = ["activation", "cols", "direction", "type", "rows", "activ ns/el", "× scalar",
            "vs fastest peer", "% memcpy BW"]
    head += [f"ulp {i}" for i in impls]
    body = []
    for label in labels:
        act, cols = label.split(" cols=")
        for d in dirs:
            for typ in ("f32", "f64"):
                for n in sorted({k[4] for k in rows if k[0] == label and k[1] == d and k[2] == typ}):
                    key5 = (label, d, typ, DEFAULT_DIST, n)
                    mine = rows.get(key5 + (LIBRARY,))
                    if not mine:
                        continue
                    sc = rows.get(key5 + (SCALAR,))
                    share = memcpy_share(rows, key5, mine)
                    cells = [act, cols, d, typ, str(n // int(cols)), fmt_ns(mine.ns),
                             fmt_ratio(sc.ns / mine.ns, "×") if sc else "-",
                             vs_peer_cell(mine, fastest_peer(rows, key5, peers)),
                             "-" if share is None else f"{share:.0f}%"]
                    for i in impls:
                        got = [rows.get(key5 + (i,))]
                        got += [rows.get((label, d, typ, x, n, i)) for x in other_dists]
                        text = [fmt_ulp(r.max_ulp if r else None) for r in got]
                        while len(text) > 1 and text[-1] == "-":
                            text.pop()
                        cells.append(" / ".join(text))
                    body.append(cells)
    return (head, body, other_dists) if body else None


def full_tables(rows, order):
    """(title, head, body) per (type, direction): every distribution and size."""
    acts = ordered(order, "activation", ("memcpy",))
    dirs = ordered(order, "direction", ("copy",))
    dists = ordered(order, "dist")
    impls = implementations(order)
    peers = peers_of(impls)
    sizes = sorted({k[4] for k in rows})
    out = []
    for typ in ("f32", "f64"):
        for d in dirs:
            present = [i for i in impls if any(k[1] == d and k[2] == typ and k[5] == i for k in rows)]
            present_peers = [p for p in peers if p in present]
            head = ["activation", "inputs", "n"] + [f"{i} ns/el" for i in present]
            vs_peer = "vs fastest peer (activ / fast)" if FAST in present else "vs fastest peer"
            head += ["× scalar", vs_peer, "cost vs relu", "% memcpy BW"]
            head += [f"ulp {i}" for i in present]
            body = []
            for act in acts:
                first = True
                for dist in dists:
                    for n in sizes:
                        key5 = (act, d, typ, dist, n)
                        got = {i: rows.get(key5 + (i,)) for i in present}
                        if all(r is None for r in got.values()):
                            continue
                        mine = got.get(LIBRARY)
                        cells = [act if first else "", dist, size_label(n)]
                        first = False
                        cells += [fmt_ns(got[i].ns if got[i] else None) for i in present]
                        sc = got.get(SCALAR)
                        cells.append(fmt_ratio(sc.ns / mine.ns, "×") if mine and sc else "-")
                        cells.append(vs_peer_cell(mine, fastest_peer(rows, key5, present_peers),
                                                  got.get(FAST)))
                        relu = rows.get((BASELINE_ACTIVATION, d, typ, dist, n, LIBRARY))
                        cells.append(fmt_ratio(mine.ns / relu.ns, "×") if mine and relu else "-")
                        share = memcpy_share(rows, key5, mine)
                        cells.append("-" if share is None else f"{share:.0f}%")
                        cells += [fmt_ulp(got[i].max_ulp if got[i] else None) for i in present]
                        body.append(cells)
            if body:
                out.append((f"{TYPE_TITLES.get(typ, typ)} ({typ}), {d}", head, body))
    return out


def memcpy_lines(rows):
    out = []
    for typ in ("f32", "f64"):
        line = []
        for n in sorted({k[4] for k in rows}):
            mc = rows.get((MEMCPY[0], MEMCPY[1], typ, DEFAULT_DIST, n, MEMCPY[2]))
            if mc and mc.bytes_per_element:
                gbs = mc.bytes_per_element / mc.ns  # bytes per ns = GB/s
                line.append(f"{size_label(n)} {fmt_ns(mc.ns)} ns/el ({gbs:.0f} GB/s)")
        if line:
            out.append(f"memcpy of the same bytes, {TYPE_TITLES[typ]}: " + "; ".join(line))
    return out


def markdown(head, body, text_columns=1):
    widths = [max(len(r[c]) for r in [head] + body) for c in range(len(head))]
    numeric = [c >= text_columns for c in range(len(head))]

    def line(cells):
        out = []
        for c, text in enumerate(cells):
            out.append(text.rjust(widths[c]) if numeric[c] else text.ljust(widths[c]))
        return "| " + " | ".join(out) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if numeric[c] else ("-" * (w + 2))
                          for c, w in enumerate(widths)) + "|"
    return [line(head), rule] + [line(r) for r in body]


def legend():
    return [
        "ns/el: nanoseconds of CPU time per element (lower is better). "
        "`× scalar`: the scalar loop's time / activ's time. "
        "`vs fastest peer`: activ's time / the fastest peer's time on the same row "
        "(below 1×: activ is faster), and which peer that is. "
        "`cost vs relu`: activ's time / activ relu's, same direction, inputs and size. "
        "`% memcpy BW`: bytes activ reads and writes per second, as a share of memcpy's "
        "at the same size (100% = as fast as memory allows). "
        "`backward / forward`: activ's backward (dx = dy f'(x), reading x and dy) over its "
        "forward, same type, inputs and size. "
        "`fused / forward`: activ's forward_with_derivative (y and f'(x) in one pass) over "
        "its forward. "
        "`cycles/el`: ns/el times the CPU's reported clock (see Cycles above). "
        "`ulp bound activ`: the bound activ promises for that direction and type (the "
        "functor's `accuracy`, enforced by the tests over the whole line). "
        "activ_fast (`fast`): activ's fast tier, activ::fast<F>, for the activations that "
        "have one, timed on the same rows and checked against the same reference; a zero of "
        "the right sign where the exact result is below the smallest normal number counts as "
        "exact on its rows (its contract allows that flush). `accurate / fast` cells give "
        "activ's value, then activ_fast's; `fast speedup`: activ's time / activ_fast's. "
        "`ulp`: the largest error of that implementation's outputs on the benchmark's own "
        "inputs (the first 32Ki of the row's distribution) against a long double reference, "
        "in units of the last place of the result's type; where f' crosses zero (swish, silu, "
        "mish, gelu, gelu_tanh) in ulps of |a| + |b| for f' = a + b. "
        "Millions of ulps mean a result of 0 (or of the wrong size) where the true value is "
        "tiny: a relative error of 1, however small the absolute one. "
        "scalar: the std:: loop a user writes (stable forms: sigmoid from e^-|x|, softplus as "
        "max(x, 0) + log1p(e^-|x|), gelu with erfc), built with the same flags. "
        "Inputs: normal = x ~ normal(0, 3); small = |x| < 0.6; transition = 0.6 <= |x| < 10; "
        "saturation = 10 <= |x| < 60 (uniform, either sign).",
        "Row-wise rows (softmax, log_softmax, swiglu; `<name> cols=<cols>`): arrays of `rows` "
        "rows of `cols` values (swiglu: rows of [gate | value], 2 cols inputs per row; n in "
        "the full tables counts the outputs, rows * cols); ns/el is per output element. "
        "backward is dx from the saved output y and dy (softmax, log_softmax) or from x and dy "
        "(swiglu, both halves of dx). scalar: max, "
        "exp, sum, divide (softmax), log of the sum subtracted (log_softmax), silu(gate) * "
        "value with silu from e^-|g| (swiglu), accumulating in the element type. `wide` = "
        "uniform(-40, 40): a spread of 80, where rounding x - max costs up to 64 ulp in "
        "float. ulp is measured over the first 32Ki elements' rows against a long double "
        "reference with compensated sums: softmax in ulps of y, backward of |y| (|dy| + "
        "|sum(dy y)|); log_softmax of y, backward of |dy| + e^y |sum(dy)|; swiglu y and "
        "d_value of themselves, d_gate of |dy value| (s(g) + |g s'(g)|) (the README's "
        "row-wise accuracy scales).",
    ]


def render(ctx, rows, repetitions, order, cpu, full=True, with_legend=True):
    out = ["# activ benchmark", ""]
    out += [f"- {l}" for l in header_lines(ctx, repetitions, cpu)]
    out.append("")
    summary = summary_table(rows, order, ctx.get("mhz_per_cpu"))
    if summary:
        out.append(f"## Summary: {TYPE_TITLES[CHART_TYPE]}, {CHART_DIRECTION}, "
                   f"x ~ normal(0, 3)")
        out.append("")
        out += markdown(*summary)
        out.append("")
    fast = fast_summary_table(rows, order)
    if fast:
        out.append(f"## Fast tier (activ_fast, activ::fast<F>): {TYPE_TITLES[CHART_TYPE]}, "
                   f"{CHART_DIRECTION}, x ~ normal(0, 3)")
        out.append("")
        out += markdown(*fast)
        out.append("")
    rowwise = rowwise_summary_table(rows, order)
    if rowwise:
        head, body, other_dists = rowwise
        ulp_cells = " / ".join([DEFAULT_DIST] + other_dists)
        out.append(f"## Row-wise activations: x ~ normal(0, 3) (ulp: {ulp_cells} inputs)")
        out.append("")
        out += markdown(head, body, text_columns=4)
        out.append("")
    out += memcpy_lines(rows)
    out.append("")
    if full:
        for title, head, body in full_tables(rows, order):
            out.append(f"## {title}")
            out.append("")
            out += markdown(head, body, text_columns=3)
            out.append("")
    if with_legend:
        out += legend()
        out.append("")
    return "\n".join(out)


def chart(rows, order, ctx, repetitions):
    """Bars per activation: ns/element of each implementation (activ's fast tier as
    its own series, beside activ), float forward, at 4Ki elements (or the smallest
    size measured), on a log scale."""
    impls = implementations(order)
    acts = elementwise_activations(order)
    dist = DEFAULT_DIST
    sizes = sorted({k[4] for k in rows
                    if k[1] == CHART_DIRECTION and k[2] == CHART_TYPE and k[3] == dist and k[0] in acts})
    if not sizes or not acts or not impls:
        return None
    n = CHART_SIZE if CHART_SIZE in sizes else sizes[0]
    values = {(a, i): rows[(a, CHART_DIRECTION, CHART_TYPE, dist, n, i)].ns
              for a in acts for i in impls if (a, CHART_DIRECTION, CHART_TYPE, dist, n, i) in rows}
    if not values:
        return None
    acts = [a for a in acts if any((a, i) in values for i in impls)]
    mc = rows.get((MEMCPY[0], MEMCPY[1], CHART_TYPE, dist, n, MEMCPY[2]))

    lo = min(list(values.values()) + ([mc.ns] if mc else []))
    hi = max(values.values())
    dmin = math.floor(math.log10(lo))
    dmax = math.ceil(math.log10(hi))
    if dmax == dmin:
        dmax += 1

    palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]
    others = [i for i in impls if i != FAST]
    # The fast tier in a lighter shade of activ's blue, beside it; the rest in turn.
    color = {i: palette[k % len(palette)] for k, i in enumerate(others)}
    color[FAST] = "#8fc1e3"
    left, right, top, bottom = 70, 20, 60, 110
    bar_w, gap_in, gap_out = 12, 1, 14
    group_w = len(impls) * bar_w + (len(impls) - 1) * gap_in
    gap_out = max(gap_out, (520 - len(acts) * group_w) // (len(acts) + 1))  # room for the title
    plot_w = len(acts) * group_w + (len(acts) + 1) * gap_out
    plot_h = 300
    width = left + plot_w + right
    height = top + plot_h + bottom

    def y_of(v):
        return top + plot_h * (dmax - math.log10(v)) / (dmax - dmin)

    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
         f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
         f'<rect width="{width}" height="{height}" fill="white"/>',
         f'<text x="{width / 2:.0f}" y="20" text-anchor="middle" font-size="14" font-weight="bold">'
         f'{esc(f"ns per element, {CHART_DIRECTION}, {TYPE_TITLES[CHART_TYPE]}, x ~ normal(0, 3), {size_label(n)} elements (lower is better; hover a bar for its value)")}</text>',
         f'<text x="{width / 2:.0f}" y="38" text-anchor="middle" fill="#555">'
         f'{esc(ctx.get("activ_compiler", "") + " " + ctx.get("activ_cxx_flags", "") + ", median of " + str(repetitions))}</text>']
    for d in range(dmin, dmax + 1):
        y = y_of(10.0 ** d)
        s.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
        s.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{10.0 ** d:g}</text>')
    s.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#333"/>')
    s.append(f'<text transform="translate(16 {top + plot_h / 2:.0f}) rotate(-90)" '
             f'text-anchor="middle">ns / element (log scale)</text>')
    for ai, a in enumerate(acts):
        x0 = left + gap_out + ai * (group_w + gap_out)
        for ii, impl in enumerate(impls):
            v = values.get((a, impl))
            if v is None:
                continue
            x = x0 + ii * (bar_w + gap_in)
            y = y_of(v)
            s.append(f'<rect x="{x}" y="{y:.1f}" width="{bar_w}" height="{top + plot_h - y:.1f}" '
                     f'fill="{color[impl]}"><title>{esc(f"{a} {impl}: {v:.4g} ns/element")}</title></rect>')
        lx0, ly0 = x0 + group_w / 2, top + plot_h + 14
        s.append(f'<text transform="translate({lx0:.1f} {ly0}) rotate(-40)" '
                 f'text-anchor="end">{esc(a)}</text>')
    if mc:
        y = y_of(mc.ns)
        s.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
                 f'stroke="#444" stroke-dasharray="6 4"/>')
        s.append(f'<text x="{left + plot_w - 4}" y="{y - 4:.1f}" text-anchor="end" fill="#444">'
                 f'memcpy {fmt_ns(mc.ns)}</text>')
    lx = left
    for ii, impl in enumerate(impls):
        s.append(f'<rect x="{lx}" y="{height - 28}" width="12" height="12" fill="{color[impl]}"/>')
        s.append(f'<text x="{lx + 16}" y="{height - 18}">{esc(impl)}</text>')
        lx += 30 + 8 * len(impl)
    s.append("</svg>")
    return "\n".join(s) + "\n"


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("json")
    ap.add_argument("--md", help="write the markdown tables here")
    ap.add_argument("--svg", help="write the bar chart here")
    ap.add_argument("--cpu", help="CPU model (default: from /proc/cpuinfo)")
    ap.add_argument("--print", choices=("summary", "all"), default="summary",
                    help="what to print: the summary (default; with --md, without the legend, "
                         "which the file has) or every table (the --md file always gets every "
                         "table)")
    args = ap.parse_args(argv)

    ctx, rows, repetitions, order = load(args.json)
    if not rows:
        print(f"report.py: no benchmark rows in {args.json}", file=sys.stderr)
        return 1
    cpu = args.cpu or cpu_model()
    text = render(ctx, rows, repetitions, order, cpu)
    if args.print == "all":
        print(text)
    else:  # the summary, and where the rest is
        print(render(ctx, rows, repetitions, order, cpu, full=False, with_legend=not args.md))
        if args.md:
            print(f"Full tables (every direction, type, input distribution and size) and the "
                  f"legend of the columns: {args.md}")
    if args.md:
        with open(args.md, "w", encoding="utf-8") as f:
            f.write(text)
    if args.svg:
        svg = chart(rows, order, ctx, repetitions)
        if svg:
            with open(args.svg, "w", encoding="utf-8") as f:
                f.write(svg)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
