"""Write a synthetic but valid data set for benchmarking `minsheng`.

    python benchmarks/generate.py OUT_DIR --values 100000 [--per-file 1000] [--seed 1] [--plan-items K]
    python benchmarks/generate.py OUT_DIR --realistic 365 [--units K] [--seed 1]

Writes OUT_DIR/tasks_2025.yaml (the plan) and OUT_DIR/progress/<unit>/<date>.yaml (the reports).
Everything is a function of the options: the same options give the same bytes.

Why a generated plan: a report's `values` holds each target id at most once, and the real 2025
plan has 74 targets, so a report of 1000 values needs a plan with at least 1000 targets that its
unit is responsible for. By default (`--plan-items` not given) the plan is generated with just
enough items that its targets number about 1.25 × --per-file, so files draw different subsets.
`--plan-items 0` uses the real plan (data/tasks_2025.yaml) instead, with --per-file at most the
number of targets a district government answers for.

Who reports: in the generated plan every item lists its lead bureau, sometimes a second bureau, and
the group 各县（市、区）政府, as most items of the real plan do; the group covers the seven district
governments, so each of them may report every target. Reports come from the units that answer for
at least --per-file targets (in the generated plan: the seven district governments), one report per
(unit, date), dates drawn without repetition from 2025-01-01 up to today (or 2025-12-31).

Values are valid by construction: a count is a non-decreasing function of the report's date alone
(so no unit's figure is ever below an earlier one, whoever reported it), rates and reductions stay
within 0–100 when their unit is %, standards are the baseline early in the year and the target
later, milestones turn true on a date of their own. About one value in ten is written in long form
`{value: …, note: …, source: …}`, and one count in a hundred with a thousands separator (`12,345`),
as office staff write them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

YEAR = 2025
REAL_PLAN = Path(__file__).resolve().parents[1] / "data" / "tasks_2025.yaml"

BUREAUS = {
    "市卫生健康局": "刘某某",
    "市民政局": "杨某某",
    "市教育局": "梁某某",
    "市市场监管局": "谢某某",
    "市人力资源社会保障局": "文某某",
    "市交通运输局": "王某某",
    "市住房城乡建设局": "江某某",
    "市发展改革局": "胡某某",
}
DISTRICTS = {
    "蓬江区": "蓬江区政府",
    "江海区": "江海区政府",
    "新会区": "新会区政府",
    "台山市": "台山市政府",
    "开平市": "开平市政府",
    "鹤山市": "鹤山市政府",
    "恩平市": "恩平市政府",
}
ALL_DISTRICTS = "各县（市、区）政府"
LEADERS = ["周某某", "曹某某", "陈某某", "林某某", "黄某某"]
TOPICS = ["养老服务", "基层医疗", "青少年心理", "底线民生", "食品安全", "教育资源", "农村污水", "就业培训", "充电设施", "出生缺陷防控"]
WORDS = ["培训", "服务点", "抽检", "筛查", "岗位", "驿站", "充电桩", "管网", "活动", "校园", "床位", "家庭医生签约"]
COUNT_UNITS = ["人次", "个", "处", "批次", "名", "场次", "所", "公里"]
#: Kind of each target, drawn with the real plan's rough proportions.
KINDS = ["count"] * 11 + ["rate"] * 2 + ["standard"] * 2 + ["reduction"] + ["milestone"] * 3
DEADLINES = ["2025-12-10"] * 6 + ["2025-06-30", "2025-09-30", "2025-12-31"]
NOTES = ["口径调整", "含上月补报", "按季度汇总", "已核对原始台账"]


@dataclass(frozen=True)
class Target:
    id: str
    kind: str
    goal: float  # the at_least / more_than figure (0 for a milestone)
    more_than: bool
    unit: str | None
    baseline: float | None
    turns_true: int  # day of year a milestone becomes true

    def value(self, day: dt.date) -> int | float | bool:
        """The figure reported on `day`: a function of the date alone, so counts never fall."""
        share = day.timetuple().tm_yday / 365
        if self.kind == "milestone":
            return share * 365 >= self.turns_true
        if self.kind == "count":
            return int(self.goal * 1.1 * share)
        if self.kind == "standard":
            early = self.baseline if self.baseline is not None else self.goal * 0.9
            return int(self.goal if share > 0.2 else early)
        low, high = (0.6, 0.5) if self.kind == "rate" else (0.3, 1.0)
        level = round(self.goal * (low + high * share), 1)
        return min(level, 100.0) if self.unit == "%" else level


@dataclass(frozen=True)
class Item:
    units: tuple[str, ...]
    targets: tuple[Target, ...]


# --- the plan ------------------------------------------------------------------------------


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _letters(i: int) -> str:
    """a, b, …, z, aa, ab, … — ids stay letters after the item number, never a YAML number."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(ord("a") + r) + s
    return s


def _make_target(rng: random.Random, tid: str, kind: str) -> Target:
    turns_true = rng.randint(30, 330)
    if kind == "milestone":
        return Target(tid, kind, 0, False, None, None, turns_true)
    more_than = rng.random() < 0.2
    if kind == "count":
        goal = rng.choice([10, 20, 50, 100, 260, 700, 1000, 1500, 2800, 6000, 31300, 70000, 334800])
        return Target(tid, kind, goal, more_than, rng.choice(COUNT_UNITS), None, turns_true)
    if kind == "rate":
        if rng.random() < 0.8:
            goal = rng.choice([40, 65, 80, 90, 95]) if more_than else rng.choice([40, 65, 80, 90, 100])
            return Target(tid, kind, goal, more_than, "%", None, turns_true)
        return Target(tid, kind, rng.choice([6.5, 12.5, 3]), more_than, "批次/千人", None, turns_true)
    if kind == "standard":
        goal = rng.choice([220, 280, 950, 1520, 2375, 7000, 10000, 580000])
        return Target(tid, kind, goal, False, "元/人/月", int(goal * 0.9), turns_true)
    return Target(tid, kind, rng.choice([3, 5, 10, 15]), more_than, "%", None, turns_true)


def generate_plan(rng: random.Random, min_targets: int, items: int | None) -> tuple[str, list[Item]]:
    """A plan with `items` items, or (items None) just enough items for `min_targets` targets."""
    bureaus = list(BUREAUS)
    plan_items: list[Item] = []
    lines: list[str] = []
    total = 0
    n = 0
    while (items is None and total < min_targets) or (items is not None and n < items):
        n += 1
        if (n - 1) % 10 == 0:
            category = (n - 1) // 10 + 1
            lines += [f"  - number: {category}", f"    title: 合成民生实事第{category}类 {TOPICS[(category - 1) % len(TOPICS)]}", "    tasks:"]
        lead = bureaus[(n - 1) % len(bureaus)]
        units = [lead]
        if rng.random() < 0.4:
            units.append(rng.choice([b for b in bureaus if b != lead]))
        units.append(ALL_DISTRICTS)
        topic = TOPICS[n % len(TOPICS)]
        targets = tuple(_make_target(rng, f"{n}{_letters(i)}", rng.choice(KINDS)) for i in range(rng.randint(2, 5)))
        total += len(targets)
        plan_items.append(Item(tuple(units), targets))
        lines += [
            f"      - number: {n}",
            f"        text: 合成事项第{n}项，推进{topic}工作，按期完成各项目标任务。（牵头单位：{lead}）",
            f"        leader: {rng.choice(LEADERS)}",
            f"        units: [{', '.join(units)}]",
            f"        deadline: {rng.choice(DEADLINES)}",
            "        targets:",
        ]
        for t in targets:
            fields = [f"name: {topic}{rng.choice(WORDS)}{t.id}", f"kind: {t.kind}"]
            if t.kind != "milestone":
                fields.append(f"{'more_than' if t.more_than else 'at_least'}: {_num(t.goal)}")
                fields.append(f"unit: {_q(t.unit) if t.unit == '%' else t.unit}")
                if t.baseline is not None:
                    fields.append(f"baseline: {_num(t.baseline)}")
            lines.append(f"          {t.id}: {{{', '.join(fields)}}}")
        lines.append("")
    head = [
        f"# 合成的基准测试计划（benchmarks/generate.py）：{n} 项，{total} 个目标。",
        f"year: {YEAR}",
        f"title: {YEAR} 年合成民生实事（基准测试）",
        "",
        "units:",
        *(f"  {u}: {p}" for u, p in BUREAUS.items()),
        *(f"  {u}: {u[:-2]}长" for u in DISTRICTS.values()),
        f"  {ALL_DISTRICTS}: 各县（市、区）长",
        "",
        "districts:",
        *(f"  {d}: {u}" for d, u in DISTRICTS.items()),
        f"all_districts: {ALL_DISTRICTS}",
        "",
        "categories:",
    ]
    return "\n".join(head + lines) + "\n", plan_items


def read_real_plan(rng: random.Random) -> tuple[str, list[Item], dict, str | None]:
    """The real 2025 plan as items (values are generated the same way for its targets)."""
    text = REAL_PLAN.read_text(encoding="utf-8")
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    items = []
    for category in data["categories"]:
        for task in category["tasks"]:
            targets = []
            for tid, t in task["targets"].items():
                more_than = "more_than" in t
                goal = t.get("more_than", t.get("at_least", 0))
                targets.append(Target(str(tid), t["kind"], goal, more_than, t.get("unit"), t.get("baseline"), rng.randint(30, 330)))
            items.append(Item(tuple(task["units"]), tuple(targets)))
    return text, items, data.get("districts", {}), data.get("all_districts")


# --- the reports ---------------------------------------------------------------------------


def _write_value(rng: random.Random, target: Target, value: int | float | bool, day: dt.date) -> str:
    text = "true" if value is True else "false" if value is False else _num(value) if isinstance(value, float) else str(value)
    r = rng.random()
    if r < 0.06:
        return f"{{value: {text}, note: {rng.choice(NOTES)}, source: 江府〔{day.year}〕{rng.randint(1, 99)}号}}"
    if r < 0.10:
        return f"{{value: {text}, note: {rng.choice(NOTES)}}}"
    if target.kind == "count" and isinstance(value, int) and value >= 1000 and r < 0.11:
        return f"{value:,}"
    return text


def _covered(items: list[Item], districts: dict[str, str], all_districts: str) -> dict[str, dict[str, Target]]:
    """Which targets each unit may report: those of the items that list it, or list a group
    covering it; a standard (a level set city-wide) only by the item's lead, listed first."""
    covered: dict[str, dict[str, Target]] = {}
    for item in items:
        for listed in item.units:
            for unit in districts.values() if listed == all_districts else [listed]:
                covered.setdefault(unit, {}).update((t.id, t) for t in item.targets if t.kind != "standard" or unit == item.units[0])
    return covered


def generate(out: Path, values: int, per_file: int = 1000, seed: int = 1, plan_items: int | None = None,
             today: dt.date | None = None) -> dict:
    """Write the data set under `out`; return what was written."""
    if values < 1 or per_file < 1:
        raise ValueError("--values and --per-file must be at least 1")
    rng = random.Random(seed)
    per_file = min(per_file, values)
    if plan_items == 0:
        plan_text, items, districts, all_districts = read_real_plan(rng)
    else:
        plan_text, items = generate_plan(rng, math.ceil(per_file * 1.25), plan_items)
        districts, all_districts = DISTRICTS, ALL_DISTRICTS

    covered = _covered(items, districts, all_districts)
    reporters = sorted(u for u, ts in covered.items() if len(ts) >= per_file)
    if not reporters:
        most = max(len(ts) for ts in covered.values())
        raise ValueError(f"no unit answers for {per_file} targets (at most {most}); lower --per-file or generate a plan")

    last = min(dt.date(YEAR, 12, 31), today or dt.date.today())
    if last.year < YEAR:
        raise ValueError(f"today ({last}) is before {YEAR}: no report date is valid")
    days = (last - dt.date(YEAR, 1, 1)).days + 1
    files = math.ceil(values / per_file)
    if files > len(reporters) * days:
        raise ValueError(f"{files} reports need that many (unit, date) pairs; only {len(reporters) * days} exist — raise --per-file")

    if out.exists():
        shutil.rmtree(out / "progress", ignore_errors=True)
    (out / "progress").mkdir(parents=True, exist_ok=True)
    (out / "tasks_2025.yaml").write_text(plan_text, encoding="utf-8")
    order = {t.id: i for i, t in enumerate(t for item in items for t in item.targets)}
    pairs = sorted(rng.sample(range(len(reporters) * days), files))
    left = values
    sizes = []
    for pair in pairs:
        unit = reporters[pair % len(reporters)]
        day = dt.date(YEAR, 1, 1) + dt.timedelta(days=pair // len(reporters))
        count = min(per_file, left)
        left -= count
        chosen = sorted(rng.sample(list(covered[unit].values()), count), key=lambda t: order[t.id])
        _write_report(out, rng, seed, unit, day, chosen)
        sizes.append(count)
    return _summary(out, items, sizes, reporters, seed) | {"per_file": per_file}


def _write_report(out: Path, rng: random.Random, seed: int, unit: str, day: dt.date, chosen: list[Target]) -> None:
    lines = [f"# 合成报告 seed={seed}", f"unit: {unit}", f"date: {day.isoformat()}", "values:"]
    lines += [f"  {t.id}: {_write_value(rng, t, t.value(day), day)}" for t in chosen]
    folder = out / "progress" / unit
    folder.mkdir(exist_ok=True)
    (folder / f"{day.isoformat()}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _summary(out: Path, items: list[Item], sizes: list[int], reporters: list[str], seed: int) -> dict:
    return {
        "plan": str(out / "tasks_2025.yaml"),
        "progress": str(out / "progress"),
        "plan_items": len(items),
        "plan_targets": sum(len(i.targets) for i in items),
        "files": len(sizes),
        "values": sum(sizes),
        "reporting_units": len(reporters),
        "seed": seed,
    }


def generate_realistic(out: Path, reports_per_unit: int, units: int | None = None, seed: int = 1,
                       today: dt.date | None = None) -> dict:
    """The shape of real use against the real plan: each reporting unit sends `reports_per_unit`
    reports spread evenly over the year (365: daily, 12: monthly), each of 5–15 of its targets
    (all of them when it answers for fewer). `units` keeps the units answering for the most
    targets (all by default)."""
    if reports_per_unit < 1:
        raise ValueError("--realistic must be at least 1")
    rng = random.Random(seed)
    plan_text, items, districts, all_districts = read_real_plan(rng)
    covered = _covered(items, districts, all_districts)
    reporters = sorted(covered, key=lambda u: (-len(covered[u]), u))[:units]
    last = min(dt.date(YEAR, 12, 31), today or dt.date.today())
    days = (last - dt.date(YEAR, 1, 1)).days + 1
    if reports_per_unit > days:
        raise ValueError(f"{reports_per_unit} reports per unit need as many dates; {days} have passed in {YEAR}")
    dates = sorted({dt.date(YEAR, 1, 1) + dt.timedelta(days=(i + 1) * days // reports_per_unit - 1) for i in range(reports_per_unit)})
    if out.exists():
        shutil.rmtree(out / "progress", ignore_errors=True)
    (out / "progress").mkdir(parents=True, exist_ok=True)
    (out / "tasks_2025.yaml").write_text(plan_text, encoding="utf-8")
    order = {t.id: i for i, t in enumerate(t for item in items for t in item.targets)}
    sizes = []
    for unit in reporters:
        mine = list(covered[unit].values())
        for day in dates:
            chosen = sorted(rng.sample(mine, min(len(mine), rng.randint(5, 15))), key=lambda t: order[t.id])
            _write_report(out, rng, seed, unit, day, chosen)
            sizes.append(len(chosen))
    return _summary(out, items, sizes, reporters, seed) | {"per_file": f"{min(sizes)}–{max(sizes)}", "reports_per_unit": len(dates)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, metavar="OUT_DIR")
    parser.add_argument("--values", type=int, default=100_000, help="total values across all reports [100000]")
    parser.add_argument("--per-file", type=int, default=1000, help="values per report [1000]")
    parser.add_argument("--seed", type=int, default=1, help="random seed [1]")
    parser.add_argument("--plan-items", type=int, default=None,
                        help="items of the generated plan [just enough for 1.25 × --per-file targets]; 0 = the real 2025 plan")
    parser.add_argument("--realistic", type=int, metavar="N",
                        help="instead: the real plan, N reports per unit spread over the year (365 daily, 12 monthly), "
                             "5–15 values each; --values, --per-file and --plan-items are ignored")
    parser.add_argument("--units", type=int, default=None, help="with --realistic: only the N units answering for the most targets")
    args = parser.parse_args(argv)
    try:
        if args.realistic is not None:
            info = generate_realistic(args.out, args.realistic, args.units, args.seed)
        else:
            info = generate(args.out, args.values, args.per_file, args.seed, args.plan_items)
    except ValueError as e:
        print(f"generate.py: {e}", file=sys.stderr)
        return 2
    print(f"{info['files']} reports, {info['values']} values ({info['per_file']} per file) from "
          f"{info['reporting_units']} units against {info['plan_items']} items / {info['plan_targets']} targets")
    print(f"plan:     {info['plan']}\nprogress: {info['progress']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
