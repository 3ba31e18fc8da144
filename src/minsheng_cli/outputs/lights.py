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
    # An item's own light (see `light_of_item`) stands for itself.
    "green": "green", "yellow": "yellow", "red": "red", "blue": "blue", "grey": "grey",
}

#: Light fills (RRGGBB) dark text stays readable on, also when printed in greyscale.
FILL = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE", "grey": "E0E0E0", "blue": "BDD7EE"}
#: Strong colours for lines and marks (the charts' 序时进度 line is grey).
INK = {"green": "2E7D32", "yellow": "B7791F", "red": "C62828", "grey": "757575", "blue": "1F4E79"}


def light_of_item(status: str, light: str | None) -> str:
    """The colour an item's cell gets: the engine's light (蓝灯 for done, the plan's bands for
    the rest), grey where nothing is reported; by the status alone where there is no light."""
    if status == "not_reported":
        return "grey"
    return light or LIGHT[status]
