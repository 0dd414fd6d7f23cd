#!/usr/bin/env python3
"""Writes the full-sweep table of docs/accuracy.md from docs/sweep/<name>.txt.

Each file is the saved output of `scripts/sweep --record <name>` (every float,
2^24 doubles per sign). The table goes between docs/accuracy.md's
`<!-- sweep table -->` and `<!-- end sweep table -->` markers, one row per
activation in the order of the README's Accuracy table (the bounds the tests
check); an activation with no file says so in its row. Run from anywhere:
paths are from the repository root.
"""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
line_re = re.compile(
    r"^(\w+)\s+(f32|f64) (forward|derivative)\s+max\s+([\d.]+) ulp \(bound\s+([\d.]+)\)( OVER)?"
    r" mean ([\d.]+).*edge mismatches (\d+)\s+points (\d+)")


def names():
    """Activation names in library order, from the README's bound table."""
    readme = (root / "README.md").read_text()
    if "\n## Accuracy\n" not in readme:
        sys.exit("sweep_table.py: README.md has no '## Accuracy' section")
    section = readme.split("\n## Accuracy\n", 1)[1].split("\n## ", 1)[0]
    return list(dict.fromkeys(re.findall(r"^\| `(\w+)` \|", section, re.M)))


def parse(path):
    text = path.read_text()
    head = text.splitlines()[0]
    m = re.search(r"(\d{4}-\d\d-\d\d), commit (\S+), (.*), (\d+) cores", head)
    status = re.search(r"# exit status (\d+), (\d+) s", text)
    rows = {}
    for line in text.splitlines():
        r = line_re.match(line)
        if r:
            # "OVER" is the tool's verdict against the exact bound (the printed one is rounded)
            rows[(r[2], r[3])] = dict(max=float(r[4]), over=bool(r[6]), mean=float(r[7]),
                                      edges=int(r[8]), points=int(r[9]))
    return dict(date=m[1], commit=m[2], cpu=m[3], rows=rows,
                seconds=int(status[2]) if status else None, complete=len(rows) == 4 and status)


def cell(row):
    if row is None:
        return "-"
    over = " **over**" if row["over"] else ""
    return f"{row['max']:.3f} ({row['mean']:.4f}){over}"


def table():
    out = ["| activation | f32 forward | f32 derivative | f64 forward | f64 derivative "
           "| edges differing | run |", "|---|---|---|---|---|---|---|"]
    for name in names():
        path = root / "docs" / "sweep" / f"{name}.txt"
        if not path.exists():
            out.append(f"| `{name}` | not yet run | | | | | |")
            continue
        s = parse(path)
        r = s["rows"]
        cells = [cell(r.get((t, w))) for t in ("f32", "f64") for w in ("forward", "derivative")]
        edges = sum(v["edges"] for v in r.values())
        minutes = f", {s['seconds'] / 60:.0f} min" if s["seconds"] is not None else ""
        run = f"{s['date']}, {s['commit']}{minutes}" if s["complete"] else "incomplete"
        out.append(f"| `{name}` | " + " | ".join(cells) + f" | {edges} | {run} |")
    return "\n".join(out)


def main():
    doc_path = root / "docs" / "accuracy.md"
    doc = doc_path.read_text()
    begin, end = "<!-- sweep table -->\n", "<!-- end sweep table -->"
    if begin not in doc or end not in doc:
        sys.exit("sweep_table.py: docs/accuracy.md lacks the sweep table markers")
    head, rest = doc.split(begin, 1)
    _, tail = rest.split(end, 1)
    doc_path.write_text(head + begin + table() + "\n" + end + tail)
    print("docs/accuracy.md: sweep table updated from docs/sweep/")


if __name__ == "__main__":
    main()
