"""销号: the office's record that an item is accepted as complete, kept in the adjustments
file beside the extensions::

    signoffs:
      - task: 3                          # 事项序号
        date: 2025-10-15                 # 销号日期
        by: 市委督查室                     # 销号单位或人
        document: 督查销号〔2025〕3号       # 销号文件或会议
        evidence:                        # 核验的佐证材料（仓库内的文件及其 SHA-256）
          - {file: data/evidence/2025-09-30_市民政局/验收单.pdf, sha256: …}

The shape is checked here; whether the figures met the targets on that date and the evidence
still matches its hash is judged by `engine/signoffs.py`, which reads the reports and files.
"""

from __future__ import annotations

from typing import Annotated, NamedTuple

from pydantic import Field

from minsheng_cli.model.narrative import EvidenceRef
from minsheng_cli.reading.fields import Date, Model, Text


class SignOff(Model):
    """One 销号 of an item."""

    task: Annotated[int, Field(ge=1)]
    date: Date
    by: Text
    document: Text
    evidence: list[EvidenceRef] = []


class Placed(NamedTuple):
    """A sign-off with where it is written, for messages that name it."""

    signoff: SignOff
    path: str
    line: int
    column: int
    #: (line, column) of each of its evidence entries.
    evidence_at: tuple[tuple[int, int], ...] = ()

    def words(self) -> str:
        """`2025-10-15 市委督查室 督查销号〔2025〕3号（adjustments_2025.yaml:12）`"""
        s = self.signoff
        return f"{s.date} {s.by} {s.document}（{self.path}:{self.line}）"
