"""The units' own words in the bulletin: laggards quoted as theirs, 需协调解决的问题, 销号 counts
(on the illustrative set, through the real command)."""

from __future__ import annotations

import json

import pytest

from minsheng_cli.outputs.bulletin_words import first_sentences


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("一句。", "一句。"),
        ("第一句。第二句！第三句。", "第一句。第二句！……"),
        ("没有句号的一段话", "没有句号的一段话"),
        ("第一行。\n第二行；第三行。", "第一行。 第二行；……"),
    ],
)
def test_a_quote_is_a_sentence_or_two(text: str, shown: str) -> None:
    assert first_sentences(text) == shown


@pytest.fixture(scope="module")
def bulletin(request) -> str:
    from conftest import ROOT, Run

    mp = pytest.MonkeyPatch()
    mp.chdir(ROOT)
    request.addfinalizer(mp.undo)
    result = Run()("bulletin", "--progress", "examples/progress_2025", "--as-of", "2025-09-30")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_each_laggard_is_quoted_in_its_lead_units_own_words(bulletin: str) -> None:
    seven = bulletin.index("第 7 项“维护青少年心理健康”（已逾期")
    quote = bulletin.index("**市教育局（9 月 30 日报）自述：**进展情况：“示例：专题教育和家长课堂累计开展 96 场，心理健康教师培训已于 7 月完成 1000 人次。”", seven)
    assert quote < bulletin.index("（二）", seven)  # right under item 7, before the next laggard
    assert "**第 2 项 市民政局（9 月 30 日报）自述：**" in bulletin  # item 2, behind
    # Item 9 is behind too, but its lead unit wrote nothing: no quote is made up for it.
    assert "| 9 | 加大对辖区市场食品安全抽查检查频次 |" in bulletin
    assert "第 9 项 市市场监管局（" not in bulletin


def test_open_requests_are_listed_with_unit_and_date(bulletin: str) -> None:
    section = bulletin[bulletin.index("、需协调解决的问题"):]
    assert "各单位在最近一次填报中提出需协调解决的问题 2 项" in section
    assert "| 第 2 项 " in section and "| 市民政局 | 2025-09-30 | 示例：请市人力资源社会保障局加开一期养老护理员职业技能培训班。 |" in section
    assert "| 市教育局 | 2025-09-30 | 示例：请市卫生健康局协调精神卫生专科医生担任家长课堂讲师。 |" in section


def test_signed_off_counts(bulletin: str) -> None:
    assert "销号情况：已完成的 4 项中，已销号 1 项，待销号 3 项" in bulletin  # in the overview's paragraph


def test_the_illustrative_set_signs_off_one_item(run, in_root) -> None:
    result = run("status", "--progress", "examples/progress_2025", "--as-of", "2025-09-30", "-f", "json")
    assert result.exit_code == 0
    closures = {t["no"]: t["closure"] for t in json.loads(result.stdout)["tasks"] if t["closure"]}
    assert closures == {5: "signed_off", 8: "awaiting_signoff", 13: "awaiting_signoff", 17: "awaiting_signoff"}
