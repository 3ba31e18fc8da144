"""Numbers and dates as office staff type them, read exactly or refused with a hint.

Accepted, and normalised exactly (documented in the README):
- numbers: `1500`, `38.5`, full-width digits `１５００`, thousands separators in groups of
  three `1,500` / `1，500`, and 万 `3.13万` (= 31300, computed in decimal, never in floating point);
- dates: `2025-06-30`, `2025-6-30`, `2025/6/30`, `2025.6.30`, `2025年6月30日`.

Refused with a hint: a unit glued on (`1500人`, `40%`), negative numbers, a plus sign (`+15`: in
a Chinese table usually the change since the last report, not the level), `.5`, NaN and infinity,
empty values, YAML's octal (`010`) and base-60 (`12:30`) forms, dates without a year
(`6月30日`) and dates that do not exist (`2025-06-31`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal

from minsheng_cli.reading.yamlsource import Suspect

Number = int | float


#: The plans are a Chinese city's: "today" is the date in China, whatever the machine's zone
#: (CI runners are usually on UTC, eight hours behind).
CHINA = dt.timezone(dt.timedelta(hours=8), "CST")


def today() -> dt.date:
    """Today's date in China."""
    return dt.datetime.now(CHINA).date()


class ValueProblem(ValueError):
    """A value that cannot be read; carries a short code, the message and a hint."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


_PLAIN = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?")
_GROUPED = re.compile(r"[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
_WAN = re.compile(r"([-+]?[0-9]+(?:\.[0-9]+)?)\s*万")
_GLUED = re.compile(r"([-+]?[0-9][0-9,.]*)\s*([^\s0-9,.].*)")
_WAN_GLUED = re.compile(r"([-+]?[0-9][0-9.]*)\s*万\s*(\S.*)")
_SCIENTIFIC = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?[eE][-+]?[0-9]+")
#: No figure in a city's yearly list comes near this; larger is a typing mistake.
MAX_FIGURE = 10**12


def _as_number(text: str) -> Number:
    d = Decimal(text)
    return int(d) if d == d.to_integral_value() and "." not in text else float(d)


def parse_number(value: object) -> Number:
    """Read a figure from a report. Raises ValueProblem rather than guess."""
    if isinstance(value, bool) or value is None:
        if value is None:
            raise ValueProblem("empty-value", "值为空", "填写数字；尚无数据时请删去这一行")
        raise ValueProblem("not-a-number", f"应为数字，却写了 {str(value).lower()}", "true/false 只用于定性（milestone）目标")
    if isinstance(value, int):
        number: Number = value
    elif isinstance(value, float):
        number = value
    elif isinstance(value, Suspect):
        raise _suspect_number(value)
    elif isinstance(value, str):
        number = _number_from_text(value)
    else:
        raise ValueProblem("not-a-number", "应为数字", "例如 1500 或 38.5")
    if isinstance(number, float) and not math.isfinite(number):
        raise ValueProblem("not-a-number", "应为有限的数字", "不能写 NaN 或无穷大")
    if number < 0:
        raise ValueProblem("negative-value", f"数值不能为负（{value}）", "填写截至报告日期的累计值，应为 0 或正数")
    if number > MAX_FIGURE:
        raise ValueProblem("too-large", f"数值 {value} 大得不合理", "请核对是否多打了数字")
    return number


def _signed(raw: str) -> ValueProblem:
    bare = raw.strip().lstrip("+＋").strip()
    return ValueProblem(
        "plus-sign", f"`{raw}` 前面有加号：表格里“+”通常表示比上次增加的量",
        f"这里只填截至报告日期的累计值，不带符号；若 {bare} 就是累计值，写 {bare}",
    )


#: `.5` or `5.`: a digit missing on one side of the point, perhaps lost in typing.
_BARE_POINT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.)")


def _bare_point(raw: str, text: str) -> ValueProblem:
    whole = text.lstrip("+-")
    meant = f"0{whole}" if whole.startswith(".") else whole.rstrip(".")
    return ValueProblem("ambiguous-number", f"`{raw}` 的小数点一侧没有数字", f"请核对；如果是指 {meant}，写 {meant}")


def _suspect_number(value: Suspect) -> ValueProblem:
    text = value.text
    if text.startswith("+"):
        return _signed(text)
    if _BARE_POINT.fullmatch(text):
        return _bare_point(text, text)
    if re.fullmatch(r"[-+]?0[0-9_]+", text):
        return ValueProblem("ambiguous-number", f"`{text}` 以 0 开头，YAML 会把它当作八进制数", f"去掉开头的 0，写 {text.lstrip('0') or '0'}")
    if ":" in text:
        return ValueProblem("ambiguous-number", f"`{text}` 含冒号，YAML 会把它当作六十进制数", "只写一个数字，如 1230")
    if "_" in text:
        return ValueProblem("ambiguous-number", f"`{text}` 含下划线", f"去掉下划线，写 {text.replace('_', '')}")
    if text.lower().lstrip("+-") in (".inf", ".nan"):
        return ValueProblem("not-a-number", f"`{text}` 不是有限的数字", "填写实际完成的数字")
    return ValueProblem("not-a-number", f"`{text}` 不是数字（YAML 读作{value.reading}）", "只写数字，如 1500")


def _number_from_text(raw: str) -> Number:
    text = unicodedata.normalize("NFKC", raw).strip().replace("，", ",")
    if not text:
        raise ValueProblem("empty-value", "值为空", "填写数字；尚无数据时请删去这一行")
    if text.startswith("+"):
        raise _signed(raw)
    if _BARE_POINT.fullmatch(text):
        raise _bare_point(raw, text)
    if _PLAIN.fullmatch(text):
        return _as_number(text)
    if _GROUPED.fullmatch(text):
        return _as_number(text.replace(",", ""))
    wan = _WAN.fullmatch(text)
    if wan:
        d = Decimal(wan.group(1)) * 10000
        return int(d) if d == d.to_integral_value() else float(d)
    if text.lower().lstrip("+-") in ("nan", "inf", "infinity", ".nan", ".inf"):
        raise ValueProblem("not-a-number", f"`{raw}` 不是有限的数字", "填写实际完成的数字")
    if re.fullmatch(r"[-+]?0[xXoObB][0-9A-Fa-f_]+", text):
        return _raise("ambiguous-number", f"`{raw}` 是十六、八或二进制写法", "只写十进制数字，如 1500")
    if _SCIENTIFIC.fullmatch(text):
        exact = Decimal(text)
        plain = f"{exact:f}" if abs(exact) < MAX_FIGURE else "完整的数字"
        return _raise("ambiguous-number", f"`{raw}` 是科学计数法", f"写成 {plain}")
    if _DATE_FORMS.fullmatch(text) or _MONTH_DAY.fullmatch(text):
        # `2025-10-31` would read as 2025 with a unit "-10-31": say what it is.
        return _raise("date-not-number", f"`{raw}` 是日期，不是数值", "这里填截至日期的累计数值；日期写在表头的截至日期（date:）里")
    wan_glued = _WAN_GLUED.fullmatch(text)
    if wan_glued and _PLAIN.fullmatch(wan_glued.group(1)):
        wan = wan_glued.group(1)
        full = Decimal(wan) * 10000
        return _raise(
            "unit-in-value", f"数值后面带了单位“{wan_glued.group(2)}”",
            f"只写 {wan}万（即 {int(full) if full == full.to_integral_value() else full}），单位已在计划中",
        )
    glued = _GLUED.fullmatch(text)
    if glued and _PLAIN.fullmatch(glued.group(1).replace(",", "")):
        number, unit = glued.group(1), glued.group(2)
        return _raise(
            "unit-in-value", f"数值后面带了单位“{unit}”",
            f"只写数字 {number}，单位已在计划中；百分比也只写数字，如 40% 写 40",
        )
    if "," in text:
        return _raise("ambiguous-number", f"`{raw}` 的千分位分隔不规范", "去掉逗号，只写数字")
    return _raise("not-a-number", f"`{raw}` 不是数字", "只写数字，如 1500 或 38.5")


def _raise(code: str, message: str, hint: str) -> Number:
    raise ValueProblem(code, message, hint)


_DATE_FORMS = re.compile(r"([0-9]{4})\s*(?:[-/.]|年)\s*([0-9]{1,2})\s*(?:[-/.]|月)\s*([0-9]{1,2})\s*日?")
_MONTH_DAY = re.compile(r"([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日?")
_NO_YEAR = re.compile(r"([0-9]{1,2})\s*(?:月|[-/.])\s*([0-9]{1,2})\s*日?")


def parse_date(value: object) -> dt.date:
    """Read a date from a report or plan. Raises ValueProblem rather than guess."""
    if isinstance(value, dt.datetime):
        raise ValueProblem("bad-date", "只写日期，不写时间", "例如 2025-06-30")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, Suspect):
        text = value.text
    elif isinstance(value, str):
        text = value
    elif value is None:
        raise ValueProblem("empty-value", "日期为空", "例如 2025-06-30")
    else:
        raise ValueProblem("bad-date", f"`{value}` 不是日期", "例如 2025-06-30")
    norm = unicodedata.normalize("NFKC", text).strip()
    match = _DATE_FORMS.fullmatch(norm)
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValueProblem("bad-date", f"`{text}` 不是存在的日期", f"{year} 年 {month} 月没有 {day} 日") from None
    if _NO_YEAR.fullmatch(norm):
        raise ValueProblem("bad-date", f"`{text}` 缺少年份", "写完整日期，例如 2025-06-30")
    raise ValueProblem("bad-date", f"`{text}` 不是可识别的日期", "写成 2025-06-30")
