"""The files of a new office's repository stay true to this repository's own."""

from __future__ import annotations

import yaml

from conftest import ROOT
from minsheng_cli.setup.scaffold import SHARED, pre_commit_config, repository_files


def test_the_hook_is_this_repository_s_hook_run_with_the_installed_minsheng() -> None:
    ours = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    config = yaml.safe_load(pre_commit_config())
    assert config["repos"][0]["repo"] == "local"
    hook = config["repos"][0]["hooks"][0]
    assert hook == {**ours, "language": "system"}


def test_shared_files_are_copies_of_this_repository_s() -> None:
    files = repository_files(city="江门市", year=2026)
    for place, source in SHARED.items():
        assert files[place] == (ROOT / source).read_bytes()


def test_templates_carry_the_city_and_year_and_nothing_left_unfilled() -> None:
    files = repository_files(city="佛山市", year=2027)
    plan = files["data/tasks_2027.yaml"].decode("utf-8")
    readme = files["README.md"].decode("utf-8")
    assert plan.startswith("# 2027 年佛山市民生实事任务分解表")
    assert yaml.safe_load(plan) == {"year": 2027, "title": "2027 年佛山市民生实事", "units": {}, "districts": {}, "categories": []}
    assert readme.startswith("# 佛山市 2027 年民生实事进度跟踪") and "data/tasks_2027.yaml" in readme
    assert "$" not in plan + readme
