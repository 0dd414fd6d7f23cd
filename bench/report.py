#!/usr/bin/env python3
"""Turn activ_bench's JSON (--benchmark_out) into the tables scripts/bench prints.

    report.py results/bench.json [--md results/table.md] [--svg results/chart.svg]
                                 [--cpu "model name"]

Rows are named <activation>/<direction>/<f32|f64>/<elements>/<implementation>
(memcpy rows: memcpy/copy/<type>/<elements>/libc). For every activation and
direction, at every size: ns per element of each implementation, the speedup
of activ over each other implementation, activ's bandwidth as a share of
memcpy's at the same size, activ's cost relative to activ relu, and max_ulp.
The statistic is the median over repetitions of CPU time (the median
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
    if v == 0:
        return "0"
    return f"{v:.2f}" if v < 100 else f"{v:.3g}"


class Row:
    """The median measurement of one benchmark row."""

    def __init__(self, ns_per_element, bytes_per_element, max_ulp):
        self.ns = ns_per_element
        self.bytes_per_element = bytes_per_element
        self.max_ulp = max_ulp


def load(path):
    """Returns (context, rows, repetitions, order) with rows keyed by
    (activation, direction, type, n, implementation)."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    medians = {}
    runs = {}
    order = OrderedDict()  # activations, directions, implementations in run order
    repetitions = 1
    for b in doc.get("benchmarks", []):
        if b.get("error_occurred"):
            continue
        name = b.get("run_name", b["name"])
        parts = name.split("/")
        if len(parts) != 5:
            continue
        act, direction, typ, n, impl = parts
        key = (act, direction, typ, int(n), impl)
        repetitions = max(repetitions, int(b.get("repetitions", 1)))
        for kind, value in (("activation", act), ("direction", direction), ("impl", impl)):
            order.setdefault((kind, value), None)
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[key] = b
        else:
            runs.setdefault(key, []).append(b)

    rows = {}
    for key in set(medians) | set(runs):
        n = key[3]
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
        rows[key] = Row(cpu / n, bpe, b.get("max_ulp"))
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


def header_lines(ctx, repetitions, cpu):
    arch = ctx.get("activ_xsimd_arch", "?")
    width = ctx.get("activ_f32_per_batch", "?")
    lines = [
        f"CPU: {cpu} ({ctx.get('num_cpus', '?')} logical CPUs, "
        f"{ctx.get('mhz_per_cpu', '?')} MHz); host {ctx.get('host_name', '?')}",
        f"Compiler: {ctx.get('activ_compiler', '?')}; flags: {ctx.get('activ_cxx_flags', '?')}; "
        f"xsimd {ctx.get('activ_xsimd', '?')}, arch {arch} ({width} floats per batch)",
        f"Statistic: median of {repetitions} repetition{'s' if repetitions != 1 else ''}, "
        f"CPU time, one thread; mode {ctx.get('activ_mode', '?')}; "
        f"inputs {ctx.get('activ_inputs', '?')}",
    ]
    if ctx.get("library_build_type") == "debug":
        lines.append(
            "Harness: this Google Benchmark library is a debug build (Debian's package; it "
            "warns \"Library was built as DEBUG\"). The timed loop is inlined into the "
            "Release-built benchmark, so the numbers are valid, but treat small differences "
            "with care.")
    return lines


def build_tables(rows, order):
    """Markdown tables, one per element type, as lists of cells."""
    acts = [v for (k, v) in order if k == "activation" and v != "memcpy"]
    dirs = [v for (k, v) in order if k == "direction" and v != "copy"]
    impls = [v for (k, v) in order if k == "impl" and v != "libc"]
    impls.sort(key=lambda i: i != LIBRARY)  # activ first, then the rest in run order
    peers = [i for i in impls if i != LIBRARY]
    sizes = sorted({k[3] for k in rows})

    head = ["activation", "direction", "n"]
    head += [f"{i} ns/el" for i in impls]
    head += [f"{LIBRARY} vs {p}" for p in peers]
    head += ["% memcpy BW", f"cost vs {BASELINE_ACTIVATION}"]
    head += [f"ulp {i}" for i in impls]

    tables = OrderedDict()
    for typ in ("f32", "f64"):
        body = []
        for act in acts:
            for d in dirs:
                first = True
                for n in sizes:
                    got = {i: rows.get((act, d, typ, n, i)) for i in impls}
                    if all(r is None for r in got.values()):
                        continue
                    mine = got.get(LIBRARY)
                    cells = [act if first else "", d if first else "", size_label(n)]
                    first = False
                    cells += [fmt_ns(got[i].ns if got[i] else None) for i in impls]
                    for p in peers:
                        ok = mine and got[p]
                        cells.append(fmt_ratio(got[p].ns / mine.ns if ok else None, "×"))
                    mc = rows.get(("memcpy", "copy", typ, n, "libc"))
                    share = None
                    if mine and mc and mine.bytes_per_element and mc.bytes_per_element:
                        share = 100 * (mine.bytes_per_element / mine.ns) / (mc.bytes_per_element / mc.ns)
                    cells.append("-" if share is None else f"{share:.0f}%")
                    base = rows.get((BASELINE_ACTIVATION, d, typ, n, LIBRARY))
                    cells.append(fmt_ratio(mine.ns / base.ns if mine and base else None, "×"))
                    cells += [fmt_ulp(got[i].max_ulp if got[i] else None) for i in impls]
                    body.append(cells)
        if body:
            tables[typ] = (head, body)
    memcpy = OrderedDict()
    for typ in ("f32", "f64"):
        line = []
        for n in sizes:
            mc = rows.get(("memcpy", "copy", typ, n, "libc"))
            if mc and mc.bytes_per_element:
                gbs = mc.bytes_per_element / mc.ns  # bytes per ns = GB/s
                line.append(f"{size_label(n)} {fmt_ns(mc.ns)} ns/el ({gbs:.0f} GB/s)")
        if line:
            memcpy[typ] = line
    return tables, memcpy


def markdown(head, body):
    widths = [max(len(r[c]) for r in [head] + body) for c in range(len(head))]
    numeric = [c >= 3 for c in range(len(head))]

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
        "`activ vs scalar`: scalar time / activ time. "
        "`% memcpy BW`: bytes activ reads and writes per second, as a share of memcpy's "
        "at the same size (100% = as fast as memory allows). "
        "`cost vs relu`: activ's time / activ relu's, same direction and size. "
        "`ulp`: the largest error of that implementation's outputs on the benchmark's own "
        "inputs against a long double reference. "
        "scalar: the std:: loop a user writes (stable sigmoid with std::exp; "
        "relu `x > 0 ? x : 0`), built with the same flags.",
    ]


def render(ctx, rows, repetitions, order, cpu):
    tables, memcpy = build_tables(rows, order)
    out = ["# activ benchmark", ""]
    out += [f"- {l}" for l in header_lines(ctx, repetitions, cpu)]
    out.append("")
    for typ, (head, body) in tables.items():
        out.append(f"## {TYPE_TITLES.get(typ, typ)} ({typ})")
        out.append("")
        if typ in memcpy:
            out.append("memcpy of the same bytes: " + "; ".join(memcpy[typ]))
            out.append("")
        out += markdown(head, body)
        out.append("")
    out += legend()
    out.append("")
    return "\n".join(out)


def chart(rows, order, ctx, repetitions):
    """Bars per activation: ns/element of each implementation, float forward,
    at 4Ki elements (or the smallest size measured), on a log scale."""
    impls = [v for (k, v) in order if k == "impl" and v != "libc"]
    impls.sort(key=lambda i: i != LIBRARY)
    acts = [v for (k, v) in order if k == "activation" and v != "memcpy"]
    sizes = sorted({k[3] for k in rows if k[1] == CHART_DIRECTION and k[2] == CHART_TYPE})
    if not sizes or not acts or not impls:
        return None
    n = CHART_SIZE if CHART_SIZE in sizes else sizes[0]
    values = {(a, i): rows[(a, CHART_DIRECTION, CHART_TYPE, n, i)].ns
              for a in acts for i in impls if (a, CHART_DIRECTION, CHART_TYPE, n, i) in rows}
    if not values:
        return None
    mc = rows.get(("memcpy", "copy", CHART_TYPE, n, "libc"))

    lo = min(list(values.values()) + ([mc.ns] if mc else []))
    hi = max(values.values())
    dmin = math.floor(math.log10(lo))
    dmax = math.ceil(math.log10(hi))
    if dmax == dmin:
        dmax += 1

    colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]
    left, right, top, bottom = 70, 20, 60, 70
    bar_w, gap_in, gap_out = 28, 4, 30
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
         f'{esc(f"ns per element, {CHART_DIRECTION}, {TYPE_TITLES[CHART_TYPE]}, {size_label(n)} elements (lower is better)")}</text>',
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
                     f'fill="{colors[ii % len(colors)]}"><title>{esc(f"{a} {impl}: {v:.4g} ns/element")}</title></rect>')
            s.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
                     f'font-size="10">{fmt_ns(v)}</text>')
        s.append(f'<text x="{x0 + group_w / 2:.1f}" y="{top + plot_h + 18}" '
                 f'text-anchor="middle">{esc(a)}</text>')
    if mc:
        y = y_of(mc.ns)
        s.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
                 f'stroke="#444" stroke-dasharray="6 4"/>')
        s.append(f'<text x="{left + plot_w - 4}" y="{y - 4:.1f}" text-anchor="end" fill="#444">'
                 f'memcpy {fmt_ns(mc.ns)}</text>')
    lx = left
    for ii, impl in enumerate(impls):
        s.append(f'<rect x="{lx}" y="{height - 28}" width="12" height="12" fill="{colors[ii % len(colors)]}"/>')
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
    args = ap.parse_args(argv)

    ctx, rows, repetitions, order = load(args.json)
    if not rows:
        print(f"report.py: no benchmark rows in {args.json}", file=sys.stderr)
        return 1
    text = render(ctx, rows, repetitions, order, args.cpu or cpu_model())
    print(text)
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
