"""The benchmark scripts run, and the data they generate is valid. Timings are not asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GENERATE = ROOT / "benchmarks" / "generate.py"
RUN = ROOT / "benchmarks" / "run.py"
MINSHENG = Path(sys.executable).parent / "minsheng"

pytestmark = pytest.mark.skipif(not MINSHENG.exists(), reason="needs the installed `minsheng` next to this Python")


def _generate(out: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(GENERATE), str(out), *args], capture_output=True, text=True, timeout=120)


def _validate(out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(MINSHENG), "validate", "--plan", str(out / "tasks_2025.yaml"), "--progress", str(out / "progress"), "--strict"],
        capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )


def _reports(out: Path) -> list[Path]:
    return sorted((out / "progress").rglob("*.yaml"))


@pytest.mark.parametrize("plan_items", [None, "0"], ids=["generated-plan", "real-plan"])
def test_generated_data_validates_clean(tmp_path: Path, plan_items: str | None) -> None:
    out = tmp_path / "data"
    extra = ["--plan-items", plan_items] if plan_items is not None else []
    gen = _generate(out, "--values", "200", "--per-file", "50", "--seed", "3", *extra)
    assert gen.returncode == 0, gen.stderr
    assert len(_reports(out)) == 4
    checked = _validate(out)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == ""  # not one problem, not even a warning
    assert "检查通过" in checked.stderr


def test_generation_is_deterministic(tmp_path: Path) -> None:
    def contents(out: Path) -> dict[str, bytes]:
        return {str(p.relative_to(out)): p.read_bytes() for p in [out / "tasks_2025.yaml", *_reports(out)]}

    for name, seed in (("a", "7"), ("b", "7"), ("c", "8")):
        assert _generate(tmp_path / name, "--values", "120", "--per-file", "40", "--seed", seed).returncode == 0
    assert contents(tmp_path / "a") == contents(tmp_path / "b")
    assert contents(tmp_path / "a") != contents(tmp_path / "c")


def test_each_report_holds_per_file_values_of_one_unit(tmp_path: Path) -> None:
    import yaml

    out = tmp_path / "data"
    assert _generate(out, "--values", "130", "--per-file", "50").returncode == 0
    reports = [yaml.load(p.read_bytes(), Loader=yaml.SafeLoader) for p in _reports(out)]
    assert sorted(len(r["values"]) for r in reports) == [30, 50, 50]
    assert len({(r["unit"], r["date"]) for r in reports}) == len(reports)


def test_too_many_values_per_file_for_the_real_plan_is_refused(tmp_path: Path) -> None:
    gen = _generate(tmp_path / "data", "--values", "1000", "--per-file", "1000", "--plan-items", "0")
    assert gen.returncode == 2
    assert "per-file" in gen.stderr


def test_run_measures_every_line(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    run = subprocess.run(
        [sys.executable, str(RUN), "--scales", "100,200", "--per-file", "50", "--repeat", "1", "--warmup", "0",
         "--realistic", "3", "--realistic-units", "2", "--hostile-size", "600000", "--no-in-process",
         "--json", str(results), "--keep", str(tmp_path / "kept")],
        capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    lines = [
        "parse", "validate", "status", "status table", "overdue --by-unit",
        "import floor", "typer floor app", "status bundled", "--help", "--version",
        "ratio validate / parse", "ratio status / parse", "ratio status / validate",
        "ratio status bundled / typer floor app", "ratio --help / import floor", "ratio --version / import floor",
        "realistic: 6 reports (2 units × 3)", "status, 365 reports", "status, 36 reports", "packed-unknown-ids.yaml",
        "late-error-after-text.yaml", "200 / 100 values", "peak RSS", "goals (issue #11)",
    ]
    for line in lines:
        assert line in run.stdout, line

    data = json.loads(results.read_text(encoding="utf-8"))
    assert set(data["scales"]) == {"100", "200"}
    for scale in data["scales"].values():
        for measure in scale["measures"].values():
            assert len(measure["times"]) == 1 and measure["median"] > 0
        assert scale["measures"]["validate"]["peak_rss_mb"] > 0
    assert set(data["fixed"]["ratios"]) == {
        "status bundled / typer floor app", "typer floor app / import floor", "status bundled / import floor",
        "--help / import floor", "--version / import floor",
    }
    # Every goal is printed with a verdict; those of 1M values were not measured, so not met.
    verdicts = {row["what"]: row["verdict"] for row in data["goals"]}
    assert len(verdicts) == 14 and set(verdicts.values()) <= {"met", "not met", "not measured"}
    assert verdicts["peak memory of any command at 1M values"] == "not measured"
    assert all(verdicts[w] != "not measured" for w in verdicts if not w.endswith("1M values") and "1M" not in w)
    assert "200/100" in data["growth"]
    # The data it measured is kept with --keep, and is valid.
    for scale in ("100", "200"):
        assert _validate(tmp_path / "kept" / scale).returncode == 0


def test_phases_times_a_real_validate(tmp_path: Path) -> None:
    out = tmp_path / "data"
    assert _generate(out, "--values", "100", "--per-file", "50").returncode == 0
    phases = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "phases.py"), "validate",
         "--plan", str(out / "tasks_2025.yaml"), "--progress", str(out / "progress")],
        capture_output=True, text=True, timeout=120,
    )
    assert phases.returncode == 0, phases.stderr
    for line in ("imports", "load_yaml", "read_report", "GC pauses", "total"):
        assert line in phases.stderr, line


def test_errors_in_a_large_data_set_keep_their_exact_lines(tmp_path: Path) -> None:
    out = tmp_path / "data"
    assert _generate(out, "--values", "3000", "--per-file", "1000").returncode == 0
    victim = _reports(out)[1]
    lines = victim.read_text(encoding="utf-8").splitlines(keepends=True)
    # Break one plain number deep in the file and one near its end (a milestone's true/false
    # would be refused for another reason).
    plain = [i for i, line in enumerate(lines) if line.startswith("  ") and ": " in line and "{" not in line
             and line.split(": ", 1)[1].strip() not in ("true", "false")]
    broken = [plain[len(plain) // 2], plain[-2]]
    for i in broken:
        key = lines[i].split(":")[0]
        lines[i] = f"{key}: 12人\n"
    victim.write_text("".join(lines), encoding="utf-8")
    checked = _validate(out)
    assert checked.returncode == 1
    for i in broken:
        assert f"{victim}:{i + 1}:" in checked.stdout, checked.stdout
    assert checked.stdout.count("[unit-in-value]") == 2


def test_realistic_shape_is_valid_and_has_5_to_15_values_per_report(tmp_path: Path) -> None:
    import yaml

    out = tmp_path / "data"
    gen = _generate(out, "--realistic", "12", "--units", "3")
    assert gen.returncode == 0, gen.stderr
    reports = [yaml.load(p.read_bytes(), Loader=yaml.SafeLoader) for p in _reports(out)]
    assert len(reports) == 36 and len({r["unit"] for r in reports}) == 3
    assert all(5 <= len(r["values"]) <= 15 for r in reports)  # these units answer for 15 targets or more
    assert (out / "tasks_2025.yaml").read_bytes() == (ROOT / "data" / "tasks_2025.yaml").read_bytes()
    checked = _validate(out)
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout + checked.stderr
