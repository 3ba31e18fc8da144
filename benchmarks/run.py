"""Time `minsheng` against a bare YAML parse of the same files, and its start-up against its imports.

    python benchmarks/run.py --scales 100000,1000000 --repeat 3   # the figures in benchmarks/README.md
    python benchmarks/run.py --values 200 --per-file 50 --repeat 1

For each scale (total values across the reports), a data set is generated into a temporary folder
(benchmarks/generate.py, same seed) and these are timed, each in a fresh subprocess, median of
--repeat runs after --warmup unmeasured ones, with the peak RSS of that subprocess (os.wait4):

  parse          python -c: yaml.load(f, Loader=yaml.CSafeLoader) on every report file, nothing else
  validate       minsheng validate --plan … --progress …
  status         minsheng status --plan … --progress … --as-of 2025-12-31 --format json
  status table   the same as a table; overdue --by-unit: minsheng overdue --by-unit …

and the same work in this process, after a warm-up, without interpreter start-up and imports:

  parse (in-process)      the same loop of yaml.load calls
  validate (in-process)   the `minsheng validate …` command through its Typer app
  status (in-process)     the `minsheng status …` command through its Typer app

Then the realistic shape (benchmarks/generate.py --realistic: reports of 5–15 values against the
real plan, each unit daily), one unit's 365 daily reports against its 36, and `validate` on each
hostile file (benchmarks/hostile.py). Once, independent of scale:

  import floor     python -c "import typer, pydantic, yaml, rich.table"
  typer floor app  python benchmarks/floor_app.py status: the same imports, the same options, no work
  status bundled   minsheng status, in the repository root, no options (the bundled 2025 plan)
  --help           minsheng --help
  --version        minsheng --version

The commands are the installed ones: `minsheng` next to this Python (sys.executable's bin folder).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402
import hostile  # noqa: E402

AS_OF = "2025-12-31"
PARSE_SCRIPT = """\
import sys, yaml
from pathlib import Path
files = sorted(p for p in Path(sys.argv[1]).rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
for p in files:
    with open(p, "rb") as f:
        yaml.load(f, Loader=yaml.CSafeLoader)
"""
IMPORT_FLOOR = "import typer, pydantic, yaml, rich.table"


@dataclass
class Measure:
    name: str
    times: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)  # peak RSS of each measured subprocess
    command: list[str] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def peak_mb(self) -> float | None:
        return max(self.rss_kb) / 1024 if self.rss_kb else None

    def summary(self) -> dict:
        d = asdict(self)
        d.update(median=self.median, min=min(self.times), max=max(self.times), peak_rss_mb=self.peak_mb)
        return d


def minsheng_command() -> str:
    """The installed `minsheng` next to this interpreter (a venv's bin folder), else on PATH."""
    here = Path(sys.executable).parent / ("minsheng.exe" if os.name == "nt" else "minsheng")
    if here.exists():
        return str(here)
    found = shutil.which("minsheng")
    if found is None:
        sys.exit("run.py: no `minsheng` next to this Python or on PATH; pip install -e . first")
    return found


#: Set by main(): whether to hand the measured commands this process's environment untouched,
#: and where their bytecode cache goes otherwise.
INHERIT_ENV = False
PYCACHE: Path | None = None


def _env() -> dict[str, str]:
    """The environment of every measured command: a user's, not a container's.

    PYTHONUNBUFFERED (set in many Docker images and CI runners) makes every write to stdout a
    system call; PYTHONDONTWRITEBYTECODE makes an editable install recompile its modules on every
    start. Both are dropped, and bytecode is cached under a temporary PYTHONPYCACHEPREFIX (filled
    by the warm-up run) so nothing is written into the repository or the venv. --inherit-env
    measures with the environment as it is instead.
    """
    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)  # validate would switch to GitHub annotations
    env["NO_COLOR"] = "1"
    if not INHERIT_ENV:
        env.pop("PYTHONUNBUFFERED", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if PYCACHE is not None:
            env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


#: Runs one command and writes "seconds max_rss_kib exit_code" to the file named first. It exists
#: because the peak RSS the kernel reports for a child (ru_maxrss) is at least the RSS of the process
#: that spawned it: spawned straight from this process (which has imported pydantic and parsed
#: 100k values in-process), every command would show this process's peak. The launcher is a bare
#: `python -S -E` (about 8 MB, below every measured command); its own start-up is not timed.
LAUNCHER = """\
import os, sys, time
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
with open(sys.argv[1], "w") as f:
    f.write(f"{elapsed!r} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run_once(command: list[str], cwd: Path | None = None) -> tuple[float, int, int, str]:
    """Wall time, peak RSS (KiB) and exit code of one fresh subprocess, measured by the launcher;
    stdout and stderr go to temporary files (no pipe to drain); the start of stderr is returned
    for error messages."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "result"
        launcher = subprocess.run([sys.executable, "-S", "-E", "-c", LAUNCHER, str(result), *command],
                                  stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd, env=_env())
        err.seek(0)
        message = err.read(4000).decode("utf-8", "replace")
        if launcher.returncode != 0 and not result.exists():
            sys.exit(f"run.py: could not run `{' '.join(command)}`:\n{message}")
        elapsed, rss, code = result.read_text().split()
        return float(elapsed), int(rss), int(code), message


def time_commands(commands: dict[str, tuple[list[str], Path | None]], repeat: int, warmup: int,
                  ok: tuple[int, ...] = (0,)) -> dict[str, Measure]:
    """Run every command `warmup` times unmeasured, then `repeat` times round-robin, so a drift of
    the machine (another job, CPU frequency) touches each command alike."""
    measures = {name: Measure(name, command=cmd) for name, (cmd, _) in commands.items()}
    for round_ in range(warmup + repeat):
        for name, (cmd, cwd) in commands.items():
            elapsed, rss, code, err = run_once(cmd, cwd)
            if code not in ok:
                sys.exit(f"run.py: `{' '.join(cmd)}` exited {code}:\n{err}")
            if round_ >= warmup:
                measures[name].times.append(elapsed)
                measures[name].rss_kb.append(rss)
    return measures


def time_in_process(name: str, func, repeat: int, warmup: int) -> Measure:
    measure = Measure(name)
    for round_ in range(max(warmup, 1) + repeat):
        start = time.perf_counter()
        func()
        elapsed = time.perf_counter() - start
        if round_ >= max(warmup, 1):
            measure.times.append(elapsed)
    return measure


def parse_all(folder: Path) -> None:
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    for p in files:
        with open(p, "rb") as f:
            yaml.load(f, Loader=yaml.CSafeLoader)


def cli_in_process(args: list[str]) -> None:
    """One `minsheng` command through its Typer app in this process, output discarded."""
    from minsheng_cli.cli import app

    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(io.StringIO()):
        code = app(args=args, standalone_mode=False, prog_name="minsheng")
    if code not in (None, 0):
        raise SystemExit(f"run.py: in-process `minsheng {' '.join(args)}` returned {code}")


# --- the runs ------------------------------------------------------------------------------


def bench_scale(data: Path, info: dict, repeat: int, warmup: int, in_process: bool) -> dict:
    exe = minsheng_command()
    plan, progress = data / "tasks_2025.yaml", data / "progress"
    validate = ["validate", "--plan", str(plan), "--progress", str(progress)]
    status = ["status", "--plan", str(plan), "--progress", str(progress), "--as-of", AS_OF, "--format", "json"]
    table = ["status", "--plan", str(plan), "--progress", str(progress), "--as-of", AS_OF]
    overdue = ["overdue", "--by-unit", "--plan", str(plan), "--progress", str(progress), "--as-of", AS_OF]
    # The JSON of `status` must be the command's real output, not an error: check once.
    check = subprocess.run([exe, *status], capture_output=True, env=_env())
    if check.returncode != 0 or not check.stdout.lstrip().startswith(b"{"):
        sys.exit(f"run.py: status failed ({check.returncode}): {check.stderr.decode(errors='replace')[:2000]}")
    measures = time_commands(
        {
            "parse": ([sys.executable, "-c", PARSE_SCRIPT, str(progress)], None),
            "validate": ([exe, *validate], None),
            "status": ([exe, *status], None),
            "status table": ([exe, *table], None),
            "overdue --by-unit": ([exe, *overdue], None),
        },
        repeat, warmup,
    )
    if in_process:
        measures["parse (in-process)"] = time_in_process("parse (in-process)", lambda: parse_all(progress), repeat, warmup)
        measures["validate (in-process)"] = time_in_process("validate (in-process)", lambda: cli_in_process(validate), repeat, warmup)
        measures["status (in-process)"] = time_in_process("status (in-process)", lambda: cli_in_process(status), repeat, warmup)
    ratios = {
        "validate / parse": measures["validate"].median / measures["parse"].median,
        "status / parse": measures["status"].median / measures["parse"].median,
        "status / validate": measures["status"].median / measures["validate"].median,
        "status table / validate": measures["status table"].median / measures["validate"].median,
        "overdue --by-unit / validate": measures["overdue --by-unit"].median / measures["validate"].median,
    }
    if in_process:
        ratios["validate / parse (in-process)"] = measures["validate (in-process)"].median / measures["parse (in-process)"].median
        ratios["status / parse (in-process)"] = measures["status (in-process)"].median / measures["parse (in-process)"].median
    return {"data": info, "status_json_bytes": len(check.stdout), "measures": measures, "ratios": ratios}


def bench_realistic(data: Path, info: dict, repeat: int, warmup: int) -> dict:
    """The realistic shape: parse, validate and status of reports of 5–15 values against the real plan."""
    exe = minsheng_command()
    plan, progress = data / "tasks_2025.yaml", data / "progress"
    measures = time_commands(
        {
            "parse": ([sys.executable, "-c", PARSE_SCRIPT, str(progress)], None),
            "validate": ([exe, "validate", "--plan", str(plan), "--progress", str(progress)], None),
            "status": ([exe, "status", "--plan", str(plan), "--progress", str(progress), "--as-of", AS_OF, "--format", "json"], None),
            "status table": ([exe, "status", "--plan", str(plan), "--progress", str(progress), "--as-of", AS_OF], None),
        },
        repeat, warmup,
    )
    ratios = {
        "validate / parse": measures["validate"].median / measures["parse"].median,
        "status / validate": measures["status"].median / measures["validate"].median,
        "status table / validate": measures["status table"].median / measures["validate"].median,
    }
    return {"data": info, "measures": measures, "ratios": ratios}


def bench_daily(folder: Path, repeat: int, warmup: int) -> dict:
    """One unit reporting daily (365 reports) against the same unit every ten days (36)."""
    exe = minsheng_command()
    commands = {}
    for reports in (36, 365):
        data = folder / f"one-unit-{reports}"
        generate.generate_realistic(data, reports, units=1)
        commands[f"status, {reports} reports"] = (
            [exe, "status", "--plan", str(data / "tasks_2025.yaml"), "--progress", str(data / "progress"), "--as-of", AS_OF, "--format", "json"], None)
    measures = time_commands(commands, repeat, warmup)
    return {"measures": measures, "ratios": {"365 / 36 reports": measures["status, 365 reports"].median / measures["status, 36 reports"].median}}


def bench_hostile(folder: Path, repeat: int, warmup: int, size: int) -> dict:
    """`validate` on each hostile file (benchmarks/hostile.py), which must fail with its problem."""
    exe = minsheng_command()
    expected = hostile.write(folder, size)
    commands = {Path(path).name: ([exe, "validate", "--plan", str(generate.REAL_PLAN), path], None) for path in expected}
    for path, code in expected.items():
        out = subprocess.run([exe, "validate", "--plan", str(generate.REAL_PLAN), path], capture_output=True, env=_env())
        if out.returncode != 1 or f"[{code}]".encode() not in out.stdout:
            sys.exit(f"run.py: {path} did not give [{code}] ({out.returncode}):\n{out.stdout[:2000].decode(errors='replace')}")
    measures = time_commands(commands, repeat, warmup, ok=(1,))
    slowest = max(measures.values(), key=lambda m: m.median)
    return {"measures": measures, "ratios": {}, "slowest": slowest.name, "slowest_s": slowest.median}


def bench_fixed(repeat: int, warmup: int) -> dict:
    exe = minsheng_command()
    measures = time_commands(
        {
            "import floor": ([sys.executable, "-c", IMPORT_FLOOR], None),
            "typer floor app": ([sys.executable, str(HERE / "floor_app.py"), "status"], ROOT),
            "status bundled": ([exe, "status"], ROOT),
            "--help": ([exe, "--help"], None),
            "--version": ([exe, "--version"], None),
        },
        repeat, warmup,
    )
    floor = measures["import floor"].median
    ratios = {
        "status bundled / typer floor app": measures["status bundled"].median / measures["typer floor app"].median,
        "typer floor app / import floor": measures["typer floor app"].median / floor,
        "status bundled / import floor": measures["status bundled"].median / floor,
        "--help / import floor": measures["--help"].median / floor,
        "--version / import floor": measures["--version"].median / floor,
    }
    return {"measures": measures, "ratios": ratios}


# --- printing ------------------------------------------------------------------------------


def _row(m: Measure) -> str:
    peak = f"{m.peak_mb:8.1f}" if m.peak_mb is not None else "       –"
    return f"  {m.name:<32}{m.median:10.4f}{min(m.times):10.4f}{max(m.times):10.4f}   {peak}"


def print_table(title: str, result: dict) -> None:
    print(f"\n{title}")
    print(f"  {'':<32}{'median s':>10}{'min s':>10}{'max s':>10}   {'peak MB':>8}")
    for m in result["measures"].values():
        print(_row(m))
    for name, value in result["ratios"].items():
        print(f"  ratio {name:<36}{value:8.2f}×")


def machine() -> dict:
    cpu = platform.processor() or ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = {}
    for package in ("minsheng", "pydantic", "pydantic_core", "PyYAML", "typer", "rich"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            versions[package] = version(package)
    git = {}
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"], capture_output=True, text=True, timeout=10)
        if head.returncode == 0:
            git = {"commit": head.stdout.strip(), "src_modified": bool(dirty.stdout.strip())}
    return {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "git": git,
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "versions": versions,
        "minsheng": minsheng_command(),
    }


def goals(results: dict) -> list[dict]:
    """Each goal of issue #11 with what was measured and whether it is met; a goal whose
    measurement was not run (or not at its scale) is `not measured`, never met."""
    rows: list[dict] = []

    def goal(number: str, what: str, value: float | None, limit: float, unit: str = "×", note: str = "") -> None:
        verdict = "not measured" if value is None else "met" if value <= limit else "not met"
        shown = "–" if value is None else f"{value:.2f}{unit}"
        rows.append({"goal": number, "what": what, "measured": value, "limit": limit, "verdict": verdict,
                     "text": f"{shown} (≤ {limit:g}{unit}){' ' + note if note else ''}"})

    scales = results["scales"]
    small, large = "100000", "1000000"
    have = small in scales and large in scales
    commands = ("status", "status table", "overdue --by-unit")
    for name in commands:
        grow = scales[large]["measures"][name].median / scales[small]["measures"][name].median if have else None
        goal("1", f"`{name}`: time at 1M / time at 100k values", grow, 11)
        ratio = scales[large]["measures"][name].median / scales[large]["measures"]["validate"].median if have else None
        goal("1", f"`{name}` / `validate` at 1M values", ratio, 1.5)
    peak = max(m.peak_mb for n, m in scales[large]["measures"].items() if n != "parse" and m.peak_mb) if large in scales else None
    goal("1", "peak memory of any command at 1M values", peak, 300, " MB")
    real = results.get("realistic")
    goal("2", "realistic shape: `validate` / bare parse", real["ratios"]["validate / parse"] if real else None, 1.5)
    goal("2", "realistic shape: `status` / `validate`", real["ratios"]["status / validate"] if real else None, 1.3)
    daily = results.get("daily")
    goal("3", "`status`: one unit's 365 daily reports / its 36 reports", daily["ratios"]["365 / 36 reports"] if daily else None, 2)
    bad = results.get("hostile")
    goal("4", "slowest hostile 8 MiB file, `validate`", bad["slowest_s"] if bad else None, 3, " s", f"({bad['slowest']})" if bad else "")
    fixed = results["fixed"]["ratios"]
    goal("5", "`status` bundled / typer floor app", fixed["status bundled / typer floor app"], 1.25)
    goal("5", "`--help` / import floor", fixed["--help / import floor"], 0.8)
    goal("5", "`--version` / import floor", fixed["--version / import floor"], 0.8)
    return rows


def _jsonable(obj):
    if isinstance(obj, Measure):
        return obj.summary()
    if isinstance(obj, dict):
        return {k: _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_jsonable(v) for v in obj]
    return obj


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", help="comma-separated totals of values, e.g. 1000,10000,100000 [--values]")
    parser.add_argument("--values", type=int, default=100_000, help="total values when --scales is not given [100000]")
    parser.add_argument("--per-file", type=int, default=1000, help="values per report file [1000]")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--plan-items", type=int, default=None, help="as for generate.py; 0 = the real 2025 plan")
    parser.add_argument("--repeat", type=int, default=5, help="measured runs of each command; the median is reported [5]")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured runs first (file cache, .pyc) [1]")
    parser.add_argument("--no-in-process", action="store_true", help="skip the in-process timings")
    parser.add_argument("--inherit-env", action="store_true",
                        help="run the commands in this environment as is (by default PYTHONUNBUFFERED and "
                             "PYTHONDONTWRITEBYTECODE are dropped and bytecode cached in a temporary folder)")
    parser.add_argument("--realistic", type=int, default=365, metavar="N",
                        help="the realistic shape: N reports per unit of the real plan, 5–15 values each [365: daily]; 0 skips it")
    parser.add_argument("--realistic-units", type=int, default=None, metavar="K", help="only K units report [all 40]")
    parser.add_argument("--no-daily", action="store_true", help="skip the daily reporter (365 against 36 reports of one unit)")
    parser.add_argument("--no-hostile", action="store_true", help="skip the hostile 8 MiB files")
    parser.add_argument("--hostile-size", type=int, default=hostile.MAX_FILE_BYTES, help=argparse.SUPPRESS)  # smaller, for tests
    parser.add_argument("--keep", type=Path, metavar="DIR", help="generate into DIR/<scale> and keep it")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every timing to FILE")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    scales = [int(s.replace("_", "")) for s in args.scales.split(",")] if args.scales else [args.values]

    global INHERIT_ENV, PYCACHE
    INHERIT_ENV = args.inherit_env
    info = machine()
    info["environment"] = "inherited" if INHERIT_ENV else "clean: no PYTHONUNBUFFERED / PYTHONDONTWRITEBYTECODE, temporary PYTHONPYCACHEPREFIX"
    print(f"minsheng benchmark — {info['date']}, {info['nproc']} CPUs ({info['cpu']}), Python {info['python']}, "
          f"libyaml {'yes' if info['libyaml'] else 'NO'}; repeat {args.repeat}, warm-up {args.warmup}")
    git = info["git"]
    if git:
        print(f"source: commit {git['commit']}{' with uncommitted changes in src/' if git['src_modified'] else ''}")
    print(f"command: {info['minsheng']}; environment: {info['environment']}")
    results: dict = {"machine": info, "options": vars(args) | {"keep": str(args.keep), "json": str(args.json)}, "scales": {}}

    with tempfile.TemporaryDirectory(prefix="minsheng-bench-") as tmp:
        PYCACHE = Path(tmp) / "pycache"
        for scale in scales:
            data = (args.keep or Path(tmp)) / str(scale)
            gen = generate.generate(data, scale, args.per_file, args.seed, args.plan_items)
            result = bench_scale(data, gen, args.repeat, args.warmup, not args.no_in_process)
            results["scales"][str(scale)] = result
            print_table(f"{scale} values: {gen['files']} reports × {gen['per_file']} values, plan of "
                        f"{gen['plan_items']} items / {gen['plan_targets']} targets; status JSON "
                        f"{result['status_json_bytes'] / 1e6:.1f} MB", result)

        if args.realistic:
            data = (args.keep or Path(tmp)) / "realistic"
            gen = generate.generate_realistic(data, args.realistic, args.realistic_units, args.seed)
            results["realistic"] = bench_realistic(data, gen, args.repeat, args.warmup)
            print_table(f"realistic: {gen['files']} reports ({gen['reporting_units']} units × {gen['reports_per_unit']}) of "
                        f"{gen['per_file']} values, {gen['values']} values, against the real plan", results["realistic"])
        if not args.no_daily:
            results["daily"] = bench_daily((args.keep or Path(tmp)) / "daily", args.repeat, args.warmup)
            print_table("one unit reporting daily against every ten days (real plan)", results["daily"])
        if not args.no_hostile:
            results["hostile"] = bench_hostile((args.keep or Path(tmp)) / "hostile", args.repeat, args.warmup, args.hostile_size)
            print_table("hostile files at the 8 MiB limit: `validate` (exit 1, the expected problem)", results["hostile"])

        fixed = bench_fixed(args.repeat, args.warmup)
        results["fixed"] = fixed
        print_table("start-up (independent of scale)", fixed)
        floor_kb = max(run_once(["true"])[1] for _ in range(3))

    if len(scales) > 1:
        growth = {}
        print("\ngrowth (time at the larger scale / time at the smaller)")
        for small, large in zip(scales, scales[1:]):
            key = f"{large}/{small}"
            a, b = results["scales"][str(small)]["measures"], results["scales"][str(large)]["measures"]
            growth[key] = {"values ×": large / small} | {name: b[name].median / a[name].median for name in a}
            print(f"  {large} / {small} values ({large / small:g}× values):")
            for name in a:
                print(f"    {name:<26}{growth[key][name]:8.2f}×")
        results["growth"] = growth

    results["launcher_rss_mb"] = floor_kb / 1024
    print(f"\nRSS floor of the measuring launcher (`true` run through it): {floor_kb / 1024:.1f} MB — "
          "a peak below this could not be seen")
    peaks = [m.peak_mb for r in [*results["scales"].values(), fixed] for m in r["measures"].values() if m.peak_mb]
    print(f"peak RSS of any measured subprocess: {max(peaks):.1f} MB")
    results["goals"] = goals(results)
    print("\ngoals (issue #11)")
    for row in results["goals"]:
        print(f"  {row['goal']}  {row['what']:<58}{row['text']:<28}{row['verdict']}")
    if args.json:
        args.json.write_text(json.dumps(_jsonable(results), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"results written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
