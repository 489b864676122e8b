"""The JSON Schema of declaration format 2.0 (model.declaration_schema, docs/declaration.schema.json):
shipped as generated, bilingual on every property, and it accepts every shipped declaration, the
2.0 forms, and rejects what the format rejects; aiprocure's own validation stays the authority."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from aiprocure import api
from aiprocure.errors import InputError
from aiprocure.model.declaration_schema import SCHEMA_ID, declaration_schema
from tests.rules.test_verdict_cases import merge

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "docs" / "declaration.schema.json"


def _text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return declaration_schema()


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _properties(node: Any, at: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for name, prop in props.items():
                yield f"{at}.{name}", prop
        for key, value in node.items():
            yield from _properties(value, f"{at}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties(value, f"{at}[{i}]")


def declarations() -> list[tuple[str, dict[str, Any]]]:
    """Every shipped declaration: the examples, and each verdict case merged onto its base."""
    out = []
    for path in sorted((ROOT / "examples").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "schema_version" in data:
            out.append((str(path.relative_to(ROOT)), data))
    for path in sorted((ROOT / "docs" / "verdict-cases").glob("*.yaml")):
        out.append((str(path.relative_to(ROOT)), _merged(path)))
    return out


def _merged(path: Path) -> Any:
    """A verdict case deep-merged onto its base (which may itself be a case)."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("# base:"):
        return yaml.safe_load(text)
    base = ROOT / text.splitlines()[0].removeprefix("# base:").strip()
    return merge(_merged(base), yaml.safe_load(text))


def _json(data: Any) -> Any:
    return json.loads(json.dumps(data, default=str))  # YAML dates as ISO text


def test_the_shipped_schema_is_the_generated_one(schema: dict[str, Any]) -> None:
    assert SHIPPED.read_text(encoding="utf-8") == _text(schema), (
        "docs/declaration.schema.json is stale: aiprocure schema > docs/declaration.schema.json"
    )


def test_identity_and_draft(schema: dict[str, Any]) -> None:
    assert schema["$id"] == SCHEMA_ID == "https://aiprocure.example/schema/declaration-2.0.json"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema_version"]["enum"] == ["1.0", "2.0"]


def test_every_property_is_described_in_both_languages(schema: dict[str, Any]) -> None:
    props = list(_properties(schema))
    assert len(props) > 300
    for at, prop in props:
        assert prop.get("description"), f"{at}: no English description"
        assert prop.get("x-description-ja"), f"{at}: no Japanese description"
        assert prop["description"] != prop["x-description-ja"], at


def test_editors_get_both_languages_on_every_field(schema: dict[str, Any]) -> None:
    vendor = schema["$defs"]["Vendor"]["properties"]
    assert vendor["kind"]["markdownDescription"].count("\n\n") == 1
    assert "行政機関" in vendor["kind"]["markdownDescription"]


def test_corporate_number_pattern_and_the_authority(schema: dict[str, Any]) -> None:
    prop = schema["$defs"]["Vendor"]["properties"]["corporate_number"]
    assert "aiprocure validate" in prop["description"]
    assert "aiprocure validate" in prop["x-description-ja"]
    assert '"pattern": "^[0-9]{13}$"' in json.dumps(prop)


@pytest.mark.parametrize(("name", "data"), declarations())
def test_every_shipped_declaration_validates(
    name: str, data: dict[str, Any], validator: jsonschema.Draft202012Validator
) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(_json(data))]
    assert not errors, f"{name}: {errors[:3]}"


GOOD_2_0: dict[str, Any] = {
    "schema_version": "2.0",
    "data_locations": {
        "storage": {"value": ["JP"], "when": "depends_on_deployment", "detail": "regional"},
        "processing": "any",
        "system_data": {"options": [{"value": ["JP"], "when": "default"}, {"value": "any"}]},
    },
    "retention": {
        "prompt_days": {
            "options": [
                {"value": 30, "when": "default"},
                {"value": 0, "when": "on_approval", "detail": "zero retention", "chosen": True},
            ],
            "evidence": [{"document": "Retention", "kind": "vendor_documentation"}],
        },
        "log_days": {
            "value": 30,
            "exceptions": [{"value": None, "detail": "where the law requires", "basis": "law"}],
        },
    },
    "security": {
        "certifications": {"value": ["ISO/IEC 27001"], "complete": False},
        "ismap_service_in_scope": {"value": False, "evidence": [{"document": "ISMAP list"}]},
    },
    "ip": {
        "ip_indemnity": {"value": True, "when": "customer_obligation", "ministry_commits": True}
    },
    "system": {"models": [{"provider": "P", "name": "N", "hosting": {"value": "platform"}}]},
}


def test_the_2_0_forms_validate(validator: jsonschema.Draft202012Validator) -> None:
    assert not [e.message for e in validator.iter_errors(GOOD_2_0)]


@pytest.mark.parametrize(
    ("where", "fact"),
    [
        ("retention", {"prompt_days": {"value": 30, "whn": "default"}}),  # unknown wrapper key
        ("retention", {"log_days": {"value": {"value": 30}}}),  # a wrapper inside a wrapper
        ("ip", {"ip_indemnity": {"value": True, "complete": True}}),  # complete on a scalar
        ("ip", {"ip_indemnity": {"value": True, "exceptions": [{"value": 1, "detail": "x"}]}}),
        ("retention", {"prompt_days": {"options": []}}),  # no option
        ("retention", {"prompt_days": {"value": 3, "when": "sometimes"}}),  # not a kind
        ("security", {"ismap": "any"}),  # `any` only where countries are listed
        ("vendor", {"corporate_number": "123456789012"}),  # 12 digits
        ("vendor", {"nmae": "typo"}),
        ("retention", {"evidence": [{"document": "d", "sha256": "XYZ"}]}),
        ("retention", {"evidence": [{"document": "d", "kind": "blog"}]}),
    ],
)
def test_what_the_format_rejects_the_schema_rejects(
    where: str, fact: dict[str, Any], validator: jsonschema.Draft202012Validator
) -> None:
    assert list(validator.iter_errors({"schema_version": "2.0", where: fact}))


def test_an_unknown_key_is_still_an_error_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text('schema_version: "1.0"\nsecurity:\n  ismap_servce_in_scope: true\n', "utf-8")
    with pytest.raises(InputError) as caught:
        api.load_declaration(path)
    message = str(caught.value.problems[0])
    assert "d.yaml:3:3" in message
    assert "did you mean 'ismap_service_in_scope'?" in message


@pytest.mark.slow
def test_check_jsonschema_accepts_every_shipped_declaration(tmp_path: Path) -> None:
    """The shipped schema file, read offline by a tool of its own (check-jsonschema)."""
    tool = Path(sys.executable).with_name("check-jsonschema")
    command = (
        [str(tool)] if tool.exists() else [shutil.which("check-jsonschema") or "check-jsonschema"]
    )
    files = []
    for i, (name, data) in enumerate(declarations()):
        path = tmp_path / f"{i:02}-{Path(name).name}"
        path.write_text(yaml.safe_dump(_json(data), allow_unicode=True), encoding="utf-8")
        files.append(str(path))
    done = subprocess.run(
        [*command, "--schemafile", str(SHIPPED), *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        'schema_version: "2.0"\nretention:\n  prompt_days: {value: 3, whn: x}\n', "utf-8"
    )
    done = subprocess.run(
        [*command, "--schemafile", str(SHIPPED), str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
