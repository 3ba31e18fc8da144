"""The office profile (`data/office.yaml`): who sends the documents minsheng writes.

Every key is optional; a document leaves out what the profile does not say (a bulletin without
`name` has no 版头 and no 落款)::

    name: 江门市人民政府督查室          # 版头、落款、催报通知的发文机关
    masthead: 民生实事督办通报           # 版头的名称（红色大字）
    send_to: [各县（市、区）人民政府, 市直有关单位]   # 主送
    copy_to: [市委办公室, 市人大常委会办公室]        # 抄送
    issue:                             # 期号规则：第一期的截至日期和期号，此后每月一期
      first: 2025-01-31
      number: 1
    phone: 0750-3500000                # 联系电话
    liaison: 张三                      # 联系人
    reply_days: 5                      # 填报表、催报通知：截至日期后几天内报回

Checked like the plan, each problem at its file:line:column (`repository.office` reads it).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from minsheng_cli.reading.fields import Date, Model, Text

#: Days after the period's end that a unit has to send its figures, when the profile says none.
REPLY_DAYS = 5


class IssueRule(Model):
    """期号: the bulletin of `first` is 第 `number` 期; one issue a month after it."""

    first: Date
    number: Annotated[int, Field(ge=1)] = 1


class Office(Model):
    """The office that issues the bulletin and chases the reports."""

    name: Text | None = None
    masthead: Text | None = None
    send_to: list[Text] = []
    copy_to: list[Text] = []
    issue: IssueRule | None = None
    phone: Text | None = None
    liaison: Text | None = None
    reply_days: Annotated[int, Field(ge=0, le=60)] = REPLY_DAYS
    note: Text | None = None

    def issue_number(self, as_of: dt.date) -> int | None:
        """The bulletin's 期号 for `as_of`: months since the first issue, plus its number; None
        without a rule or before the first issue."""
        if self.issue is None:
            return None
        months = (as_of.year - self.issue.first.year) * 12 + as_of.month - self.issue.first.month
        return self.issue.number + months if months >= 0 else None

    def reply_by(self, period_end: dt.date) -> dt.date:
        """The day figures for a period ending `period_end` are due back."""
        return period_end + dt.timedelta(days=self.reply_days)
