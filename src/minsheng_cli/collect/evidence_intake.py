"""Evidence sent with a report, on its way in (`import --evidence`, `record --evidence`): the
files checked and placed under `data/evidence/DATE_UNIT/`, the report's links to them, and the
files written just before the report, so a report never names a file that is not there."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from minsheng_cli.collect.candidate import Checked
from minsheng_cli.model.narrative import EvidenceLink
from minsheng_cli.reading.problems import Problem
from minsheng_cli.repository.evidence import Stored, check_links, prepare, store
from minsheng_cli.repository.files import Outcome


def intake(root: Path | None, checked: Checked, files: Iterable[Path], name: str,
           locate: Callable[[Problem, str], Problem] | None = None) -> tuple[list[EvidenceLink], list[Stored], list[Problem]]:
    """The report's evidence links (those it names, which must be in the repository unchanged,
    and one per file sent), the files to write, and the problems that refuse them."""
    files = list(files)
    links = list(checked.evidence)
    if not links and not files:
        return [], [], []
    assert root is not None and checked.target is not None, "evidence needs the repository's root and the report's place"
    stored, problems = prepare(root, files, checked.target.stem)
    problems = [locate(p, name) if locate and p.path == name else p for p in check_links(root, links)] + problems
    first = checked.readings[0]
    named = {e.file for e in links}
    links += [EvidenceLink(s.file, s.sha256, first.unit, first.date, None) for s in stored if s.file not in named]
    return links, stored, problems


def keep(stored: list[Stored], name: str, *, replace: bool = False) -> list[Problem]:
    """Write the files; a problem when one of that name with other content is kept already."""
    clash = [s.file for s, outcome in store(stored, replace=replace) if outcome is Outcome.REFUSED]
    if not clash:
        return []
    return [Problem(name, 0, 0, "evidence-exists", f"仓库中已有同名但内容不同的佐证材料：{'、'.join(clash)}", "改名后再导入，或确要替换时加 --replace")]
