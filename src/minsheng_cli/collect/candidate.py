"""Checking a report before it is written: the same rules as `minsheng validate`, against the
reports already in the folder, so nothing invalid ever reaches `data/progress/`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from minsheng_cli.reading import values
from minsheng_cli.collect.forms import report_stem
from minsheng_cli.reading.text import display
from minsheng_cli.repository.paths import resolved
from minsheng_cli.model.plan import Plan
from minsheng_cli.model.narrative import EvidenceLink, ItemWords
from minsheng_cli.reading.problems import Problem
from minsheng_cli.model.progress import Reading, load_progress, original_name, read_report, report_files
from minsheng_cli.reading.yamlsource import load_yaml, parse_yaml


@dataclass(frozen=True)
class Checked:
    """A report's text checked as if saved at `target`: its readings and its problems."""

    target: Path | None
    readings: list[Reading]
    problems: list[Problem]
    #: What the report says per item, and the evidence it names (see `model/narrative.py`).
    words: list[ItemWords] = dataclasses.field(default_factory=list)
    evidence: list[EvidenceLink] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def target_in(folder: Path, data: bytes) -> Path | None:
    """Where the report in `data` belongs, `folder/DATE_UNIT.yaml`, if its unit and date read."""
    doc, _ = parse_yaml(data, "")
    fields = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    unit = fields.get("unit")
    try:
        date = values.parse_date(fields.get("date"))
    except values.ValueProblem:
        return None
    return folder / f"{report_stem(unit, date)}.yaml" if isinstance(unit, str) and unit else None


def check_report(plan: Plan, folder: Path, data: bytes, *, name: str, file_name: str, today: dt.date) -> Checked:
    """Check report bytes with the reports in `folder`, leaving out the one they would replace
    and its copies (`… - 副本.yaml`, which `validate` names as copies).

    The bytes are checked from a temporary file named `file_name` (so a DATE_UNIT name is
    compared with the contents); problems in them are reported at `name`. A report that would
    undo an item's 销号 (in the adjustments file beside `folder`) is an error too.
    """
    target = target_in(folder, data)
    others = [p for p in report_files([folder]) if target is None or not _same_report(p, target)] if folder.is_dir() else []
    with tempfile.TemporaryDirectory(prefix="minsheng-") as tmp:
        staged = Path(tmp) / file_name
        staged.write_bytes(data)
        shown = display(staged)
        progress, problems = load_progress(plan, [*others, staged], today=today)
        problems += _undoing(plan, folder, progress, today, shown)
    readings = [r for history in progress.readings.values() for r in history if r.path == shown]
    words = [w for history in progress.words.values() for w in history if w.path == shown]
    evidence = [e for e in progress.evidence if e.path == shown]
    mine = [
        dataclasses.replace(p, path=name if p.path == shown else p.path, related=name if p.related == shown else p.related)
        for p in problems
        if p.path == shown or p.related == shown
    ]
    return Checked(target, readings, mine, words, evidence)


def _undoing(plan: Plan, folder: Path, progress, today: dt.date, shown: str) -> list[Problem]:
    """Errors where the staged report's figures un-meet an item the office has signed off."""
    from minsheng_cli.engine.signoffs import judge_signoffs
    from minsheng_cli.model.adjustments import adjustments_file, load_signoffs

    path = adjustments_file(Path(), folder, plan.year)
    if not path.is_file():
        return []
    placed, _ = load_signoffs(path, plan, today=today)
    if not placed:
        return []
    # The evidence of a sign-off is not this report's concern: judged as if it held (root unused).
    judged = judge_signoffs(plan, progress, placed, today, root=folder, check_evidence=False)
    return [p for p in judged.problems if p.path == shown and p.code == "signoff-undone"]


def _same_report(path: Path, target: Path) -> bool:
    """Whether `path` is the report at `target`, or a copy of it beside it."""
    if resolved(path) == resolved(target):
        return True
    return path.parent == target.parent and (original_name(path.name) or "").lower() == target.name.lower()


def readings_of(plan: Plan, path: Path, *, today: dt.date) -> list[Reading]:
    """The readings of an existing report, read on its own (for showing what a change replaces)."""
    doc, _ = load_yaml(path)
    return read_report(plan, doc, today=today)[0] if doc is not None else []
