"""Write hostile reports: each as large as the loader accepts, built to make checking slow.

    python benchmarks/hostile.py OUT_DIR [--size BYTES]

Each file is up to --size bytes (default: the loader's limit, 8 MiB) and is wrong; `run.py`
times `minsheng validate` on each (goal: at most 3 s each, whatever it holds). Two kinds:

- *packed*: millions of entries (650k unknown target ids, 1M repeated keys, 4M nested lists);
  refused before composing (`too-many-entries`);
- *just under* the entry limit (`MAX_STRUCTURE` structure marks), padded to the size with
  comments or text: every entry composed and checked, at most 200 problems listed;
- *late error*: a syntax error at the end, after megabytes of comments or of a block of text,
  with guesses that match but do not explain it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from minsheng_cli.reading.yamlsource import MAX_FILE_BYTES, MAX_STRUCTURE

HEAD = "unit: 市卫生健康局\ndate: 2025-06-30\nvalues:\n"
COMMENT = "  # 说明：本行只是填充，用来把文件撑到上限大小\n"


def _fill(head: str, line, count: int | None, size: int, *, pad: str = "", tail: str = "") -> bytes:
    """`head`, then `line(i)` for i < count (or while it fits), then `pad` repeated to `size`,
    then `tail`."""
    parts, used = [head], len(head.encode()) + len(tail.encode())
    i = 0
    while count is None or i < count:
        text = line(i)
        if used + len(text.encode()) > size:
            break
        parts.append(text)
        used += len(text.encode())
        i += 1
    if pad:
        parts.append(pad * ((size - used) // len(pad.encode())))
    parts.append(tail)
    return "".join(parts).encode()


def hostile_files(size: int = MAX_FILE_BYTES) -> dict[str, tuple[bytes, str]]:
    """File name -> (bytes, the problem code `validate` must give)."""
    under = MAX_STRUCTURE - 100  # structure marks just under the limit (the head has a few)
    return {
        "packed-unknown-ids.yaml": (_fill(HEAD, lambda i: f"  x{i}: 1\n", None, size), "too-many-entries"),
        "packed-duplicate-keys.yaml": (_fill(HEAD, lambda i: "  1a: 1\n", None, size), "too-many-entries"),
        "packed-deep-lists.yaml": (_fill(HEAD + "  1a:\n", lambda i: "  - " + "[" * 30 + "1" + "]" * 30 + "\n", None, size), "too-many-entries"),
        "under-unknown-ids.yaml": (_fill(HEAD, lambda i: f"  x{i}: 1\n", under, size, pad=COMMENT), "too-many-problems"),
        "under-top-level-keys.yaml": (_fill("", lambda i: f"k{i}: 1\n", under, size, pad="# 填充\n"), "too-many-problems"),
        "under-anchors.yaml": (_fill(HEAD, lambda i: f"  x{i}: &a{i} 1\n", under // 2, size, pad=COMMENT), "yaml-anchor"),
        "late-error-after-comments.yaml": (_fill(HEAD + "  1a: 820\n", lambda i: "", 0, size, pad=COMMENT, tail="  1b\t5：x\n  1c\u00a0：[y] z\n  ]]]\n"), "yaml-syntax"),
        "late-error-after-text.yaml": (_fill("unit: 市卫生健康局\ndate: 2025-06-30\nnote: |\n", lambda i: "", 0, size,
                                             pad="  说明文字说明文字说明文字说明文字\n", tail="values:\n  1a: 820\n  1b：5\n"), "yaml-syntax"),
        "long-number.yaml": (_fill(HEAD + "  1a: ", lambda i: "", 0, size, pad="1", tail="\n"), "not-a-number"),
    }


def write(out: Path, size: int = MAX_FILE_BYTES) -> dict[str, str]:
    """Write the files into `out`; return file path -> expected problem code."""
    out.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, (data, code) in hostile_files(size).items():
        assert len(data) <= size, name
        (out / name).write_bytes(data)
        expected[str(out / name)] = code
    return expected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, metavar="OUT_DIR")
    parser.add_argument("--size", type=int, default=MAX_FILE_BYTES, help=f"bytes per file [{MAX_FILE_BYTES}]")
    args = parser.parse_args(argv)
    for path, code in write(args.out, args.size).items():
        print(f"{path}  → {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
