"""JSON Schemas (draft-07, what editors' YAML language servers understand) from the models."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from minsheng_cli.model.candidates import Candidates
from minsheng_cli.model.inspections import Inspections
from minsheng_cli.model.office import Office
from minsheng_cli.model.plan import Plan
from minsheng_cli.model.progress import Report
from minsheng_cli.model.survey import Survey

SCHEMAS: dict[str, type[BaseModel]] = {
    "plan": Plan, "progress": Report, "office": Office, "candidates": Candidates, "inspections": Inspections, "survey": Survey,
}
_TITLES = {
    "plan": "民生实事计划 minsheng plan",
    "progress": "民生实事进度报告 minsheng progress report",
    "office": "办公室信息 minsheng office profile",
    "candidates": "民生实事候选项目与票决 minsheng candidates",
    "inspections": "人大代表视察与督办建议 minsheng inspections",
    "survey": "满意度测评 minsheng survey",
}


def _draft07(node: Any) -> Any:
    """Pydantic writes draft 2020-12; draft-07 keeps shared definitions under `definitions`."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$defs":
                key = "definitions"
            if key == "$ref" and isinstance(value, str):
                value = value.replace("#/$defs/", "#/definitions/")
            out[key] = _draft07(value)
        return out
    if isinstance(node, list):
        return [_draft07(v) for v in node]
    return node


def schema_of(kind: str) -> dict[str, Any]:
    schema = _draft07(SCHEMAS[kind].model_json_schema(mode="validation"))
    return {"$schema": "http://json-schema.org/draft-07/schema#", **schema, "title": _TITLES[kind]}


def schema_json(kind: str) -> str:
    return json.dumps(schema_of(kind), ensure_ascii=False, indent=2)
