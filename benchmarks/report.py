"""The report: medians of the runs, the ratios against issue 15's targets, and the table.

``summarise`` turns the raw runs of ``suite.collect`` into a plain, JSON-ready report;
``table`` (text) and ``markdown`` (docs/performance.md) print it. Times are medians over the
repetitions, peak memory the largest seen.
"""
from __future__ import annotations

import datetime as dt
import math
import os
import statistics
import sys
from typing import Any

from .measure import Run
from .suite import CHECKS, IMPORTS, SMALL

MILLION = 1_000_000
#: target -> its limit (issue 15: "What users must get"; issue 9, point 4: "in seconds")
LIMITS = {"first": 3.0, "later": 3.0, "json": 2.0, "million_first_s": 60.0, "million_peak_mb": 4096.0,
          "million_later_s": 20.0, "growth": 1.1, "small": 2.5, "intents_s": 10.0}


def runs_summary(runs: list[Run]) -> dict[str, Any] | None:
    """Median wall seconds and largest peak of ``runs``; ``stopped`` says why one was cut short."""
    if not runs:
        return None
    stopped = next((r.stopped for r in runs if r.stopped), None)
    return {"wall": statistics.median(r.wall for r in runs), "peak_mb": max(r.peak_mb for r in runs),
            "total_mb": max(r.total_mb for r in runs), "runs": len(runs), "stopped": stopped}


def _reference(reps: list[dict[str, float]]) -> dict[str, float]:
    return {"scan": statistics.median(r["scan"] for r in reps), "work": statistics.median(r["work"] for r in reps),
            "scan_work": statistics.median(r["scan"] + r["work"] for r in reps),
            "process": statistics.median(r["process"] for r in reps), "peak_mb": max(r["peak_mb"] for r in reps)}


def _field(summary: dict[str, Any] | None, key: str) -> Any:
    return None if summary is None else summary[key]


def target(what: str, value: float | None, limit: float, unit: str, note: str | None = None) -> dict[str, Any]:
    """One target's line: met when ``value`` is at most ``limit`` and nothing was cut short (then
    ``value`` is only a lower bound); None when it was not measured."""
    met = None if value is None else (value <= limit and note is None)
    if value is None and note is None:
        note = "not measured"
    return {"what": what, "value": value, "limit": limit, "unit": unit, "met": met, "note": note}


def _ratio(what: str, top: dict[str, Any] | None, bottom: float | dict[str, Any] | None,
           limit: float) -> dict[str, Any]:
    low = bottom.get("wall") if isinstance(bottom, dict) else bottom
    if top is None or low is None or (isinstance(bottom, dict) and bottom["stopped"]):
        return target(what, None, limit, "x", "not measured")
    return target(what, top["wall"] / low, limit, "x", top["stopped"])


def size_targets(size: dict[str, Any]) -> list[dict[str, Any]]:
    n, ref, iv = size["nodes"], size["reference"], size["ivrmaze"]
    name = f"{n:,} nodes"
    out = [_ratio(f"{name}: text first run / (scan + work)", iv["text_first"], ref["scan_work"], LIMITS["first"]),
           _ratio(f"{name}: text later run / work alone", iv["text_later"], ref["work"], LIMITS["later"]),
           _ratio(f"{name}: JSON / text, first run", iv["json_first"], iv["text_first"], LIMITS["json"]),
           _ratio(f"{name}: JSON / text, later run", iv["json_later"], iv["text_later"], LIMITS["json"])]
    if n >= MILLION:
        first, later = iv["text_first"], iv["text_later"]
        peaks = [s["peak_mb"] for s in iv.values() if s]
        out += [target(f"{name}: text first run", _field(first, "wall"), LIMITS["million_first_s"], "s",
                       _field(first, "stopped")),
                target(f"{name}: peak memory", max(peaks) if peaks else None, LIMITS["million_peak_mb"], "MB",
                       _field(first, "stopped")),
                target(f"{name}: text later run", _field(later, "wall"), LIMITS["million_later_s"], "s",
                       _field(later, "stopped"))]
    return out


def growth_target(sizes: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The exponent k of time ~ nodes^k between the smallest and the largest maze (text, first run)."""
    if len(sizes) < 2:
        return None
    lo, hi = min(sizes, key=lambda s: s["nodes"]), max(sizes, key=lambda s: s["nodes"])
    what = f"growth {lo['nodes']:,} -> {hi['nodes']:,} nodes: exponent of the first-run time"
    a, b = lo["ivrmaze"]["text_first"], hi["ivrmaze"]["text_first"]
    if not a or not b or a["stopped"]:
        return target(what, None, LIMITS["growth"], "", "not measured")
    return target(what, math.log(b["wall"] / a["wall"]) / math.log(hi["nodes"] / lo["nodes"]), LIMITS["growth"],
                  "", b["stopped"])


def summarise(raw: dict[str, Any], runs: int) -> dict[str, Any]:
    """The report of ``suite.collect``'s raw runs (``runs`` repetitions asked for)."""
    load = [raw.get("load_before"), os.getloadavg()[0] if hasattr(os, "getloadavg") else None]
    sizes = []
    for one in raw["sizes"].values():
        sizes.append({**one["counts"], "reference": _reference(one["reference"]),
                      "ivrmaze": {name: runs_summary(one[name]) for name, _, _ in CHECKS}})
    targets = [t for s in sizes for t in size_targets(s)]
    growth = growth_target(sizes)
    targets += [growth] if growth else []
    report: dict[str, Any] = {"machine": {"cores": os.cpu_count(), "python": sys.version.split()[0], "runs": runs,
                                          "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                                          "load": load},
                              "sizes": sizes}
    if "small" in raw:
        check, imports = runs_summary(raw["small"]["check"]), runs_summary(raw["small"]["imports"])
        later = runs_summary(raw["small"].get("later", []))
        report["small"] = {"file": SMALL, "check": check, "later": later, "imports": imports}
        targets.append(_ratio(f"small file: check {os.path.basename(SMALL)} / `{IMPORTS}`", check, imports,
                              LIMITS["small"]))
        if later:
            targets.append(_ratio(f"small file, unchanged (replayed): check / `{IMPORTS}`", later, imports,
                                  LIMITS["small"]))
    if "many_intents" in raw:
        mi = raw["many_intents"]
        check = runs_summary(mi["runs"])
        report["many_intents"] = {"intents": mi["intents"], "bytes": mi["bytes"], "check": check}
        targets.append(target(f"{mi['intents']:,} intents ({_size(mi['bytes'])}): check", _field(check, "wall"),
                              LIMITS["intents_s"], "s", _field(check, "stopped")))
    report["targets"] = targets
    return report


def _load(load: list[float | None]) -> str:
    """The machine's load average (1 minute) before and after: the other work that shared it."""
    if None in load:
        return "load average: unknown"
    return f"load average (1 min): {load[0]:.1f} before, {load[1]:.1f} after"


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 1e6:.1f} MB" if n_bytes >= 100_000 else f"{n_bytes / 1e3:.0f} KB"


def _cell(summary: dict[str, Any] | None) -> str:
    if summary is None:
        return "-"
    mark = ">" if summary["stopped"] else ""
    return f"{mark}{summary['wall']:.2f} ({summary['peak_mb']:.0f})"


def _value(t: dict[str, Any]) -> str:
    if t["value"] is None:
        return "-"
    mark = ">" if t["note"] and t["note"].startswith("stopped") else ""
    digits = 0 if t["unit"] == "MB" else 2
    return f"{mark}{t['value']:,.{digits}f}{t['unit'] if t['unit'] == 'x' else ' ' + t['unit']}".rstrip()


def _verdict(t: dict[str, Any]) -> str:
    word = {True: "met", False: "missed", None: "-"}[t["met"]]
    return f"{word} ({t['note']})" if t["note"] else word


def table(report: dict[str, Any]) -> str:
    """The report as text: the mazes, the times, and each target with its verdict."""
    m = report["machine"]
    lines = [f"ivrmaze check against a C-speed reference: {m['cores']} cores, Python {m['python']}, {m['date']}, "
             f"median of {m['runs']}", _load(m["load"]), "",
             f"{'nodes':>9}  {'edges':>9}  {'files':>5}  {'lines':>5}  {'states':>6}  {'MB':>6}  "
             f"{'scan s':>7}  {'work s':>7}  {'ref. process s (MB)':>19}"]
    for s in report["sizes"]:
        ref = s["reference"]
        lines.append(f"{s['nodes']:>9,}  {s['edges']:>9,}  {s['files']:>5}  {s['lines']:>5}  {s['states']:>6}  "
                     f"{s['bytes'] / 1e6:>6.1f}  {ref['scan']:>7.2f}  {ref['work']:>7.3f}  "
                     f"{ref['process']:>11.2f} ({ref['peak_mb']:.0f})")
    lines += ["", f"{'nodes':>9}  " + "  ".join(f"{name.replace('_', ' '):>16}" for name, _, _ in CHECKS)
              + "   (ivrmaze check: wall s (peak MB))"]
    for s in report["sizes"]:
        lines.append(f"{s['nodes']:>9,}  " + "  ".join(f"{_cell(s['ivrmaze'][name]):>16}" for name, _, _ in CHECKS))
    totals = [(s["nodes"], max(r["total_mb"] for r in s["ivrmaze"].values() if r)) for s in report["sizes"]
              if any(s["ivrmaze"].values())]
    lines += ["(peak: the largest process; all of a run's processes together held at most "
              + ", ".join(f"{mb:,.0f} MB at {n:,} nodes" for n, mb in totals) + ", sampled)"] if totals else []
    if "small" in report:
        sm = report["small"]
        lines += ["", f"small file: ivrmaze check {sm['file']} {_cell(sm['check'])}"
                      + (f" (unchanged, replayed: {_cell(sm['later'])})" if sm.get("later") else "")
                      + f", python -c \"{IMPORTS}\" {_cell(sm['imports'])}"]
    if "many_intents" in report:
        mi = report["many_intents"]
        lines += [f"{mi['intents']:,} intents in {_size(mi['bytes'])}: ivrmaze check {_cell(mi['check'])}"]
    width = max(len(t["what"]) for t in report["targets"]) if report["targets"] else 10
    lines += ["", f"{'target':<{width}}  {'value':>10}  {'limit':>8}  verdict"]
    for t in report["targets"]:
        limit = f"{t['limit']:g}{t['unit'] if t['unit'] == 'x' else ' ' + t['unit']}".rstrip()
        lines.append(f"{t['what']:<{width}}  {_value(t):>10}  {'<= ' + limit:>8}  {_verdict(t)}")
    return "\n".join(lines)


def _md_cell(summary: dict[str, Any] | None) -> str:
    if summary is None:
        return "-"
    mark = "> " if summary["stopped"] else ""
    return f"{mark}{summary['wall']:,.1f} ({summary['peak_mb']:,.0f})"


def markdown(report: dict[str, Any]) -> str:
    """The report as the Markdown tables of docs/performance.md."""
    lines = ["| nodes | edges | files | lines | states | MB of YAML | reference scan s | reference work s | "
             "reference process s (peak MB) |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for s in report["sizes"]:
        ref = s["reference"]
        lines.append(f"| {s['nodes']:,} | {s['edges']:,} | {s['files']} | {s['lines']} | {s['states']} | "
                     f"{s['bytes'] / 1e6:.1f} | {ref['scan']:.2f} | {ref['work']:.2f} | "
                     f"{ref['process']:.1f} ({ref['peak_mb']:,.0f}) |")
    lines += ["", "`ivrmaze check`, wall seconds (peak MB of the largest process):", "",
              "| nodes | text, first run | text, later run | JSON, first run | JSON, later run |",
              "|---:|---:|---:|---:|---:|"]
    lines += [f"| {s['nodes']:,} | " + " | ".join(_md_cell(s["ivrmaze"][name]) for name, _, _ in CHECKS) + " |"
              for s in report["sizes"]]
    lines += ["", "| target | value | limit | verdict |", "|---|---:|---:|---|"]
    for t in report["targets"]:
        limit = f"{t['limit']:g}{t['unit'] if t['unit'] == 'x' else ' ' + t['unit']}".rstrip()
        lines.append(f"| {t['what']} | {_value(t)} | {limit} | {_verdict(t)} |")
    return "\n".join(lines)
