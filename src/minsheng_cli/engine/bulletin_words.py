"""The units' own words in the bulletin, as facts: for each laggard the lead unit's latest
进展情况 and 存在问题, every open 需协调事项, and how many finished items are 销号.

Built beside `engine/bulletin.py` and carried in its `Bulletin.words`; laid out by
`outputs/bulletin_words.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from minsheng_cli.engine.signoffs import CLOSURE_LABELS, closure_counts
from minsheng_cli.engine.status import StatusReport
from minsheng_cli.model.narrative import ItemWords, latest_words, open_requests
from minsheng_cli.model.plan import Plan, Task
from minsheng_cli.model.progress import Progress


@dataclass(frozen=True)
class Request:
    """A standing 需协调事项: which item, which unit asked, on which date, for what."""

    task: Task
    words: ItemWords


@dataclass(frozen=True)
class BulletinWords:
    #: Each lagging item's lead unit's latest words (进展情况 or 存在问题 given), by item number.
    quotes: dict[int, ItemWords] = field(default_factory=dict)
    requests: tuple[Request, ...] = ()
    #: 已销号 and 待销号 counts (keys of `CLOSURE_LABELS`).
    closure: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CLOSURE_LABELS, 0))


def bulletin_words(plan: Plan, progress: Progress, now: StatusReport, as_of: dt.date, lagging: tuple[str, ...]) -> BulletinWords:
    """The words of the items in `now` (the bulletin's selection) as of `as_of`."""
    quotes = {}
    for s in now.tasks:
        if s.status not in lagging or s.task.lead_unit is None:
            continue
        w = latest_words(progress.words.get(s.task.number, []), s.task.lead_unit, as_of)
        if w is not None and (w.progress or w.problems):
            quotes[s.task.number] = w
    shown = {s.task.number for s in now.tasks}
    words = {n: ws for n, ws in progress.words.items() if n in shown}
    requests = tuple(Request(plan.task(w.task), w) for w in open_requests(words, as_of))  # type: ignore[arg-type]
    return BulletinWords(quotes, requests, closure_counts(now))
