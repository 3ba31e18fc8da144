"""Help and usage errors in Chinese, for every command.

Typer writes its help and its usage errors ("No such option", "Missing argument", "Invalid value
for …") in English, and its words are not all translatable through gettext. Two small hooks make
them Chinese without touching what the commands do: a help formatter that translates the
handful of fixed English phrases of a help page, and a `main` that shows usage errors in
Chinese. The commands are the ordinary typer commands; only their classes are ours.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

try:  # newer typer carries its own copy of click
    from typer._click import core as click_core, exceptions as errors, formatting
    from typer._click.globals import get_current_context as current_context
except ImportError:  # pragma: no cover - older typer uses click itself
    from click import core as click_core, exceptions as errors, formatting  # type: ignore[no-redef]
    from click import get_current_context as current_context  # type: ignore[no-redef]

#: Fixed phrases of a help page, in the order they are replaced.
_HELP_PHRASES = (
    ("Usage: ", "用法："),
    ("[OPTIONS]", "[选项]"),
    ("COMMAND [ARGS]...", "命令 [参数]..."),
    ("Options:", "选项："),
    ("Arguments:", "参数："),
    ("Commands:", "命令："),
    ("Show this message and exit.", "显示本帮助并退出"),
    ("[required]", "[必填]"),
)
_DEFAULT = re.compile(r"default:\s+")
#: Python type names typer prints beside a parameter; the help text says what to write.
_TYPE_NAME = re.compile(r" ?<(?:list\[[^\]]*\]|float range|int range|integer|float|text|path|Path)>")


def translate_help(text: str) -> str:
    for english, chinese in _HELP_PHRASES:
        text = text.replace(english, chinese)
    return _TYPE_NAME.sub("", _DEFAULT.sub("默认：", text))


class ChineseFormatter(formatting.HelpFormatter):
    def getvalue(self) -> str:
        return translate_help(super().getvalue())


class ChineseContext(click_core.Context):
    formatter_class = ChineseFormatter


class ChineseCommand(TyperCommand):
    context_class = ChineseContext


_NOT_ONE_OF = re.compile(r"'?(?P<value>.*?)'? is not one of (?P<choices>.*?)\.?$")
_NOT_TYPE = re.compile(r"'?(?P<value>.*?)'? is not a valid (?P<type>integer|float|boolean|path)\.?$")
_RANGE = re.compile(r"(?P<value>\S+) is not in the range (?P<range>.+?)\.?$")
_EXTRA = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)")
_NEEDS_VALUE = re.compile(r"Option '?(?P<option>[^' ]+)'? requires (an argument|\d+ arguments)\.?")
_TYPE_NAMES = {"integer": "整数", "float": "数字", "boolean": "是/否", "path": "路径"}
#: Typer checks option values with pydantic and passes its English message on.
_PYDANTIC = (
    (re.compile(r"Input should be a valid integer.*"), "应为整数"),
    (re.compile(r"Input should be a valid number.*"), "应为数字"),
    (re.compile(r"Input should be less than or equal to (?P<n>\S+)"), "应不大于 {n}"),
    (re.compile(r"Input should be greater than or equal to (?P<n>\S+)"), "应不小于 {n}"),
    (re.compile(r"Input should be less than (?P<n>\S+)"), "应小于 {n}"),
    (re.compile(r"Input should be greater than (?P<n>\S+)"), "应大于 {n}"),
)


def usage_error_message(error: errors.ClickException) -> str:
    """What went wrong with the call, in Chinese."""
    if isinstance(error, errors.NoSuchOption):
        message = f"没有选项 {error.option_name}"
        if error.possibilities:
            message += f"（是否想用 {'、'.join(sorted(error.possibilities))}？）"
        return message
    if isinstance(error, errors.MissingParameter):
        what = "参数" if _is_argument(error.param) else "选项"
        return f"缺少{what} {_param_name(error)}"
    if isinstance(error, errors.BadParameter):
        return f"{_param_name(error)} 的值无效：{_reason(error.message)}".lstrip()
    if isinstance(error, errors.UsageError):
        message = error.message
        if match := _EXTRA.search(message):
            return f"多余的参数：{match['args']}"
        if match := _NEEDS_VALUE.search(message):
            return f"选项 {match['option']} 后面需要一个值"
        return message
    return error.format_message()


def _is_argument(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "argument"


def _param_name(error: errors.BadParameter) -> str:
    """How the user wrote the parameter: `--by` for an option, `N` for an argument."""
    param = error.param
    if error.param_hint:
        hint = error.param_hint
        return hint if isinstance(hint, str) else " / ".join(hint)
    if param is None:
        return ""
    if _is_argument(param):
        return param.metavar or (param.name or "").upper()
    return " / ".join(getattr(param, "opts", []) or [param.name or ""])


def _reason(message: str) -> str:
    message = message.removeprefix("Value error, ")
    if match := _NOT_ONE_OF.search(message):
        return f"“{match['value']}”不是可选的值（可选：{match['choices'].replace(chr(39), '')}）"
    if match := _NOT_TYPE.search(message):
        return f"“{match['value']}”不是{_TYPE_NAMES[match['type']]}"
    if match := _RANGE.search(message):
        return f"{match['value']} 超出范围 {match['range']}"
    for pattern, chinese in _PYDANTIC:
        if match := pattern.match(message):
            return chinese.format(**match.groupdict())
    return message


def show_usage_error(error: errors.ClickException) -> None:
    ctx = getattr(error, "ctx", None)
    if isinstance(error, errors.NoArgsIsHelpError):
        typer.echo(error.format_message(), err=True)
        return
    if ctx is not None:
        typer.echo(translate_help(ctx.get_usage()), err=True)
        typer.echo(f"查看帮助：{ctx.command_path} -h\n", err=True)
    typer.echo(f"错误：{usage_error_message(error)}", err=True)


class ChineseGroup(TyperGroup):
    """The `minsheng` group: shows usage errors in Chinese, exits as click would."""

    context_class = ChineseContext

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args=args, prog_name=prog_name, complete_var=complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args=args, prog_name=prog_name, complete_var=complete_var, standalone_mode=False, **extra)
        except typer.Abort:
            typer.echo("已中止", err=True)
            sys.exit(1)
        except errors.ClickException as error:
            show_usage_error(error)
            sys.exit(error.exit_code)
        sys.exit(code if isinstance(code, int) else 0)


def use_chinese(app: typer.Typer) -> None:
    """Give every command registered on `app` (and its sub-apps) the Chinese help formatter."""
    for info in app.registered_commands:
        if info.cls in (None, TyperCommand):
            info.cls = ChineseCommand
    for group in app.registered_groups:
        if group.typer_instance is not None:
            if group.typer_instance.info.cls in (None, TyperGroup):
                group.typer_instance.info.cls = ChineseGroup
            use_chinese(group.typer_instance)
