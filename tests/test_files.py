"""Safe writes: whole files, no silent overwrite, nothing left behind on failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from minsheng_cli.repository.files import Outcome, write_file


def test_a_new_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "r.yaml"
    assert write_file(target, b"a: 1\n") is Outcome.WRITTEN
    assert target.read_bytes() == b"a: 1\n"


def test_the_same_bytes_again_change_nothing(tmp_path: Path) -> None:
    target = tmp_path / "r.yaml"
    write_file(target, b"a: 1\n")
    before = target.stat().st_mtime_ns
    assert write_file(target, b"a: 1\n") is Outcome.UNCHANGED
    assert target.stat().st_mtime_ns == before


def test_other_content_is_refused_unless_replacing(tmp_path: Path) -> None:
    target = tmp_path / "r.yaml"
    write_file(target, b"a: 1\n")
    assert write_file(target, b"a: 2\n") is Outcome.REFUSED
    assert target.read_bytes() == b"a: 1\n"
    assert write_file(target, b"a: 2\n", replace=True) is Outcome.REPLACED
    assert target.read_bytes() == b"a: 2\n"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    target = tmp_path / "r.yaml"
    write_file(target, b"a: 1\n")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_file(target, b"a: 2\n", replace=True)
    assert target.read_bytes() == b"a: 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


def test_a_written_file_is_as_readable_as_any_other(tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    try:
        target = tmp_path / "r.yaml"
        write_file(target, b"a: 1\n")
        assert target.stat().st_mode & 0o777 == 0o644
        target.chmod(0o640)
        write_file(target, b"a: 2\n", replace=True)
        assert target.stat().st_mode & 0o777 == 0o640  # a replaced file keeps its mode
    finally:
        os.umask(umask)


# --- faults of a real file system (#18) -----------------------------------------------------------

import errno  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

from conftest import run_in_small_filesystem  # noqa: E402
from minsheng_cli.repository.files import STRAY_AFTER_SECONDS, CannotWrite, temp_files  # noqa: E402


def test_a_folder_where_the_file_should_be_is_refused(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").mkdir()
    with pytest.raises(CannotWrite) as refused:
        write_file(tmp_path / "r.yaml", b"a: 1\n")
    assert refused.value.strerror == "这是一个文件夹，不是文件"
    assert (tmp_path / "r.yaml").is_dir()


def test_a_link_loop_where_the_file_should_be_is_refused(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").symlink_to("r.yaml")
    with pytest.raises(CannotWrite) as refused:
        write_file(tmp_path / "r.yaml", b"a: 1\n")
    assert refused.value.errno == errno.ELOOP and refused.value.strerror == "这是一个循环的符号链接"
    assert (tmp_path / "r.yaml").is_symlink()


def test_a_link_to_nothing_is_not_written_through(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").symlink_to(tmp_path / "elsewhere" / "x.yaml")
    with pytest.raises(CannotWrite):
        write_file(tmp_path / "r.yaml", b"a: 1\n")
    assert not (tmp_path / "elsewhere").exists()


def test_a_file_too_large_for_the_process_is_refused_whole(tmp_path: Path) -> None:
    # A real process whose files the kernel limits to 4 KiB (RLIMIT_FSIZE): the write of 64 KiB
    # fails in the middle, as on a full disk; the old file stays and no temporary is left.
    target = tmp_path / "r.yaml"
    target.write_bytes(b"old\n")
    script = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from minsheng_cli.repository.files import CannotWrite, write_file\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
        "try:\n"
        "    write_file(Path(sys.argv[1]), b'x' * 65536, replace=True)\n"
        "except CannotWrite as e:\n"
        "    print(e.strerror)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(target)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "文件超过了允许的大小"
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


def test_a_full_disk_is_refused_and_the_old_file_kept(tmp_path: Path) -> None:
    # 64 KiB of tmpfs holding a 40 KiB file: a second write of 40 KiB does not fit beside it.
    script = (
        "import sys; from pathlib import Path\n"
        "from minsheng_cli.repository.files import CannotWrite, write_file\n"
        "try:\n"
        "    write_file(Path('r.yaml'), b'n' * 40960, replace=True)\n"
        "except CannotWrite as e:\n"
        "    print('refused:', e.strerror)\n"
    )
    done = run_in_small_filesystem(tmp_path, "head -c 40960 /dev/zero | tr '\\0' o > r.yaml", [sys.executable, "-c", script])
    assert "refused: 磁盘已满" in done.stdout, done.stdout + done.stderr
    assert done.stdout.endswith("== r.yaml 40960 ooo\n"), "the old file is whole and nothing else is there"


def test_a_read_only_disk_is_refused(tmp_path: Path) -> None:
    script = (
        "from pathlib import Path\n"
        "from minsheng_cli.repository.files import CannotWrite, write_file\n"
        "try:\n"
        "    write_file(Path('r.yaml'), b'new', replace=True)\n"
        "except CannotWrite as e:\n"
        "    print('refused:', e.strerror)\n"
    )
    done = run_in_small_filesystem(tmp_path, "echo old > r.yaml", [sys.executable, "-c", script], read_only=True)
    assert "refused: 磁盘或文件夹是只读的" in done.stdout, done.stdout + done.stderr
    assert done.stdout.endswith("== r.yaml 4 old\n")


def _stray(folder: Path, name: str, *, age: float) -> Path:
    path = folder / name
    path.write_bytes(b"half a rep")
    os.utime(path, (time.time() - age, time.time() - age))
    return path


def test_what_an_interrupted_write_left_is_cleaned_on_the_next_write(tmp_path: Path) -> None:
    old = _stray(tmp_path, ".2025-10-31_市教育局.yaml.k2j4_x9a.tmp", age=STRAY_AFTER_SECONDS + 60)
    other = _stray(tmp_path, ".2025-09-30_市民政局.yaml.abcdefgh.tmp", age=STRAY_AFTER_SECONDS + 60)
    young = _stray(tmp_path, ".2025-10-31_市教育局.yaml.zzzzzzzz.tmp", age=1)  # perhaps a write under way
    mine = _stray(tmp_path, ".notes.tmp", age=STRAY_AFTER_SECONDS + 60)  # not a name write_file makes
    write_file(tmp_path / "r.yaml", b"a: 1\n")
    assert not old.exists() and not other.exists()
    assert young.exists() and mine.exists()
    assert temp_files(tmp_path) == [young]


def test_a_write_killed_midway_leaves_a_temporary_that_the_next_write_removes(tmp_path: Path) -> None:
    # A real process killed (SIGKILL) between writing its temporary file and renaming it.
    target = tmp_path / "r.yaml"
    target.write_bytes(b"old\n")
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from minsheng_cli.repository import files\n"
        "def stop(src, dst):\n"
        "    print('written', flush=True)\n"
        "    os.kill(os.getpid(), 9)\n"
        "files.os.replace = stop\n"
        "files.write_file(Path(sys.argv[1]), b'new\\n', replace=True)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(target)], capture_output=True, text=True, timeout=60)
    assert done.returncode == -9 and "written" in done.stdout
    left = temp_files(tmp_path)
    assert len(left) == 1 and left[0].read_bytes() == b"new\n" and target.read_bytes() == b"old\n"
    os.utime(left[0], (time.time() - STRAY_AFTER_SECONDS - 60,) * 2)
    write_file(tmp_path / "other.yaml", b"b: 1\n")
    assert temp_files(tmp_path) == []
