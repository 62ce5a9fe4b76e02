"""Shared by the benchmarks: time a callable, print a table, write bench/results/<name>.json.

Each figure is a dict with name, value, unit, target, baseline (or None) and met, so that a
run on a noisy 2-core machine can be judged by ratios against a bare baseline measured in
the same run.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def timings_ms(work: Callable[[], Any], *, runs: int = 50, warmup: int = 5) -> list[float]:
    for _ in range(warmup):
        work()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def p50(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18]


def figure(
    name: str, value: float, unit: str, target: str, met: bool, baseline: float | None = None
) -> dict[str, Any]:
    return {
        "name": name,
        "value": round(value, 3),
        "unit": unit,
        "target": target,
        "baseline": None if baseline is None else round(baseline, 3),
        "met": met,
    }


def report(bench: str, figures: list[dict[str, Any]]) -> None:
    width = max(len(f["name"]) for f in figures)
    print(f"\n{bench}")
    print(f"{'figure':<{width}}  {'value':>10}  {'baseline':>10}  {'target':<22} met")
    for f in figures:
        baseline = "" if f["baseline"] is None else f"{f['baseline']:.2f}"
        value = f"{f['value']:.2f} {f['unit']}"
        print(f"{f['name']:<{width}}  {value:>10}  {baseline:>10}  {f['target']:<22} {f['met']}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{bench}.json").write_text(json.dumps(figures, indent=2) + "\n")
