"""Text as users see it: escapes for what would reorder or hide the text around it."""

from __future__ import annotations

import errno

import pytest

from minsheng_cli.reading.text import os_error_text, printable


@pytest.mark.parametrize("char", ["\u2066", "\u2067", "\u2068", "\u2069", "\u202e", "\u200f"])
def test_direction_controls_are_escaped(char: str) -> None:
    assert printable(f"已完成{char}820 人") == f"已完成\\u{ord(char):04x}820 人"


def test_chinese_and_ordinary_punctuation_are_left_alone() -> None:
    assert printable("江卫〔2025〕12号（已完成）") == "江卫〔2025〕12号（已完成）"


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "磁盘已满"), (errno.EROFS, "只读"), (errno.ELOOP, "循环的符号链接"), (errno.EISDIR, "文件夹")])
def test_file_system_errors_in_the_users_words(code: int, words: str) -> None:
    assert words in os_error_text(OSError(code, "system words"))


def test_an_error_not_known_keeps_the_systems_words() -> None:
    assert os_error_text(OSError(errno.ETXTBSY, "Text file busy")) == "Text file busy"
