#!/usr/bin/env python3
"""The performance issue's ratios over several runs of one build, as lowest-highest.

    ranges.py results/run1/bench.json results/run2/bench.json ... [--only sigmoid,tanh]

One line per element-wise activation (forward, normal inputs): activ's time over the
fastest peer's in float at every size, activ's float cycles per element at the
smallest size, and in double the scalar std:: loop's time over activ's (`× scalar`)
and activ's cycles per element at the smallest size; where activ's fast tier
(activ_fast) ran, also its float time over the fastest peer's at every size. Each
cell is the lowest and the
highest value over the files given (one value when they agree to the digits shown);
a peer's name is the fastest one in any run. Cycles: ns/el times the clock Google
Benchmark reports (mhz_per_cpu, the CPU's nominal clock). The rows, medians and
peers are report.py's.

Python 3 standard library only.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402


def span(values, digits=1):
    lo, hi = f"{min(values):.{digits}f}", f"{max(values):.{digits}f}"
    return lo if lo == hi else f"{lo}-{hi}"


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("json", nargs="+", help="bench.json of each run (the same build)")
    ap.add_argument("--only", help="comma-separated activations (default: every element-wise one)")
    args = ap.parse_args(argv)

    runs = [report.load(p) for p in args.json]
    ctx, _, _, order = runs[0]
    acts = report.elementwise_activations(order)
    if args.only:
        acts = [a for a in args.only.split(",") if a in acts]
    peers = report.peers_of(report.implementations(order))
    d, dist = report.CHART_DIRECTION, report.DEFAULT_DIST
    sizes = sorted({k[4] for _, rows, _, _ in runs for k in rows
                    if k[1] == d and k[2] == "f32" and k[3] == dist and k[0] in acts})
    if not sizes:
        print("ranges.py: no float forward rows", file=sys.stderr)
        return 1
    small = sizes[0]
    mhz = [r[0].get("mhz_per_cpu") for r in runs]

    fast = any(k[5] == report.FAST and k[1] == d and k[2] == "f32" for _, rows, _, _ in runs
               for k in rows)
    head = ["activation"] + [f"vs fastest peer {report.size_label(n)}" for n in sizes]
    head += [f"cycles/el {report.size_label(small)}", f"double × scalar {report.size_label(small)}",
             f"double cycles/el {report.size_label(small)}"]
    if fast:
        head += [f"fast vs fastest peer {report.size_label(n)}" for n in sizes]
    body = []

    def vs_peer(act, n, impl):
        ratios, names = [], set()
        for _, rows, _, _ in runs:
            key5 = (act, d, "f32", dist, n)
            mine, best = rows.get(key5 + (impl,)), report.fastest_peer(rows, key5, peers)
            if mine and best:
                ratios.append(mine.ns / best[0])
                names.add(best[1])
        return f"{span(ratios)}× {'/'.join(sorted(names))}" if ratios else "-"

    for act in acts:
        cells = [act] + [vs_peer(act, n, report.LIBRARY) for n in sizes]
        for typ, what in (("f32", "cycles"), ("f64", "scalar"), ("f64", "cycles")):
            values = []
            for (_, rows, _, _), clock in zip(runs, mhz):
                mine = rows.get((act, d, typ, dist, small, report.LIBRARY))
                scalar = rows.get((act, d, typ, dist, small, report.SCALAR))
                if what == "cycles" and mine and clock:
                    values.append(mine.ns * clock / 1000)
                elif what == "scalar" and mine and scalar:
                    values.append(scalar.ns / mine.ns)
            cells.append((span(values) + ("×" if what == "scalar" else "")) if values else "-")
        if fast:
            cells += [vs_peer(act, n, report.FAST) for n in sizes]
        body.append(cells)
    print(f"{len(runs)} run(s); cells: lowest-highest over them")
    print("\n".join(report.markdown(head, body)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
