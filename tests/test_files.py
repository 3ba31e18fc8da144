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
