"""Text as users may see it: a path relative to where they are, and escapes for what cannot be shown."""

from __future__ import annotations

import errno
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
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a folder that is a link loop
        return None


#: What must not reach a terminal or a JSON file raw: C0 and C1 controls (ESC starts the
#: sequences that recolour or retitle a terminal), invisible format characters (the direction
#: overrides U+202A–202E and isolates U+2066–2069 reorder the text after them), and the lone
#: surrogates by which Python keeps a file name's bytes that are not UTF-8 (GBK names from a
#: Windows zip).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with what cannot be shown written as escapes: `\x1b`, `\u200b`, and a file name's
    undecodable bytes as `\xce` (as `ls -b` shows them)."""
    return _UNPRINTABLE.sub(_escape, text) if _UNPRINTABLE.search(text) else text


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte kept by os.fsdecode's surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


#: Why reading or writing a file failed, in the user's words, by errno.
_OS_ERRORS = {
    errno.ENOSPC: "磁盘已满", errno.EDQUOT: "超出磁盘配额", errno.EROFS: "磁盘或文件夹是只读的",
    errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ELOOP: "这是一个循环的符号链接", errno.EFBIG: "文件超过了允许的大小", errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ENAMETOOLONG: "文件名太长", errno.ENOENT: "文件不存在（或是指向不存在文件的链接）", errno.EIO: "磁盘读写出错",
}


def os_error_text(error: OSError) -> str:
    """Why `error` happened, in the user's words (the system's own words when not known)."""
    return _OS_ERRORS.get(error.errno or 0) or error.strerror or str(error)
