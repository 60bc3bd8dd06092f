"""bench/pipeline's work: bin/pipeline on the real file in a scratch copy of the built project, time-stamped.

Usage: pipeline_bench.py HOME ROUNDS [CSV]
Writes the "pipeline-wall" section of HOME/docs/benchmarks.md (placed before the "pipeline" section when new),
bench/out/pipeline/run-N.log (every line with its time) and bench/out/pipeline/runs.csv.
"""
import csv
import resource
import filecmp
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time

home, rounds, csv_file = sys.argv[1], int(sys.argv[2]), (sys.argv[3] if len(sys.argv) > 3 else "")
out = os.path.join(home, "bench", "out", "pipeline")
project = os.path.join(out, "project")
doc = os.path.join(home, "docs", "benchmarks.md")

# The steps, each cut at a line its step prints. In order. For a single CSV (the default), bin/pipeline starts the
# consumer and the producer together once the node is ready, and the consumer writes during the replay.
STEPS = [
    ("bin/pipeline's own JVM to its first line", None),
    ("start-kraft --daemon (in the pipeline's JVM: the node's JVM, format, topics) to ready", "node ready"),
    ("produce and consume JVMs, started together: from the node's ready line to the producer's first line", "produce first"),
    ("produce: the replay, to its summary (the consumer writing meanwhile)", "produce summary"),
    ("consume: from the replay's summary to its own (the last rows, close, commit)", "consume summary"),
    ("consume's exit, summary, report and the node's stop, to the pipeline's exit", "exit"),
]


def die(message):
    print("bench/pipeline: error: " + message, file=sys.stderr)
    sys.exit(1)


def free_port_pair():
    """A port P with P and P + 1 both free: the node's client and controller listeners."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port >= 65535:
            continue
        try:
            with socket.socket() as a, socket.socket() as b:
                a.bind(("127.0.0.1", port))
                b.bind(("127.0.0.1", port + 1))
            return port
        except OSError:
            continue
    die("no two free ports in a row found")


def jars(lib):
    return sorted((e.name, e.stat().st_size, int(e.stat().st_mtime)) for e in os.scandir(lib) if e.name.endswith(".jar"))


def copy_is_current():
    """The copy of an earlier bench/pipeline holds these very jars (and bin/, conf/): rounds can be added to it."""
    try:
        return (jars(os.path.join(project, "dist", "target", "lib")) == jars(os.path.join(home, "dist", "target", "lib"))
                and all(filecmp.dircmp(os.path.join(home, d), os.path.join(project, d)).diff_files == []
                        for d in ("bin", "bin/lib")))
    except OSError:
        return False


def copy_project(port):
    """The built project as a student has it (bin/, conf/, data/, dist/target/), nothing of a run before."""
    shutil.rmtree(project, ignore_errors=True)
    os.makedirs(os.path.join(project, "data"))
    for d in ("bin", "conf"):
        shutil.copytree(os.path.join(home, d), os.path.join(project, d), symlinks=True)
    for f in ("AirQualityUCI.csv", "README.md"):
        shutil.copy2(os.path.join(home, "data", f), os.path.join(project, "data", f))
    target = os.path.join(project, "dist", "target")
    shutil.copytree(os.path.join(home, "dist", "target", "lib"), os.path.join(target, "lib"))
    open(os.path.join(target, ".aq-build-stamp"), "w").close()
    props = os.path.join(project, "conf", "server.properties")
    text = open(props).read()
    text = text.replace("127.0.0.1:9093", f"127.0.0.1:{port + 1}").replace("127.0.0.1:9092", f"127.0.0.1:{port}")
    open(props, "w").write(text)


def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def run_once(n):
    """One bin/pipeline on a fresh node and an empty processed_data/; returns its time-stamped lines."""
    for d in ("data/kraft", "processed_data", "logs"):
        shutil.rmtree(os.path.join(project, d), ignore_errors=True)
    cmd = [os.path.join(project, "bin", "pipeline")] + (["--file", os.path.abspath(csv_file)] if csv_file else [])
    env = dict(os.environ, AQ_SKIP_BUILD="1")
    lines, lock = [], threading.Lock()
    t0 = time.monotonic()
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def pump(stream, tag):
        for line in stream:
            with lock:
                lines.append((time.monotonic() - t0, tag, line.rstrip("\n")))

    pumps = [threading.Thread(target=pump, args=(p.stdout, "out")), threading.Thread(target=pump, args=(p.stderr, "err"))]
    for t in pumps:
        t.start()
    code = p.wait()
    for t in pumps:
        t.join()
    end = time.monotonic() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    # bin/pipeline and every JVM it waited for. The node is the pipeline JVM's child: its CPU is in the figure
    # when that JVM reaped it before exiting, and not when it exited first (the system reaped it): a race.
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    with open(os.path.join(out, f"run-{n}.log"), "w") as log:
        for t, tag, text in lines:
            log.write(f"{t:8.3f} {tag} {text}\n")
        log.write(f"{end:8.3f} exit {code}\n")
        log.write(f"cpu {cpu:.2f} s (bin/pipeline and the JVMs it reaped)\n")
    if code != 0:
        die(f"run {n}: bin/pipeline exited {code}; its output is in bench/out/pipeline/run-{n}.log")
    outs = [text for _, tag, text in lines if tag == "out"]
    if not outs or not outs[-1].endswith("-report.html"):
        die(f"run {n}: the last line of stdout is not the report's path; see bench/out/pipeline/run-{n}.log")
    return lines, end, cpu


def first(lines, after, test):
    for t, tag, text in lines:
        if t >= after and test(tag, text):
            return t, text
    return None, None


def elapsed_after(lines, after):
    """The 'elapsed:' figure of the summary printed at or after `after` (produce's and consume's summaries)."""
    _, text = first(lines, after, lambda tag, s: tag == "out" and s.startswith("elapsed:"))
    return float(re.search(r"([0-9.]+) s", text).group(1)) if text else float("nan")


def cut(lines, end, n):
    """The step boundaries of one run, in seconds since bin/pipeline started."""
    t_first, _ = first(lines, 0, lambda tag, s: tag == "err")
    t_ready, _ = first(lines, 0, lambda tag, s: "KRaft node ready" in s)
    if t_ready is None:
        die(f"run {n}: no 'KRaft node ready' line: did a node run already on the port? See run-{n}.log")
    t_produce, _ = first(lines, t_ready, lambda tag, s: tag == "err" and s.startswith("waiting for Kafka at"))
    t_replayed, _ = first(lines, t_ready, lambda tag, s: tag == "out" and s.startswith("replay finished:"))
    t_written, _ = first(lines, t_replayed or t_ready, lambda tag, s: tag == "out" and s.startswith("rows written:"))
    marks = [t_first, t_ready, t_produce, t_replayed, t_written, end]
    if None in marks:
        die(f"run {n}: a step's line is missing (see run-{n}.log): {marks}")
    return marks, elapsed_after(lines, t_replayed), elapsed_after(lines, t_written)


def main():
    os.makedirs(out, exist_ok=True)
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load_before = load()
    if copy_is_current() and os.listdir(os.path.join(project, "dist", "target", "cds")):
        # The same build's copy, its archives written by an earlier run: more rounds, no untimed run.
        print("bench/pipeline: reusing bench/out/pipeline/project (same jars, archives written)", file=sys.stderr)
    else:
        copy_project(free_port_pair())
        print("bench/pipeline: untimed first run (writes the class-data archives)...", file=sys.stderr)
        run_once(0)
    runs = []
    for n in range(1, rounds + 1):
        before = load()
        lines, end, cpu = run_once(n)
        marks, replay, consume = cut(lines, end, n)
        runs.append(dict(n=n, marks=marks, replay=replay, consume=consume, load=before, cpu=cpu))
        print(f"bench/pipeline: run {n}: {end:.1f} s (load {before})", file=sys.stderr)
    load_after = load()
    with open(os.path.join(out, "runs.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["run", "load"] + [s for s, _ in STEPS] + ["total", "produce elapsed", "consume elapsed", "cpu"])
        for r in runs:
            m = r["marks"]
            w.writerow([r["n"], r["load"]] + [f"{b - a:.2f}" for a, b in zip([0.0] + m[:-1], m)]
                       + [f"{m[-1]:.2f}", r["replay"], r["consume"], f"{r['cpu']:.2f}"])
    write_section(started, load_before, load_after, runs)


def write_section(started, load_before, load_after, runs):
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = round(int(open("/proc/meminfo").readline().split()[1]) / 1024 / 1024)
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    head = subprocess.run(["git", "-C", home, "log", "-1", "--format=%h"], capture_output=True, text=True).stdout.strip()

    def step(r, i):
        m = r["marks"]
        return m[i] - (m[i - 1] if i else 0.0)

    def every(f):
        return "; ".join(f"{r['n']}: {f(r):.1f}" for r in runs)

    data = csv_file or "data/AirQualityUCI.csv (the real file, 9,357 rows)"
    lines = [
        "<!-- BEGIN pipeline-wall -->", "## bin/pipeline's wall time (issue 16, target 3: at most 10 s)", "",
        f"`bench/pipeline {len(runs)}` on {started} at commit {head or '?'}: {os.cpu_count()} cores ({cpu}), {mem} GB, "
        f"{java}; load average {load_before} before and {load_after} after (1, 5, 15 min). bin/pipeline on {data} "
        "in a scratch copy of the built project (node ports moved to free ones), each run on a fresh node and an empty "
        "processed_data/ (a student's first pipeline after a build), after one untimed run that wrote the class-data "
        "archives. Each step is cut at the first line the next one prints, so a step's JVM start is in the step "
        "before it where the two overlap. Medians; every run listed as run: seconds.", "",
        "| step | median s | every run |", "| --- | ---: | --- |",
    ]
    for i, (name, _) in enumerate(STEPS):
        lines.append(f"| {name} | {statistics.median(step(r, i) for r in runs):.1f} | {every(lambda r: step(r, i))} |")
    lines += [
        f"| (produce's own `elapsed`: the replay of 94 transactions) | {statistics.median(r['replay'] for r in runs):.1f} "
        f"| {every(lambda r: r['replay'])} |",
        f"| (consume's own `elapsed`, from its start during the replay) | {statistics.median(r['consume'] for r in runs):.1f} "
        f"| {every(lambda r: r['consume'])} |",
        f"| **total, bin/pipeline's wall time** | **{statistics.median(r['marks'][-1] for r in runs):.1f}** "
        f"| {every(lambda r: r['marks'][-1])} |",
        f"| CPU time of bin/pipeline and the JVMs it reaped (the node's only when reaped by it: varies) | {statistics.median(r['cpu'] for r in runs):.1f} "
        f"| {every(lambda r: r['cpu'])} |",
        "| load average (1 min) when the run started | | " + "; ".join(f"{r['n']}: {r['load'].split()[0]}" for r in runs) + " |",
        "", "Rerun: `bench/pipeline [ROUNDS]`; every line of every run with its time: bench/out/pipeline/run-N.log.",
        "<!-- END pipeline-wall -->",
    ]
    section = "\n".join(lines)
    text = open(doc).read()
    old = re.search(r"<!-- BEGIN pipeline-wall -->.*?<!-- END pipeline-wall -->", text, re.S)
    if old:
        text = text[:old.start()] + section + text[old.end():]
    elif "<!-- BEGIN pipeline -->" in text:
        i = text.index("<!-- BEGIN pipeline -->")
        text = text[:i] + section + "\n\n" + text[i:]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    open(doc, "w").write(text)
    print(section)


main()
