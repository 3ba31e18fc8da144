"""Measure a drafted plan against data/tasks_2025.yaml: what the draft gets exactly right with no
human edit. Run from the repository: python tests/data/fenjie/measure.py

- an item is right when its number, category title, text, leader and lead unit are;
- its units when the list (names, order) is; its persons when every unit's person is;
- a numeric target (every target but milestones) when the draft has a target in the same item
  with the same kind, comparison, value, unit, baseline and part_of (names are not compared:
  the draft's name is the clause, for a person to shorten).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
FORMATS = ("xlsx", "csv", "docx")
_LEAD = re.compile(r"（牵头单位：([^（）]+)）$")


def _tasks(plan: dict) -> dict[int, tuple[str, dict]]:
    return {t["number"]: (c["title"], t) for c in plan["categories"] for t in c["tasks"]}


def _key(target: dict, targets: dict) -> tuple:
    op = "at_least" if "at_least" in target else "more_than"
    part = targets[target["part_of"]][op] if target.get("part_of") else None
    return (target["kind"], op, target[op], target["unit"], target.get("baseline"), part)


def measure(draft: dict, plan: dict) -> dict:
    ours, theirs = _tasks(plan), _tasks(draft)
    right = Counter()
    missed: list[str] = []
    extra = 0
    for number, (title, task) in ours.items():
        got_title, got = theirs.get(number, ("", {}))
        same = lambda key: got.get(key) == task.get(key)  # noqa: E731
        right["items"] += (got_title == title and same("text") and same("leader") and _LEAD.search(got.get("text", "")) is not None)
        right["units"] += same("units")
        right["persons"] += got.get("units") == task["units"] and [draft["units"].get(u) for u in got["units"]] == [plan["units"][u] for u in task["units"]]
        right["deadlines"] += same("deadline")
        wanted = [_key(t, task["targets"]) for t in task["targets"].values() if t["kind"] != "milestone"]
        offered = [_key(t, got.get("targets", {})) for t in got.get("targets", {}).values() if t["kind"] != "milestone"]
        for tid, key in zip([i for i, t in task["targets"].items() if t["kind"] != "milestone"], wanted):
            if key in offered:
                offered.remove(key)
                right["targets"] += 1
            else:
                missed.append(f"{tid} {key}")
        extra += len(offered)
    totals = {"items": len(ours), "units": len(ours), "persons": len(ours), "deadlines": len(ours),
              "targets": sum(t["kind"] != "milestone" for _, task in ours.values() for t in task["targets"].values())}
    milestones = sum(t["kind"] == "milestone" for _, task in ours.values() for t in task["targets"].values())
    return {"right": dict(right), "totals": totals, "missed": missed, "extra": extra, "milestones": milestones}


def strip_markers(text: str) -> str:
    """The draft as a reviewer who accepted every guess would leave it."""
    return re.sub(r"[ \t]*# 待核对.*$", "", text, flags=re.MULTILINE)


def draft_of(fmt: str) -> str:
    from minsheng_cli.setup.draft import draft_plan, render
    from minsheng_cli.setup.draft_tables import read_table

    path = HERE / f"分解表_2025.{fmt}"
    return render(draft_plan(read_table(path), year=2025, file_name=path.name))


def main() -> None:
    plan = yaml.safe_load((ROOT / "data" / "tasks_2025.yaml").read_text(encoding="utf-8"))
    for fmt in FORMATS:
        result = measure(yaml.safe_load(strip_markers(draft_of(fmt))), plan)
        figures = "，".join(f"{k} {result['right'].get(k, 0)}/{n}" for k, n in result["totals"].items())
        print(f"{fmt}: {figures}；多出的候选目标 {result['extra']}；定性任务 {result['milestones']} 个须人工补上")
        for line in result["missed"]:
            print(f"  未对上：{line}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
