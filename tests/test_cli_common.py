"""The options every command that reads statuses shares are declared once (`@input_options`),
so show, status, overdue, bulletin and export accept the same ones and read them the same way."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES

SHARED = ("--unit", "--leader", "--status", "--category", "--plan", "--year", "--progress", "--as-of",
          "--allow-invalid", "--tolerance", "--due-soon-days", "--stale-days")


@pytest.mark.parametrize("command", ["show", "status", "overdue", "bulletin", "export"])
def test_every_status_command_takes_the_shared_options(run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0, result.output
    for option in SHARED:
        assert option in result.output, (command, option)


def _status_of_item_2(run, *options: str) -> dict[str, str]:
    import json

    args = ("--progress", str(EXAMPLES), "--as-of", "2025-09-30", *options)
    status = json.loads(run("status", "--format", "json", *args).stdout)
    show = json.loads(run("show", "2", "--format", "json", *args).stdout)
    overdue = json.loads(run("overdue", "--include-behind", "--format", "json", *args).stdout)
    listed = {t["no"]: t["status"] for t in overdue["tasks"]}
    return {"status": status["tasks"][1]["status"], "show": show["status"], "overdue": listed.get(2, "not listed")}


def test_shared_options_reach_the_engine_in_every_command(run) -> None:
    """Item 2 of the illustrative set is behind on 09-30 by the default 10 points, and on track
    when 50 points are tolerated: each command reads --tolerance (and the day, the reports) alike."""
    assert _status_of_item_2(run) == {"status": "behind", "show": "behind", "overdue": "behind"}
    assert _status_of_item_2(run, "--tolerance", "50") == {"status": "on_track", "show": "on_track", "overdue": "on_track"}
