"""The 红黄绿灯 habit: which light each status shows, and the colours of the lights."""

from __future__ import annotations

#: As the terminal tables colour them: done and on track green, behind and done late yellow,
#: overdue red, nothing reported grey.
LIGHT = {
    "done": "green",
    "done_late": "yellow",
    "on_track": "green",
    "behind": "yellow",
    "overdue": "red",
    "not_reported": "grey",
}

#: Light fills (RRGGBB) dark text stays readable on, also when printed in greyscale.
FILL = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE", "grey": "E0E0E0"}
#: Strong colours for lines and marks (the charts' 序时进度 line is grey).
INK = {"green": "2E7D32", "yellow": "B7791F", "red": "C62828", "grey": "757575"}
