"""Writing YAML by hand, line by line, so a file keeps its comments and order: the one writer of
a scalar that every generated file (reports, drafts) uses."""

from __future__ import annotations

import datetime as dt
import json
import re

import yaml

_PLAIN_SAFE = re.compile(r"[\w\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e·]+")
_RESOLVER = yaml.resolver.Resolver()


def scalar(value: object) -> str:
    """`value` as a YAML scalar that reads back exactly: numbers, dates, true/false and null as
    themselves; text plain where nothing could misread it (in a block or a flow mapping), else
    double-quoted (JSON's escaping is valid YAML)."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float, dt.date)):
        return str(value)
    text = str(value)
    plain = (
        _PLAIN_SAFE.fullmatch(text) is not None
        and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"
    )
    return text if plain else json.dumps(text, ensure_ascii=False)
