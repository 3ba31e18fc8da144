"""The plan's `rules:`: thresholds over the defaults, command-line options over both."""

from __future__ import annotations

import json

import pytest

from earlywarning import WARNING_PLAN, plan_problems, report
from conftest import PLAN_FILE, write
from minsheng_cli.model.plan import Rules
from minsheng_cli.engine.rules import Settings, settings_for

PLAN_HEAD = PLAN_FILE.read_text(encoding="utf-8")


def test_without_rules_the_defaults_apply() -> None:
    assert settings_for(None) == Settings(tolerance=0.10, due_soon_days=30, stale_days=45, yellow=0.10, red=0.30, light_by="points", escalation_months=2)
    assert settings_for(Rules()) == Settings()


def test_rules_replace_the_defaults_they_name() -> None:
    rules = Rules.model_validate({"tolerance": 5, "lights": {"by": "share", "yellow": 0, "red": 50}, "escalation_months": 3})
    s = settings_for(rules)
    assert (s.tolerance, s.yellow, s.red, s.light_by, s.escalation_months) == (0.05, 0.0, 0.5, "share", 3)
    assert (s.due_soon_days, s.stale_days) == (30, 45)


def test_options_given_override_the_rules() -> None:
    rules = Rules.model_validate({"tolerance": 5, "due_soon_days": 10, "stale_days": 20})
    s = settings_for(rules, tolerance=25, due_soon_days=0, stale_days=None)
    assert (s.tolerance, s.due_soon_days, s.stale_days) == (0.25, 0, 20)


def _with_rules(text: str) -> str:
    return PLAN_HEAD.replace("\nunits:\n", f"\n{text}\nunits:\n", 1)


@pytest.mark.parametrize(("rules", "code", "line_text"), [
    ("rules:\n  lights: {yellow: 40, red: 30}", "bad-lights", "lights:"),
    ("rules:\n  tolerance: 120", "out-of-range", "tolerance"),
    ("rules:\n  lights: {by: percent}", "not-allowed", "lights:"),
    ("rules:\n  tolerence: 10", "unknown-field", "tolerence"),
    ("rules:\n  escalation_months: 0", "out-of-range", "escalation_months"),
])
def test_bad_rules_are_named_at_their_line(rules: str, code: str, line_text: str) -> None:
    text = _with_rules(rules)
    plan, problems = plan_problems(text)
    assert plan is None
    [problem] = [p for p in problems if p.code == code]
    assert line_text in text.splitlines()[problem.line - 1]


def test_rules_accept_percent_thresholds_as_written() -> None:
    plan, problems = plan_problems(_with_rules("rules:\n  tolerance: 15\n  lights: {by: share, yellow: 0, red: 50}"))
    assert plan is not None, problems
    assert plan.rules.lights.red == 50


def test_the_command_uses_the_plans_rules_unless_an_option_is_given(run, tmp_path) -> None:
    # 序时 60%, 45 built: 15 points below. The plan's tolerance is 10: 进度滞后.
    write(tmp_path / "progress" / "r.yaml", report("2025-03-01", "甲局", **{"1a": 45}))
    args = ("--plan", str(WARNING_PLAN), "--progress", str(tmp_path / "progress"), "--as-of", "2025-03-02", "--format", "json")
    assert json.loads(run("status", *args).stdout)["tasks"][0]["status"] == "behind"
    assert json.loads(run("status", *args, "--tolerance", "20").stdout)["tasks"][0]["status"] == "on_track"
    loose = tmp_path / "tasks_2025.yaml"
    write(loose, WARNING_PLAN.read_text(encoding="utf-8").replace("tolerance: 10", "tolerance: 20"))
    looser = ("--plan", str(loose), *args[2:])
    assert json.loads(run("status", *looser).stdout)["tasks"][0]["status"] == "on_track"
    assert json.loads(run("status", *looser, "--tolerance", "10").stdout)["tasks"][0]["status"] == "behind"
