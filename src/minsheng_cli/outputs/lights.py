"""The colours of the lights (亮灯), in one table for every output.

What light an item shows is the engine's decision (`engine.rules.light_of`); here is only how
each light looks: a fill for cells, an ink for lines and bold leads, a style for a terminal.
Grey is the one colour that is not a light: an item with nothing reported has no figures to
judge, whatever its light.
"""

from __future__ import annotations

from minsheng_cli.engine.rules import STATUS_LIGHTS

#: Light fills (RRGGBB) dark text stays readable on, also when printed in greyscale.
FILL = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE", "grey": "E0E0E0", "blue": "BDD7EE"}
#: Strong colours for lines and marks (the charts' 序时进度 line is grey).
INK = {"green": "2E7D32", "yellow": "B7791F", "red": "C62828", "grey": "757575", "blue": "1F4E79"}
#: Styles of status cells in a terminal; machine formats carry no colour.
TERMINAL = {"green": "green", "yellow": "yellow", "red": "bold red", "blue": "blue", "grey": "bright_black"}


def light_of_item(status: str, light: str | None) -> str | None:
    """The colour an item's cell gets: grey where nothing is reported, else the engine's light
    (or, without one, the light its status always has; None where the status alone does not
    decide it)."""
    if status == "not_reported":
        return "grey"
    return light or STATUS_LIGHTS.get(status)
