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
    return text if _reads_back(text) else json.dumps(text, ensure_ascii=False)


def _reads_back(text: str) -> bool:
    """Whether `text` written plain reads back as itself as a mapping's value, in a block and
    in a flow mapping (`{name: …}`): plain letters always; other text when PyYAML says so."""
    if _PLAIN_SAFE.fullmatch(text) is not None:
        return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"
    if not text or text != text.strip() or "\n" in text or "#" in text:
        return False
    try:
        return yaml.safe_load(f"k: {text}") == {"k": text} and yaml.safe_load(f"{{k: {text}}}") == {"k": text}
    except yaml.YAMLError:
        return False
