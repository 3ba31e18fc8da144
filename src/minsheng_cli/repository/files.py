"""Writing a user's file safely: whole or not at all, and never over different content unasked.

Every command that writes (a report, a form, a bulletin, the 台账) goes through `write_file`, so
a crash, a full disk or a second writer can never leave a half-written or lost file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import time
from enum import Enum
from pathlib import Path

from minsheng_cli.reading.text import os_error_text


class Outcome(str, Enum):
    WRITTEN = "written"  # the file did not exist
    REPLACED = "replaced"  # it existed with other content, and replacing was allowed
    UNCHANGED = "unchanged"  # it already held exactly these bytes
    REFUSED = "refused"  # it holds other content and replacing was not allowed


class CannotWrite(OSError):
    """A file that could not be written, with the reason in the user's words (`strerror`);
    every file is as it was before."""


def _cannot(error: OSError, path: Path) -> CannotWrite:
    return CannotWrite(error.errno or 0, os_error_text(error), str(path))


#: A temporary file of `write_file` (`.NAME.XXXXXXXX.tmp`), left behind when a write was
#: killed before its rename.
_TEMP = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp")
#: A temporary file older than this is stray: a write takes well under a second, and one that
#: is younger may belong to a write still under way in another process.
STRAY_AFTER_SECONDS = 600


def write_file(path: Path, data: bytes, *, replace: bool = False) -> Outcome:
    """Write `data` to `path` atomically: a temporary file in the same folder, flushed to disk,
    then renamed over the target, so readers see the old file or the new one, never a part.

    An existing file with other content is left alone unless `replace` is true. A write that
    cannot be made (a full or read-only disk, a folder or a link loop at `path`) raises
    CannotWrite and leaves every file as it was; stray temporary files of writes killed
    earlier in the folder are removed first.
    """
    existing = existing_bytes(path)
    if existing == data:
        return Outcome.UNCHANGED
    if existing is not None and not replace:
        return Outcome.REFUSED
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stray_temp_files(path.parent)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise _cannot(e, path) from e
    try:
        # mkstemp makes the file readable by its owner only; the file keeps its old mode, or a
        # new one gets the mode any program would give it, so colleagues can still read it.
        os.chmod(temp, _mode_of(path))
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(e, OSError):
            raise _cannot(e, path) from e
        raise
    _sync_folder(path.parent)
    return Outcome.WRITTEN if existing is None else Outcome.REPLACED


def existing_bytes(path: Path) -> bytes | None:
    """The bytes of the file at `path`, or None when there is none; CannotWrite when something
    else is there (a folder, a link in a loop) or it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        if path.is_symlink():  # a link to nothing: writing would go wherever it points
            raise CannotWrite(errno.ENOENT, "这是一个指向不存在文件的符号链接", str(path)) from None
        return None
    except OSError as e:
        raise _cannot(e, path) from e


def temp_files(folder: Path) -> list[Path]:
    """The temporary files of writes in `folder` and the folders below it: those that
    interrupted writes left, and any of a write under way."""
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root) / name for name in sorted(names) if _TEMP.fullmatch(name)]
    return found


def remove_stray_temp_files(folder: Path) -> None:
    """Remove what interrupted writes left in `folder` (not below it): they are never a user's file."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        now = time.time()
        for entry in entries:
            if _TEMP.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > STRAY_AFTER_SECONDS:
                        os.unlink(entry.path)


def _mode_of(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no folder handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
