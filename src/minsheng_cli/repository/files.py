"""Writing a user's file safely: whole or not at all, and never over different content unasked.

Every command that writes (a report, a form, a bulletin, the 台账) goes through `write_file`, so
a crash, a full disk or a second writer can never leave a half-written or lost file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from enum import Enum
from pathlib import Path


class Outcome(str, Enum):
    WRITTEN = "written"  # the file did not exist
    REPLACED = "replaced"  # it existed with other content, and replacing was allowed
    UNCHANGED = "unchanged"  # it already held exactly these bytes
    REFUSED = "refused"  # it holds other content and replacing was not allowed


def write_file(path: Path, data: bytes, *, replace: bool = False) -> Outcome:
    """Write `data` to `path` atomically: a temporary file in the same folder, flushed to disk,
    then renamed over the target, so readers see the old file or the new one, never a part.

    An existing file with other content is left alone unless `replace` is true.
    """
    existing = _read_or_none(path)
    if existing == data:
        return Outcome.UNCHANGED
    if existing is not None and not replace:
        return Outcome.REFUSED
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file readable by its owner only; the file keeps its old mode, or a
        # new one gets the mode any program would give it, so colleagues can still read it.
        os.chmod(temp, _mode_of(path))
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(path.parent)
    return Outcome.WRITTEN if existing is None else Outcome.REPLACED


def _mode_of(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no folder handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
