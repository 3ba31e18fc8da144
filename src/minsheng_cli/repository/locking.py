"""One writer at a time in a folder of reports.

`record` and `import` read a report, change it and write it back; two at once could each read
the old file and the second would lose the first one's value. They hold this lock around the
whole read-check-write. On POSIX the folder itself is locked (flock), so no lock file is left
among the reports; on Windows a `.minsheng.lock` file in the folder is locked with msvcrt.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (created if missing), waiting for other holders."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        import fcntl

        fd = os.open(folder, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock
    else:  # pragma: no cover - Windows
        import msvcrt
        import time

        with open(folder / ".minsheng.lock", "a+b") as f:
            while True:
                try:
                    f.seek(0)
                    msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
                    break
                except OSError:
                    time.sleep(0.05)
            try:
                yield
            finally:
                f.seek(0)
                msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)
