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


def test_a_new_repository_does_not_commit_what_an_interrupted_write_left(tmp_path) -> None:
    import shutil
    import subprocess

    import pytest

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    files = repository_files(city="江门市", year=2026)
    (tmp_path / ".gitignore").write_bytes(files[".gitignore"])
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    ignored = subprocess.run(["git", "-C", str(tmp_path), "check-ignore", "-q", "data/progress/.2025-10-31_市教育局.yaml.k2j4x9ab.tmp"])
    kept = subprocess.run(["git", "-C", str(tmp_path), "check-ignore", "-q", "data/progress/2025-10-31_市教育局.yaml"])
    assert (ignored.returncode, kept.returncode) == (0, 1)
