"""Wall-clock time of each phase of one real `minsheng` command, with the GC pauses inside each.

    python benchmarks/phases.py validate --plan OUT/tasks_2025.yaml --progress OUT/progress
    python benchmarks/phases.py status --plan … --progress … --as-of 2025-12-31 -f json > /dev/null

Runs the command once, in this fresh process, through its Typer app. A few internal functions are
wrapped with timers. Each is called about once per file, so the wrapping costs next to nothing,
unlike cProfile, which inflates every call from C or Rust into Python. GC pauses are added up
through `gc.callbacks`. The phases are printed to stderr. Phases whose function no longer exists
are skipped: the script is tied to the internals of minsheng_cli as they were when it was written.
"""

from __future__ import annotations

import gc
import sys
import time

START = time.perf_counter()
GC = {"time": 0.0, "count": 0, "since": 0.0}


def _gc(phase: str, info: dict) -> None:
    if phase == "start":
        GC["since"] = time.perf_counter()
    else:
        GC["time"] += time.perf_counter() - GC["since"]
        GC["count"] += 1


gc.callbacks.append(_gc)

from minsheng_cli.validation import checking
from minsheng_cli import cli
from minsheng_cli.model import progress
from minsheng_cli.engine import status
from minsheng_cli.outputs import views
from minsheng_cli.reading import yamlsource  # noqa: E402

IMPORTS = time.perf_counter() - START
TOTALS: dict[str, list[float]] = {}


def _timed(label: str, func):
    def wrapper(*args, **kwargs):
        start, gc_start = time.perf_counter(), GC["time"]
        try:
            return func(*args, **kwargs)
        finally:
            total = TOTALS.setdefault(label, [0.0, 0, 0.0])
            total[0] += time.perf_counter() - start
            total[1] += 1
            total[2] += GC["time"] - gc_start

    return wrapper


def _wrap(module, name: str, label: str) -> None:
    if hasattr(module, name):
        setattr(module, name, _timed(label, getattr(module, name)))


_wrap(checking, "load_plan", "plan: load_plan (validate)")
_wrap(cli, "_load_plan", "plan: _load_plan (status)")
_wrap(progress, "load_yaml", "reports: load_yaml (read, decode, compose, walk)")
_wrap(progress, "read_report_words", "reports: read_report (schema + per-value checks, texts, evidence)")
_wrap(progress, "_validate", "  of which _validate (pydantic Report)")
_wrap(progress, "_history", "history: sort, duplicates, decreases")
_wrap(status, "compute_status", "status: compute_status")
_wrap(views, "status_view", "status: status_view")
if hasattr(yamlsource, "_Loader"):
    _Base = yamlsource._Loader

    class _TimedLoader(_Base):  # type: ignore[misc, valid-type]
        get_single_node = _timed("  of which compose (libyaml + Python resolver)", _Base.get_single_node)

    yamlsource._Loader = _TimedLoader
try:
    from minsheng_cli.outputs import terminal as render

    render.RENDERERS = {k: _timed(f"output: render {k}", f) for k, f in render.RENDERERS.items()}
except (ImportError, AttributeError):
    pass


def main() -> int:
    command_start = time.perf_counter()
    try:
        code = cli.app(args=sys.argv[1:], standalone_mode=False, prog_name="minsheng")
    finally:
        sys.stdout.flush()
        end = time.perf_counter()
        out = sys.stderr
        print(f"\n{'phase':<52}{'ms':>9}  {'calls':>6}  {'GC ms':>7}", file=out)
        print(f"{'imports (after interpreter start)':<52}{IMPORTS * 1000:9.1f}", file=out)
        for label, (seconds, calls, gc_seconds) in TOTALS.items():
            print(f"{label:<52}{seconds * 1000:9.1f}  {calls:6d}  {gc_seconds * 1000:7.1f}", file=out)
        print(f"{'command (after imports)':<52}{(end - command_start) * 1000:9.1f}", file=out)
        print(f"{'GC pauses, whole run':<52}{GC['time'] * 1000:9.1f}  {GC['count']:6d}", file=out)
        print(f"{'total (after interpreter start)':<52}{(end - START) * 1000:9.1f}", file=out)
    return code or 0


if __name__ == "__main__":
    sys.exit(main())
