"""Text as users may see it: a path relative to where they are, and escapes for what cannot be shown."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path


def display(path: Path) -> str:
    """A path as users typed or see it: relative to the current folder when below it, and
    printable (see `printable`)."""
    below = _folder_below(str(path.parent), os.getcwd())
    return printable(str(path) if below is None else os.path.join(below, path.name) if below != "." else path.name)


@functools.lru_cache(maxsize=256)
def _folder_below(folder: str, cwd: str) -> str | None:
    """`folder` relative to `cwd` when it is below it (links resolved), else None. Cached: the
    reports of a folder share it, and resolving costs a system call per folder on the way."""
    try:
        return str(Path(folder).resolve().relative_to(Path(cwd).resolve()))
    except ValueError:
        return None


#: What must not reach a terminal or a JSON file raw: C0 and C1 controls (ESC starts the
#: sequences that recolour or retitle a terminal), invisible format characters, and the lone
#: surrogates by which Python keeps a file name's bytes that are not UTF-8 (GBK names from a
#: Windows zip).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with what cannot be shown written as escapes: `\x1b`, `\u200b`, and a file name's
    undecodable bytes as `\xce` (as `ls -b` shows them)."""
    return _UNPRINTABLE.sub(_escape, text) if _UNPRINTABLE.search(text) else text


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte kept by os.fsdecode's surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
