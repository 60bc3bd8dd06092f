"""Writes the "stations" section of docs/benchmarks.md from bench/stations' runs.csv (medians, every run listed).

Usage: stations_section.py DOC OUT STARTED LOAD_BEFORE LOAD_AFTER ROWS ROUNDS
The section ends with a hand-written analysis between the ANALYSIS markers, which a rerun keeps as it is.
"""
import csv
import os
import re
import statistics
import subprocess
import sys

doc, out, started, load_before, load_after, rows, rounds = sys.argv[1:8]
runs = {}
for r, what, rps, secs, rss, cpu, node_cpu, load in csv.reader(open(os.path.join(out, "runs.csv"))):
    runs.setdefault(what, []).append(dict(round=int(r), rps=float(rps), secs=float(secs), rss=int(rss),
                                          cpu=float(cpu), node=float(node_cpu), load=load))
for v in runs.values():
    v.sort(key=lambda x: x["round"])


def med(what, key):
    return statistics.median(x[key] for x in runs[what])


def every(what, fmt):
    return "; ".join(f"{x['round']}: {fmt(x)}" for x in runs[what])


def rate_secs_load(x):
    return "{:,.0f} ({} s, load {})".format(x["rps"], x["secs"], x["load"])


def rate_load(x):
    return "{:,.0f} (load {})".format(x["rps"], x["load"])


def rate_secs(x):
    return "{:,.0f} ({} s)".format(x["rps"], x["secs"])


def secs_rate(x):
    return "{} ({:,.0f} rows/s)".format(x["secs"], x["rps"])


def rss(x):
    return "{:,}".format(x["rss"])


def cpu_node_secs(x):
    return "{} / {} / {}".format(x["cpu"], x["node"], x["secs"])


def cpu_node(x):
    return "{} / {}".format(x["cpu"], x["node"])


def ratios(a, b):
    return [x["rps"] / y["rps"] for x, y in zip(runs[a], runs[b])]


cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = round(int(open("/proc/meminfo").readline().split()[1]) / 1024 / 1024)
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
plain_ratio = ratios("one", "plain")
sep_ratio = ratios("one", "separate")
lines = [
    "<!-- BEGIN stations -->", "## Many stations (issue 14)", "",
    f"`bench/stations` on {started}: {os.cpu_count()} cores ({cpu}), {mem} GB, {java}; load average {load_before} "
    f"before and {load_after} after (1, 5, 15 min; other engineers' builds, tests and benchmarks shared the 2 cores). "
    f"The 12 Beijing files ({int(rows):,} rows) at `--speed max --batch-size 100`, one node on free ports, topics of "
    f"4 partitions (as `air-quality-beijing`). {rounds} rounds: in each, the three replays one after the other in an "
    "order rotated from round to round, then the drains (their order reversed every other round). Medians; every "
    "run listed as round: value (load average at its end).", "",
    "| what | median | every run |", "| --- | --- | --- |",
    "| one `bin/produce` of the folder (12 transactional producers in one process), rows/s over the slowest station "
    f"(JVM start excluded) | {med('one', 'rps'):,.0f} | "
    f"{every('one', rate_secs_load)} |",
    "| one plain transactional `KafkaProducer` loop, batch 100, the same records built in memory first, rows/s | "
    f"{med('plain', 'rps'):,.0f} | {every('plain', rate_load)} |",
    f"| **ratio one process / plain loop**, same round (target: at least 2) | **{statistics.median(plain_ratio):.2f}** | "
    + "; ".join(f"{i + 1}: {v:.2f}" for i, v in enumerate(plain_ratio)) + " |",
    "| 12 separate `bin/produce` processes, rows/s over the wall time (JVM starts included) | "
    f"{med('separate', 'rps'):,.0f} | {every('separate', rate_secs)} |",
    f"| ratio one process / 12 processes, same round | {statistics.median(sep_ratio):.2f} | "
    + "; ".join(f"{i + 1}: {v:.2f}" for i, v in enumerate(sep_ratio)) + " |",
    "| peak RSS, MB: one process of 12 stations / the 12 processes summed / the plain loop | "
    f"{med('one', 'rss'):,.0f} / {med('separate', 'rss'):,.0f} / {med('plain', 'rss'):,.0f} | "
    f"{every('one', rss)} / {every('separate', rss)} / {every('plain', rss)} |",
    "| CPU s (user+sys) of the one process, JVM start included / of the node meanwhile / s of its slowest station | "
    f"{med('one', 'cpu'):.1f} / {med('one', 'node'):.1f} / {med('one', 'secs'):.1f} | "
    f"{every('one', cpu_node_secs)} |",
    "| CPU s of the plain loop (building the records included) / of the node meanwhile | "
    f"{med('plain', 'cpu'):.1f} / {med('plain', 'node'):.1f} | {every('plain', cpu_node)} |",
    "| CPU s of the 12 processes summed / of the node meanwhile / wall s | "
    f"{med('separate', 'cpu'):.1f} / {med('separate', 'node'):.1f} / {med('separate', 'secs'):.1f} | "
    f"{every('separate', cpu_node_secs)} |",
]
for what in sorted((w for w in runs if w.startswith("drain-")), key=lambda w: int(w.split("-")[1])):
    n = what.split("-")[1]
    lines.append(f"| draining the replayed topic (4 partitions) with {n} consumer{'' if n == '1' else 's'} of one "
                 f"group, s (5 s idle wait removed) | {med(what, 'secs'):.1f} | "
                 f"{every(what, secs_rate)} |")
lines.append("")
text = open(doc).read()
old = re.search(r"<!-- BEGIN stations -->.*?<!-- END stations -->", text, re.S)
analysis = None
if old:
    a = re.search(r"<!-- BEGIN analysis -->.*?<!-- END analysis -->", old.group(0), re.S)
    analysis = a.group(0) if a else None
lines.append(analysis or "<!-- BEGIN analysis -->\n(What the figures say: written by hand after a run.)\n<!-- END analysis -->")
lines += ["", "Rerun: `bench/stations` (`BENCH_STATIONS_ROUNDS`, `BENCH_STATIONS_DRAIN`); every run's figures are in "
          "bench/out/stations/runs.csv.", "<!-- END stations -->"]
section = "\n".join(lines)
text = text[:old.start()] + section + text[old.end():] if old else text.rstrip("\n") + "\n\n" + section + "\n"
open(doc, "w").write(text)
print(section)
