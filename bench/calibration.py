"""The machine's speed in one number, printed beside every benchmark's figures.

Figures from different machines (or the same machine under different load) are not
comparable; this one makes the difference visible: the seconds a plain Python loop of
ten million additions takes here, now. Best of three, so a neighbour's burst does not
count as the machine being slow.
"""

from __future__ import annotations

import os
import time

LOOP = 10_000_000


def additions_loop_seconds(repeat: int = 3) -> float:
    """Best time of ``repeat`` runs of ``for i in range(10M): total += i``."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        total = 0
        for i in range(LOOP):
            total += i
        best = min(best, time.perf_counter() - started)
    return best


def load_average() -> float:
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except OSError:
        return float("nan")


def machine_line() -> str:
    """One line that says how fast this machine is right now, for a benchmark's output."""
    return (f"machine: a 10M-additions Python loop takes {additions_loop_seconds():.2f} s (best of 3); "
            f"load average {load_average():.1f}; {os.cpu_count()} CPUs")
