"""The cores this process may use: its CPU affinity (a container's or ``taskset``'s limit), else
every core of the machine. One place for the analyzers' second process (:mod:`.worker`) and
onnxruntime's threads (:mod:`.persuasion.encoder`); importing it loads nothing else."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """Cores this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
