#!/usr/bin/env python3
"""Merges one benchmark run into results.json, and renders it: chart.svg and the tables of BENCHMARKS.md.

    report.py merge  --jmh A.json B.json --sidecar S.jsonl --idle I.json --compile C.json --out results.json ...
    report.py patch  --results results.json --jmh startup.json --sidecar S.jsonl --compile C.json ...
                     (scenarios 4 and 6 measured again, the others kept)
    report.py render --results results.json --svg chart.svg --doc BENCHMARKS.md

Every figure in the tables and the chart is read from results.json; nothing is typed in by hand.
The tables replace whatever lies between the markers <!-- tables:begin --> and <!-- tables:end -->.
Standard library only (no matplotlib): the SVG is written by hand.
"""
import argparse
import json
import math
import platform
import re
import subprocess
import sys
from datetime import datetime, timezone

DESIGNS = [
    ("direct", "direct call (limit, not async)"),
    ("disruptor-blocking", "Disruptor, BlockingWait (default)"),
    ("disruptor-sleeping", "Disruptor, SleepingWait"),
    ("executor-per-event", "ThreadPoolExecutor, task per event"),
    ("executor-per-handler", "ThreadPoolExecutor, task per (event, handler)"),
    ("guava-async", "Guava AsyncEventBus"),
    ("greenrobot-background", "greenrobot EventBus, BACKGROUND"),
    ("greenrobot-async", "greenrobot EventBus, ASYNC"),
    ("spring", "Spring multicaster + ThreadPoolTaskExecutor"),
    ("zapjobs", "**ZapJobs Events**"),
]
LABEL = dict(DESIGNS)
DIRECT, DISRUPTOR, OURS = "direct", "disruptor-blocking", "zapjobs"
STARTUP = [
    ("LoadHandlerClassesOnly", "floor: load + `new` the 1,000 classes, no library"),
    ("ZapJobsBuild", "**ZapJobs** `builder().build()` (ServiceLoader, generated bindings)"),
    ("GuavaRegister", "Guava `EventBus.register` (reflection)"),
    ("GreenrobotRegister", "greenrobot `register` (reflection, no index)"),
    ("GreenrobotIndexRegister", "greenrobot `register` with its generated index (method names, looked up reflectively)"),
    ("SpringListenerDetection", "Spring context refresh, `@EventListener` detection"),
]


def sh(cmd):
    try:
        done = subprocess.run(cmd, shell=True, capture_output=True, text=True)
        return (done.stdout + done.stderr).strip()
    except OSError:
        return ""


def merge(a):
    jmh = []
    for f in a.jmh:
        with open(f) as fh:
            jmh.extend(json.load(fh))
    for r in jmh:
        r["jvmArgs"] = [relative(x) for x in r.get("jvmArgs", [])]
        # the per-sample histograms are megabytes; the percentiles JMH derives from them stay
        r["primaryMetric"].pop("rawDataHistogram", None)
        for m in r.get("secondaryMetrics", {}).values():
            m.pop("rawDataHistogram", None)
    with open(a.sidecar) as fh:
        sidecar = [json.loads(line) for line in fh if line.strip()]
    with open(a.idle) as fh:
        idle = json.load(fh)
    with open(a.compile) as fh:
        comp = json.load(fh)
    model = re.search(r"Model name:\s*(.*)", sh("lscpu"))
    machine = {
        "nproc": sh("nproc"),
        "cpu": model.group(1).strip() if model else platform.processor(),
        "os": platform.platform(),
        "memory": re.sub(r"\s+", " ", sh("free -h | sed -n 2p")),
        "loadAverageAtStart": a.load_at_start,
        "version": a.version,
        "loadAverageAtEnd": sh("cat /proc/loadavg"),
        "java": sh("java -version 2>&1").splitlines(),
    }
    out = {
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": a.command,
        "quick": a.quick == "1",
        "seconds": int(a.seconds),
        "machine": machine,
        "jmh": jmh,
        "sidecar": sidecar,
        "idle": idle,
        "compile": comp,
    }
    with open(a.out, "w") as fh:
        json.dump(out, fh, indent=1)
    print(f"wrote {a.out}: {len(jmh)} JMH results, {len(sidecar)} sidecar lines")


def patch(a):
    """Replaces the start-up (scenario 4) and compile-time (scenario 6) results of a full run."""
    with open(a.results) as fh:
        out = json.load(fh)
    jmh = []
    for f in a.jmh:
        with open(f) as fh:
            jmh.extend(json.load(fh))
    for r in jmh:
        r["jvmArgs"] = [relative(x) for x in r.get("jvmArgs", [])]
    out["jmh"] = [r for r in out["jmh"] if ".StartUp." not in r["benchmark"]] + jmh
    with open(a.sidecar) as fh:
        cpu = [json.loads(line) for line in fh if line.strip()]
    out["sidecar"] = [s for s in out["sidecar"] if s["kind"] != "startup-cpu"] + \
        [s for s in cpu if s["kind"] == "startup-cpu"]
    with open(a.compile) as fh:
        out["compile"] = json.load(fh)
    out["startupAndCompileRun"] = {
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": a.command,
        "seconds": int(a.seconds),
        "loadAverageAtStart": a.load_at_start,
        "loadAverageAtEnd": sh("cat /proc/loadavg"),
    }
    with open(a.results, "w") as fh:
        json.dump(out, fh, indent=1)
    print(f"patched {a.results}: {len(jmh)} start-up results, compile time")


# ---------------------------------------------------------------------------------------------------
# reading results.json


class Results:
    def __init__(self, data):
        self.data = data

    def jmh(self, scenario, design=None, handlers=None, method=None):
        for r in self.data["jmh"]:
            bench = r["benchmark"]
            if f".{scenario}." not in bench:
                continue
            if method and not bench.endswith("." + method):
                continue
            p = r.get("params", {})
            if design and p.get("design") != design:
                continue
            if handlers and str(p.get("handlers")) != str(handlers):
                continue
            return r
        return None

    def sidecar(self, kind, scenario, design, handlers=4):
        return [s for s in self.data["sidecar"] if s["kind"] == kind and f".{scenario}." in s["benchmark"]
                and s["design"] == design and int(s["handlers"]) == int(handlers)]


def pct(r, p):
    return r["primaryMetric"]["scorePercentiles"].get(p) if r else None


def score(r):
    return r["primaryMetric"]["score"] if r else None


def bytes_per_op(r):
    if not r:
        return None
    m = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm") or r.get("secondaryMetrics", {}).get("·gc.alloc.rate.norm")
    return m["score"] if m else None


def fmt(v, unit=""):
    if v is None:
        return "–"
    if isinstance(v, str):
        return v
    if v >= 100_000_000:
        s = f"{v / 1e6:,.0f} M"
    elif v >= 1_000_000:
        s = f"{v / 1e6:,.2f} M"
    elif v >= 100:
        s = f"{v:,.0f}"
    elif v >= 10:
        s = f"{v:.1f}"
    else:
        s = f"{v:.2f}"
    return s + unit


def ratio(v, ref):
    if v is None or ref in (None, 0):
        return "–"
    x = v / ref
    return f"{x:.2f}×" if x < 10 else f"{x:,.0f}×"


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def lost_events(res, scenario, design, handlers):
    lines = res.sidecar("trial", scenario, design, handlers)
    if not lines:
        return "–"
    lost = lines[-1]["lostDeliveries"]
    if lost < 0:
        return "cannot drop (unbounded)"
    return fmt(lost / int(handlers))


# ---------------------------------------------------------------------------------------------------
# the tables


def sparse_table(res, scenario):
    d = res.jmh(scenario, DIRECT)
    k = res.jmh(scenario, DISRUPTOR)
    rows = []
    for key, label in DESIGNS:
        r = res.jmh(scenario, key)
        if not r:
            continue
        rows.append([label, fmt(score(r)), fmt(pct(r, "50.0")), fmt(pct(r, "99.0")), fmt(pct(r, "99.9")),
                     fmt(pct(r, "99.99")), fmt(bytes_per_op(r)),
                     ratio(score(r), score(d)), ratio(score(r), score(k)),
                     ratio(pct(r, "99.0"), pct(k, "99.0")), lost_events(res, scenario, key, 4)])
    return table(["design", "mean ns", "p50", "p99", "p99.9", "p99.99", "B/op (whole JVM)", "mean ÷ direct",
                  "mean ÷ Disruptor", "p99 ÷ Disruptor", "events dropped"], rows)


def cost_table(res):
    rows = []
    ref = {h: (res.jmh("PublishCost", DIRECT, h), res.jmh("PublishCost", DISRUPTOR, h)) for h in (1, 4, 16)}
    for key, label in DESIGNS:
        rs = {h: res.jmh("PublishCost", key, h) for h in (1, 4, 16)}
        if not any(rs.values()):
            continue
        row = [label]
        for h in (1, 4, 16):
            row.append(fmt(score(rs[h])))
        for h in (1, 4, 16):
            row.append(fmt(bytes_per_op(rs[h])))
        row += [ratio(score(rs[4]), score(ref[4][0])), ratio(score(rs[4]), score(ref[4][1])),
                ratio(score(rs[16]), score(ref[16][1]))]
        drops = [lost_events(res, "PublishCost", key, h) for h in (1, 4, 16)]
        row.append(" / ".join(drops))
        rows.append(row)
    return table(["design", "1 handler ns/op", "4", "16", "B/op, whole JVM (1)", "B/op (4)", "B/op (16)",
                  "4 h ÷ direct", "4 h ÷ Disruptor", "16 h ÷ Disruptor", "events dropped (1 / 4 / 16)"], rows)


def e2e(res, key):
    r = res.jmh("EndToEnd", key)
    its = res.sidecar("e2e-iteration", "EndToEnd", key)
    if not r or not its:
        return None
    delivered = sum(i["deliveredEventsPerSecond"] for i in its) / len(its)
    secs = sum(i["seconds"] for i in its)
    dropped = [i["droppedEvents"] for i in its]
    drop_rate = None if any(x < 0 for x in dropped) else sum(dropped) / secs
    return {"published": score(r), "delivered": delivered, "dropRate": drop_rate}


def e2e_table(res):
    d, k = e2e(res, DIRECT), e2e(res, DISRUPTOR)
    rows = []
    for key, label in DESIGNS:
        x = e2e(res, key)
        if not x:
            continue
        if x["dropRate"] is None:
            dropped = "cannot drop: unbounded queue"
        else:
            dropped = f"{fmt(x['dropRate'])}/s ({100 * x['dropRate'] / x['published']:.1f} % of published)" \
                if x["published"] else "–"
        rows.append([label, fmt(x["published"]), fmt(x["delivered"]), dropped,
                     ratio(x["delivered"], d and d["delivered"]), ratio(x["delivered"], k and k["delivered"])])
    return table(["design", "published events/s", "delivered events/s (to all 4 handlers)", "dropped, counted",
                  "delivered ÷ direct", "delivered ÷ Disruptor"], rows)


def startup(res, method):
    r = res.jmh("StartUp", method=method)
    if not r:
        return None, None, None
    raw = [v for fork in r["primaryMetric"]["rawData"] for v in fork]
    return score(r), min(raw), max(raw)


def startup_cpu(res, method):
    """Median CPU time (ms) of the thread that ran the cold shot, over the forks; None if not measured."""
    vals = sorted(s["cpuMillis"] for s in res.data["sidecar"]
                  if s["kind"] == "startup-cpu" and s["benchmark"].endswith(".StartUp." + method))
    if not vals:
        return None
    n = len(vals)
    return vals[n // 2] if n % 2 else (vals[n // 2 - 1] + vals[n // 2]) / 2


def startup_table(res):
    rows = []
    floor = startup(res, "coldLoadHandlerClassesOnly")[0]
    floor_cpu = startup_cpu(res, "coldLoadHandlerClassesOnly")
    for key, label in STARTUP:
        cold, lo, hi = startup(res, "cold" + key)
        if cold is None:
            continue
        warm = startup(res, "warm" + key)[0]
        cpu = startup_cpu(res, "cold" + key)
        forks = res.jmh("StartUp", method="cold" + key)
        n = len(forks["primaryMetric"]["rawData"]) if forks else 0
        rows.append([label, fmt(cold), f"{fmt(lo)} – {fmt(hi)} ({n} JVMs)", ratio(cold, floor),
                     fmt(cpu), ratio(cpu, floor_cpu), fmt(warm)])
    return table(["approach (1,000 handler classes)", "first time, fresh JVM, ms (mean)", "range",
                  "÷ floor", "CPU time of that thread, ms (median)", "CPU ÷ floor's",
                  "again, warm JVM, ms"], rows)


def idle_table(res):
    idle = res.data["idle"]
    rows = []

    def p99(key):
        x = idle["designs"].get(key)
        return x["delayNanos"]["p99"] if x else None

    direct, disruptor = p99("direct"), p99("disruptor-blocking")
    for key, label in DESIGNS:
        x = idle["designs"].get(key)
        if not x:
            continue
        dl = x["delayNanos"]
        own = x.get("publisherBytesPerPublish")
        rows.append([label, "–" if own is None else f"{own:.2f}",
                     f"{x['processCpuPercent']:.1f} %", f"{x['designThreadsCpuPercent']:.2f} %",
                     fmt(dl["p50"] / 1e3), fmt(dl["p90"] / 1e3), fmt(dl["p99"] / 1e3), fmt(dl["p99.9"] / 1e3),
                     fmt(dl["max"] / 1e3), ratio(dl["p99"], direct), ratio(dl["p99"], disruptor),
                     "yes" if x["warmUpAccountedFor"] else "**NO**"])
    return table(["design", "B allocated by the publishing thread per publish", "idle CPU, whole process (% of a core)",
                  "idle CPU, design's threads",
                  "delay p50 µs", "p90", "p99", "p99.9", "max", "delay p99 ÷ direct", "delay p99 ÷ Disruptor",
                  "40,000 warm-up events all accounted for"], rows)


def compile_modes(c):
    """(label, figures) per mode; older results have a single, in-process mode at the top level."""
    if "inProcess" in c:
        return [("in one warm JVM (javax.tools)", c["inProcess"]), ("a new javac process each time", c["freshJvm"])]
    return [("in one warm JVM (javax.tools)", c)]


COMPILE_VARIANTS = [
    ("without", "without any processor (`-proc:none`)"),
    ("noop", "a processor that does nothing (javac's own cost of processing)"),
    ("ours", "**the ZapJobs processor**"),
    ("greenrobot", "greenrobot's index processor (`-AeventBusIndex`)"),
    ("pregenerated", "no processor, the handlers + the binding ours generated as plain sources"),
]


def compile_table(res):
    c = res.data["compile"]
    rows = []
    for label, m in compile_modes(c):
        v = m.get("variants")
        if not v:  # results of an older harness
            v = {"without": {"millis": m["withoutProcessorMillis"], "medianMillis": m["withoutProcessorMedianMillis"]},
                 "ours": {"millis": m["withProcessorMillis"], "medianMillis": m["withProcessorMedianMillis"]}}
        base, noop = v["without"]["medianMillis"], v.get("noop", {}).get("medianMillis")
        base_cpu = v["without"].get("cpuMedianMillis")
        for key, name in COMPILE_VARIANTS:
            x = v.get(key)
            if not x:
                continue
            cpu = x.get("cpuMedianMillis")
            noop_cpu = v.get("noop", {}).get("cpuMedianMillis")
            theirs = key not in ("without", "noop", "pregenerated")
            rows.append([f"{label}: {name}", fmt(x["medianMillis"]), ratio(x["medianMillis"], base),
                         ratio(x["medianMillis"], noop) if theirs else "",
                         fmt(cpu) if cpu is not None else "–", ratio(cpu, base_cpu) if cpu is not None else "",
                         ratio(cpu, noop_cpu) if cpu is not None and theirs else "",
                         ", ".join(fmt(t) for t in x["millis"])])
    return table([f"javac on {c['classes']:,} handler classes ({c['repetitions']} repetitions)", "median ms",
                  "÷ without any processor", "÷ the no-op processor",
                  "CPU time, ms (median)", "CPU ÷ without", "CPU ÷ no-op", "all runs (wall), ms"], rows)


def targets_table(res):
    def verdict(ok):
        return "met" if ok else "**missed**"

    rows = []
    s = res.jmh("SparseEvents", OURS)
    if s:
        peers = [res.jmh("SparseEvents", p) for p in ("guava-async", "greenrobot-background", "spring")]
        rows.append(["sparse: mean ≤ 50 ns", fmt(score(s)) + " ns", verdict(score(s) <= 50)])
        rows.append(["sparse: p99 ≤ 200 ns", fmt(pct(s, "99.0")) + " ns", verdict(pct(s, "99.0") <= 200)])
        if all(peers):
            worst = min(score(p) / score(s) for p in peers)
            rows.append(["sparse: ≥ 30× cheaper (mean) than Guava, greenrobot, Spring",
                         f"{worst:.0f}× (the least)", verdict(worst >= 30)])
    t, k = res.jmh("SustainedLoad", OURS), res.jmh("SustainedLoad", DISRUPTOR)
    if t and k:
        rows.append(["tight loop: mean ≤ Disruptor (BlockingWait)", f"{fmt(score(t))} vs {fmt(score(k))} ns",
                     verdict(score(t) <= score(k))])
        rows.append(["tight loop: p99.9 ≤ 1 µs", fmt(pct(t, "99.9")) + " ns", verdict(pct(t, "99.9") <= 1000)])
    own = res.data["idle"]["designs"].get(OURS, {}).get("publisherBytesPerPublish")
    if own is not None:
        rows.append(["0 B/op on the publish path", f"{own:.3f} B per publish, allocated by the publishing thread",
                     verdict(own < 0.5)])
    o, k = e2e(res, OURS), e2e(res, DISRUPTOR)
    if o and k:
        rows.append(["end to end: delivered ≥ Disruptor (BlockingWait)",
                     f"{fmt(o['delivered'])} vs {fmt(k['delivered'])} events/s ({ratio(o['delivered'], k['delivered'])})",
                     verdict(o["delivered"] >= k["delivered"])])
    idle = res.data["idle"]["designs"].get(OURS)
    if idle:
        rows.append(["idle ≤ 1 % of a core", f"{idle['designThreadsCpuPercent']:.2f} % (dispatcher threads), "
                     f"{idle['processCpuPercent']:.1f} % (process)", verdict(idle["designThreadsCpuPercent"] <= 1)])
        rows.append(["delivery delay p99 ≤ 5 ms (defaults)", fmt(idle["delayNanos"]["p99"] / 1e3) + " µs",
                     verdict(idle["delayNanos"]["p99"] <= 5e6)])
    cold, floor = startup(res, "coldZapJobsBuild")[0], startup(res, "coldLoadHandlerClassesOnly")[0]
    if cold is not None and floor:
        rows.append(["start-up, fresh JVM: 1,000 handler classes ≤ 1.2× the floor (loading and instantiating them)",
                     f"{fmt(cold)} vs {fmt(floor)} ms ({ratio(cold, floor)})", verdict(cold <= 1.2 * floor)])
    cpu, floor_cpu = startup_cpu(res, "coldZapJobsBuild"), startup_cpu(res, "coldLoadHandlerClassesOnly")
    if cpu is not None and floor_cpu:
        rows.append(["start-up, the same in CPU time of the thread that binds",
                     f"{fmt(cpu)} vs {fmt(floor_cpu)} ms ({ratio(cpu, floor_cpu)})", verdict(cpu <= 1.2 * floor_cpu)])
    for label, m in compile_modes(res.data["compile"]):
        rows.append([f"compile time: processor adds ≤ 10 % ({label})", f"{m['overheadPercent']:+.0f} %",
                     verdict(m["overheadPercent"] <= 10)])
        v = m.get("variants", {})
        ours, base = v.get("ours", {}).get("cpuMedianMillis"), v.get("without", {}).get("cpuMedianMillis")
        if ours and base:
            extra = 100.0 * (ours - base) / base
            rows.append([f"compile time: processor adds ≤ 10 % ({label}), CPU time", f"{extra:+.0f} %",
                         verdict(extra <= 10)])
    return table(["target", "measured", "verdict"], rows)


def machine_block(res):
    m = res.data["machine"]
    d = res.data
    one = res.data["jmh"][0] if res.data["jmh"] else {}
    lines = [
        f"- Run: {d['generated']}, `{d['command']}`, {d['seconds']} s of measuring"
        + (" — **reduced (QUICK) suite**" if d["quick"] else ""),
        f"- Code: ZapJobs Events {m.get('version', '?')}, built from the working tree by `benchmarks/run.sh`",
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['os']}; memory: {m['memory']}",
        f"- JVM: {'; '.join(m['java'])}",
        f"- Load average (1, 5, 15 min) at the start: {m.get('loadAverageAtStart', '?')}; at the end: "
        f"{m.get('loadAverageAtEnd', '?')} — other builds shared the machine during the run",
        f"- JMH {one.get('jmhVersion', '?')}, JVM options of the forks: `{' '.join(relative(a) for a in one.get('jvmArgs', []))}`",
    ]
    again = d.get("startupAndCompileRun")
    if again:
        lines.append(f"- Scenarios 4 and 6 measured again on {again['generated']} (`{again['command']}`, "
                     f"{again['seconds']} s), on the code described in the text; load average at the start: "
                     f"{again['loadAverageAtStart']}; at the end: {again['loadAverageAtEnd']}")
    return "\n".join(lines)


def relative(arg):
    """A JVM option with any absolute path into the repository shortened to the repository-relative one."""
    return re.sub(r"=\S*?/(benchmarks/target/)", r"=\1", arg)


def render_tables(res):
    parts = [
        "### Run\n\n" + machine_block(res),
        "### Targets at a glance\n\n" + targets_table(res),
        "### Scenario 0 — sparse events (5 µs between publishes, 4 handlers): cost of `publish` on the job thread\n\n"
        + sparse_table(res, "SparseEvents"),
        "### Scenario 1 — mean cost of `publish` (ns/op) and allocation (B/op), 1 / 4 / 16 handlers, paced\n\n"
        + cost_table(res),
        "### Scenario 2 — one publisher in a tight loop (4 handlers): cost of `publish` under sustained load\n\n"
        + sparse_table(res, "SustainedLoad"),
        "### Scenario 3 — end to end: two publisher threads in a tight loop, 4 handlers\n\n" + e2e_table(res),
        "### Scenario 4 — start-up: binding 1,000 handler classes\n\n" + startup_table(res),
        "### Scenario 5 — allocation on the publishing thread, idle cost (2 s, no events), and publish → handler-start "
        "delay (sparse events)\n\n"
        + idle_table(res)
        + f"\n\nProcess baseline before any design was built: {res.data['idle']['baselineIdleCpuPercent']:.1f} % of a core.",
        "### Scenario 6 — compile time\n\n" + compile_table(res),
    ]
    return "\n\n".join(parts)


# ---------------------------------------------------------------------------------------------------
# the chart


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*", "")


def log_panel(y0, title, series, rows, unit, lo, hi, width=1000, label_w=330):
    """A horizontal bar panel with a log axis. rows: [(label, [value per series])]."""
    bar_h, gap = 9, 8
    plot_w = width - label_w - 30
    h = 40 + len(rows) * (len(series) * bar_h + gap) + 30
    out = [f'<text x="10" y="{y0 + 20}" font-size="15" font-weight="bold">{esc(title)}</text>']

    def x(v):
        v = max(lo, min(hi, v))
        return label_w + plot_w * (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))

    top = y0 + 32
    bottom = top + len(rows) * (len(series) * bar_h + gap)
    dec = math.floor(math.log10(lo))
    while 10 ** dec <= hi:
        for m in (1, 2, 5):
            v = m * 10 ** dec
            if lo <= v <= hi:
                xx = x(v)
                out.append(f'<line x1="{xx:.1f}" y1="{top}" x2="{xx:.1f}" y2="{bottom}" stroke="#ddd"/>')
                if m == 1 or (math.log10(hi / lo) < 3):
                    out.append(f'<text x="{xx:.1f}" y="{bottom + 14}" font-size="10" text-anchor="middle">'
                               f'{fmt(v)}{unit}</text>')
        dec += 1
    y = top
    for label, values in rows:
        weight = ' font-weight="bold"' if "ZapJobs" in label else ""
        out.append(f'<text x="{label_w - 8}" y="{y + len(series) * bar_h / 2 + 4}" font-size="11" '
                   f'text-anchor="end"{weight}>{esc(label)}</text>')
        for (name, color), v in zip(series, values):
            if v is not None and v > 0:
                out.append(f'<rect x="{label_w}" y="{y}" width="{max(1, x(v) - label_w):.1f}" height="{bar_h - 1}" '
                           f'fill="{color}"><title>{esc(label)} {name}: {fmt(v)}{unit}</title></rect>')
                out.append(f'<text x="{x(v) + 3:.1f}" y="{y + bar_h - 1}" font-size="9">{fmt(v)}</text>')
            y += bar_h
        y += gap
    lx = label_w
    for name, color in series:
        out.append(f'<rect x="{lx}" y="{bottom + 22}" width="10" height="10" fill="{color}"/>')
        out.append(f'<text x="{lx + 14}" y="{bottom + 31}" font-size="11">{esc(name)}</text>')
        lx += 30 + 7 * len(name)
    return out, h + 25


def render_svg(res):
    panels = []
    y = 0
    sparse = []
    for key, label in DESIGNS:
        r = res.jmh("SparseEvents", key)
        if r:
            sparse.append((label, [pct(r, "50.0"), score(r), pct(r, "99.0"), pct(r, "99.9")]))
    if sparse:
        vals = [v for _, vs in sparse for v in vs if v]
        p, h = log_panel(y, "Scenario 0: cost of publish() on the job thread, sparse events, 4 handlers (ns, log scale)",
                         [("p50", "#9ecae1"), ("mean", "#3182bd"), ("p99", "#fd8d3c"), ("p99.9", "#e6550d")],
                         sparse, " ns", 10 ** math.floor(math.log10(min(vals))), 10 ** math.ceil(math.log10(max(vals))))
        panels += p
        y += h
    tight = []
    for key, label in DESIGNS:
        r = res.jmh("SustainedLoad", key)
        if r:
            tight.append((label, [pct(r, "50.0"), pct(r, "99.0"), pct(r, "99.9")]))
    if tight:
        vals = [v for _, vs in tight for v in vs if v]
        p, h = log_panel(y, "Scenario 2: cost of publish(), one publisher in a tight loop (ns, log scale)",
                         [("p50", "#9ecae1"), ("p99", "#fd8d3c"), ("p99.9", "#e6550d")],
                         tight, " ns", 10 ** math.floor(math.log10(min(vals))), 10 ** math.ceil(math.log10(max(vals))))
        panels += p
        y += h
    thr = []
    for key, label in DESIGNS:
        x = e2e(res, key)
        if x:
            thr.append((label, [x["delivered"]]))
    if thr:
        vals = [v for _, vs in thr for v in vs if v]
        p, h = log_panel(y, "Scenario 3: events delivered per second to 4 handlers, 2 publishers (log scale)",
                         [("delivered events/s", "#31a354")], thr, "",
                         10 ** math.floor(math.log10(min(vals))), 10 ** math.ceil(math.log10(max(vals))))
        panels += p
        y += h
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="{y + 10}" '
            f'font-family="Helvetica, Arial, sans-serif"><rect width="100%" height="100%" fill="white"/>')
    note = (f'<text x="10" y="{y + 2}" font-size="10" fill="#666">Generated by docs/benchmarks/report.py from '
            f'results.json ({esc(res.data["generated"])}); {esc(res.data["machine"]["nproc"])} CPUs, '
            f'{esc(res.data["machine"]["cpu"])}</text>')
    return head + "\n".join(panels) + note + "</svg>\n"


def render(a):
    with open(a.results) as fh:
        res = Results(json.load(fh))
    svg = render_svg(res)
    with open(a.svg, "w") as fh:
        fh.write(svg)
    with open(a.doc) as fh:
        doc = fh.read()
    begin, end = "<!-- tables:begin -->", "<!-- tables:end -->"
    if begin not in doc or end not in doc:
        sys.exit(f"{a.doc} has no {begin} ... {end} markers")
    head, rest = doc.split(begin, 1)
    _, tail = rest.split(end, 1)
    note = "<!-- generated by docs/benchmarks/report.py from docs/benchmarks/results.json: do not edit by hand -->"
    text = head + begin + "\n" + note + "\n\n" + render_tables(res) + "\n\n" + end + tail
    with open(a.doc, "w") as fh:
        fh.write(text)
    print(f"wrote {a.svg} and the tables of {a.doc}")


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("merge")
    m.add_argument("--jmh", nargs="+", required=True)
    m.add_argument("--sidecar", required=True)
    m.add_argument("--idle", required=True)
    m.add_argument("--compile", required=True)
    m.add_argument("--seconds", default="0")
    m.add_argument("--quick", default="0")
    m.add_argument("--command", default="benchmarks/run.sh")
    m.add_argument("--load-at-start", default="")
    m.add_argument("--version", default="")
    m.add_argument("--out", required=True)
    pt = sub.add_parser("patch")
    pt.add_argument("--results", required=True)
    pt.add_argument("--jmh", nargs="+", required=True)
    pt.add_argument("--sidecar", required=True)
    pt.add_argument("--compile", required=True)
    pt.add_argument("--seconds", default="0")
    pt.add_argument("--command", default="benchmarks/run.sh")
    pt.add_argument("--load-at-start", default="")
    r = sub.add_parser("render")
    r.add_argument("--results", required=True)
    r.add_argument("--svg", required=True)
    r.add_argument("--doc", required=True)
    a = p.parse_args()
    {"merge": merge, "patch": patch, "render": render}[a.cmd](a)


if __name__ == "__main__":
    main()
