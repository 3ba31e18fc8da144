"""Pydantic's validation errors, turned into problems at their place in the YAML file."""

from __future__ import annotations

import difflib
import re
import unicodedata
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from yaml.nodes import ScalarNode

from minsheng_cli.reading.problems import Problem
from minsheng_cli.reading.yamlsource import (
    LOOKALIKE_SPACES, MAX_PROBLEMS_PER_FILE, YAML_READING, Document, Suspect, load_yaml, space_name, too_many_problems,
)

_TYPE_WORDS = {
    "string_type": "文本",
    "int_type": "整数",
    "bool_type": "true 或 false",
    "dict_type": "“键: 值”形式的映射",
    "list_type": "列表（[a, b] 或逐行 - a）",
    "model_type": "“键: 值”形式的映射",
}


_INVISIBLE = re.compile(r"[\s\u3000]")


def _spaces_named(word: str) -> str:
    """The kinds of space in `word`, as users should be told them: 空格, 全角空格, …"""
    found = dict.fromkeys(c for c in word if _INVISIBLE.fullmatch(c))
    return "、".join("空格" if c == " " else space_name(c) for c in found)


def suggest(word: str, choices: Iterable[str]) -> str:
    """A "did you mean" hint, or the empty string when nothing is close."""
    choices = list(choices)
    bare = _INVISIBLE.sub("", word)
    if bare != word and bare in choices:
        return f"多了{_spaces_named(word)}，应为 `{bare}`"
    narrow = unicodedata.normalize("NFKC", word)
    if narrow != word and narrow in choices:
        return f"用了全角字符，应为半角的 `{narrow}`"
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"是否想写 `{close[0]}`？" if close else ""


def _typed_reading(value: Any) -> str:
    if isinstance(value, Suspect):
        return value.reading
    if isinstance(value, bool):
        return YAML_READING["tag:yaml.org,2002:bool"]
    if isinstance(value, int):
        return "整数"
    if isinstance(value, float):
        return "小数"
    if value is None:
        return "空值"
    return "日期" if hasattr(value, "isoformat") else type(value).__name__


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel]:
    """The model whose fields are expected at `loc` inside `model` (list indexes and dict keys
    of the path pass through to the element's model)."""
    for step in loc:
        field = model.model_fields.get(step) if isinstance(step, str) else None
        if field is None:
            continue
        inner = _models_in(field.annotation)
        if not inner:
            break
        model = inner[0]
    return model


def problems_from_validation(doc: Document, error: ValidationError, root: type[BaseModel]) -> list[Problem]:
    """One problem per pydantic error, placed at the node the error's path leads to.

    A typo such as `vaule:` shows as an unknown key and a missing `value`; it is reported once,
    as the unknown key with the suggestion.
    """
    errors = error.errors(include_url=False)
    unlisted = errors[MAX_PROBLEMS_PER_FILE:]
    errors = errors[:MAX_PROBLEMS_PER_FILE]
    misspelt = {
        (tuple(e["loc"][:-1]), close)
        for e in errors
        if e["type"] == "extra_forbidden"
        for close in difflib.get_close_matches(str(e["loc"][-1]), list(model_at(root, tuple(e["loc"][:-1])).model_fields), n=1, cutoff=0.6)
    }
    problems = []
    for e in errors:
        loc = tuple(e["loc"])
        if e["type"] == "missing" and (loc[:-1], loc[-1]) in misspelt:
            continue
        problems.append(_problem(doc, e, loc, root))
    if unlisted:
        first = doc.problem(tuple(unlisted[0]["loc"]), "", "")
        problems.append(too_many_problems(doc.path, first.line, first.column, len(unlisted)))
    return problems


def _problem(doc: Document, e: Any, loc: tuple[Any, ...], root: type[BaseModel]) -> Problem:
    kind = e["type"]
    ctx = e.get("ctx") or {}
    if kind == "missing":
        return doc.problem(loc[:-1], "missing-field", f"缺少必填字段 `{loc[-1]}`", "请按模板补上这一项")
    if kind == "extra_forbidden":
        if re.fullmatch(r"[0-9]{3}", str(loc[-1])):
            return doc.problem(loc, "unknown-field", f"未知字段 `{loc[-1]}`：{{…}} 里数字的千分位逗号把它拆成了两段", "写 1500 而不是 1,500，或给整个数加引号 '1,500'", key=True)
        key = str(loc[-1])
        after = re.search(f":([{LOOKALIKE_SPACES}])", key)
        if after:
            fix = f"冒号“:”后面是{space_name(after.group(1))}，不是半角空格"
            return doc.problem(loc, "unknown-field", f"未知字段 `{key}`：{fix}", f"写成 `{key.split(':')[0]}: {key.split(':', 1)[1].strip()}`", key=True)
        for colon, fix in ((":", "冒号“:”后面要加一个空格"), ("：", "这里用了中文全角冒号“：”，要用英文半角冒号“:”加一个空格")):
            if colon in key:
                return doc.problem(loc, "unknown-field", f"未知字段 `{key}`：{fix}", f"写成 `{key.split(colon)[0]}: {key.split(colon, 1)[1].strip()}`", key=True)
        if key[:1].isspace():
            return doc.problem(loc, "unknown-field", f"未知字段 `{loc[-1]}`：行首是{_spaces_named(key[:1])}", "缩进只能用半角空格", key=True)
        known = list(model_at(root, loc[:-1]).model_fields)
        return doc.problem(loc, "unknown-field", f"未知字段 `{loc[-1]}`", suggest(str(loc[-1]), known) or f"可用的字段：{', '.join(known)}", key=True)
    if kind in _TYPE_WORDS:
        node = doc.node_at(loc)
        found = e.get("input")
        if isinstance(node, ScalarNode) and kind == "string_type" and not node.style and found is not None:
            message = f"应为文本，但未加引号的 `{node.value}` 会被 YAML 读作{_typed_reading(found)}"
            hint = f"请加引号：'{node.value}'"
        elif found is None:
            message = f"值为空，应为{_TYPE_WORDS[kind]}"
            hint = "请至少填写一行，如 `  1a: 820`（行首两个空格）" if kind in ("dict_type", "model_type") else "请填写"
        else:
            message, hint = f"应为{_TYPE_WORDS[kind]}", ""
        if isinstance(node, ScalarNode) and "：" in node.value:
            hint = "这里用了中文全角冒号“：”，YAML 要求英文半角冒号“:”，并在其后加一个空格"
        elif isinstance(node, ScalarNode) and re.search(r":\S", node.value) and not node.style:
            hint = "冒号“:”后面要加一个空格，例如 `1a: 820`"
        return doc.problem(loc, "wrong-type", message, hint)
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        found = str(e.get("input"))
        choices = [c.strip() for c in expected.replace(" or ", ",").split(",") if c.strip()]
        return doc.problem(loc, "not-allowed", f"`{found}` 不是允许的取值", suggest(found, choices) or f"可选：{expected}")
    if kind == "string_too_short":
        return doc.problem(loc, "empty-value", "不能为空", "请填写")
    if kind in ("too_short", "greater_than_equal", "greater_than", "less_than_equal"):
        return doc.problem(loc, "out-of-range", _range_message(kind, ctx), "")
    # Our own validators raise PydanticCustomError with a code, a message and a hint.
    return doc.problem(loc, kind.replace("_", "-"), e["msg"], str(ctx.get("hint", "")))


def _range_message(kind: str, ctx: dict[str, Any]) -> str:
    if kind == "too_short":
        return f"至少需要 {ctx.get('min_length', 1)} 项"
    sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤"}[kind]
    return f"应 {sign} {ctx.get('ge', ctx.get('gt', ctx.get('le')))}"


M = TypeVar("M", bound=BaseModel)


def load_checked(path: Path, model: type[M], checks: Callable[[Document, M], Iterable[Problem]], *,
                 blank: Callable[[Any], bool] | None = None) -> tuple[M | None, list[Problem]]:
    """A YAML file read as `model` and then given its own `checks`: the value, or None when a
    problem is an error, with the problems sorted. A file `blank` says is still unfilled (as
    `init` writes it) is None with no problem."""
    doc, problems = load_yaml(path)
    if doc is None:
        return None, problems
    if blank is not None and blank(doc.data):
        return None, []
    try:
        value = model.model_validate(doc.data)
    except ValidationError as e:
        return None, sorted(problems_from_validation(doc, e, model))
    problems = sorted(checks(doc, value))
    return (None if any(p.is_error for p in problems) else value), problems
