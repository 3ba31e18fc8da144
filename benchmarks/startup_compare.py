"""Compare `minsheng status` start-up between two source trees, run by turns in one session.

    git worktree add /tmp/old-tree <commit>
    python benchmarks/startup_compare.py /tmp/old-tree/src src --runs 21

Each run is a fresh `python -m minsheng_cli status --format json` outside any repository (the
bundled plan), with PYTHONPATH set to the tree; the trees take turns so both see the same noise
of a shared machine. Prints the median and minimum of each and the ratio of the medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="the src/ folder of the earlier tree")
    parser.add_argument("after", type=Path, help="the src/ folder of the later tree")
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    times: dict[str, list[float]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as here:
        for _ in range(args.runs):
            for name, src in trees.items():
                env = dict(os.environ, PYTHONPATH=str(src))
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "minsheng_cli", "status", "--format", "json"], cwd=here, env=env,
                               capture_output=True, check=True)
                times[name].append(time.perf_counter() - start)
    for name, taken in times.items():
        print(f"{name} ({trees[name]}): median {statistics.median(taken) * 1000:.0f} ms, min {min(taken) * 1000:.0f} ms, {len(taken)} runs")
    print(f"after / before (medians): {statistics.median(times['after']) / statistics.median(times['before']):.2f}")


if __name__ == "__main__":
    main()
