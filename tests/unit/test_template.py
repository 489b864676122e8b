"""`aiprocure init`'s template (aiprocure.template): it shows every key a shipped rule reads, the
format 2.0 forms with an example each, in both languages; it validates as written (aiprocure and
the JSON Schema), and its first line points editors at the schema written beside it.

Until format 2.0's reader (helper fmt-core's branch) is merged, the model accepts only "1.0": the
template then says ``schema_version: "1.0"`` (the newest version the model accepts) and keeps the
wrapper forms in comment lines; the test checks those commented forms against the JSON Schema,
which already knows them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from aiprocure import api
from aiprocure.model.common import Lang
from aiprocure.model.conditions import fields_of
from aiprocure.model.declaration_schema import declaration_schema
from aiprocure.template import EXAMPLE_PREFIX, SCHEMA_FILE, SCHEMA_LINE, render_template

LANGS = [Lang.JA, Lang.EN]


def rule_fields() -> set[str]:
    """Every declaration field a shipped rule or viewpoint reads (its conditions, severity rows,
    and the fields its predicates' signatures name), list marks removed."""
    ruleset = api.load_checklists()
    conditions = []
    for rule in ruleset.rules:
        conditions.append(rule.check)
        if rule.applies_if is not None:
            conditions.append(rule.applies_if)
        conditions += [row.when for row in rule.severity_by]
    assert ruleset.high_risk is not None
    conditions += [lv.when for vp in ruleset.high_risk.viewpoints for lv in vp.levels]
    return {path.replace("[]", "") for cond in conditions for path in fields_of(cond)}


def _key_line(line: str, key: str) -> bool:
    body = line.lstrip(" #")
    return body.startswith(f"{key}:")


def shows(template: str, path: str) -> bool:
    """Whether ``path``'s keys appear nested in the template: each key inside the block of the one
    before (a section is a top-level line; a block ends at the next uncommented line indented no
    deeper)."""
    lines = [ln for ln in template.splitlines() if not ln.startswith(EXAMPLE_PREFIX)]
    start, end, indent = 0, len(lines), -1
    for depth, key in enumerate(path.split(".")):
        found = next(
            (
                i
                for i in range(start, end)
                if _key_line(lines[i], key) and (depth or lines[i].startswith(f"{key}:"))
            ),
            None,
        )
        if found is None:
            return False
        indent = len(lines[found]) - len(lines[found].lstrip(" "))
        start = found + 1
        end = next(
            (
                i
                for i in range(start, len(lines))
                if lines[i].strip()
                and not lines[i].lstrip().startswith("#")
                and len(lines[i]) - len(lines[i].lstrip(" ")) <= indent
            ),
            len(lines),
        )
    return True


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_a_rule_reads_is_shown(lang: Lang) -> None:
    template = render_template(lang)
    fields = rule_fields()
    # The keys the issue found missing, and the new facts' keys, among them.
    assert {
        "system.models.hosting",
        "data_locations.system_data",
        "security.ismap_service_in_scope",
        "contract.arbitration_seat",
    } <= fields
    # A rule may read a 1.0 spelling the model derives from its 2.0 form (export_contents from
    # exit.exports): the template, written in 2.0, shows the 2.0 form.
    derived = {"exit.export_contents": "exit.exports"}
    missing = sorted(p for p in fields if not shows(template, derived.get(p, p)))
    assert not missing, f"keys rules read but {lang} init does not show: {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_field_of_the_model_is_shown(lang: Lang) -> None:
    template = render_template(lang)
    for path in (
        "accountability.responsible_officer.contact",
        "system.models.platform.country",
        "sub_processors.entities.parent_country",
        "sub_processors.entities.role",
        "sub_processors.entities.locations",
    ):
        assert shows(template, path), path
    assert shows(template, "system.models.hosting")
    assert "provider_api" in template  # the hosting values


@pytest.mark.parametrize("lang", LANGS)
def test_the_template_validates_as_written(lang: Lang, tmp_path: Path) -> None:
    text = render_template(lang)
    assert text.splitlines()[0] == SCHEMA_LINE
    path = tmp_path / "declaration.yaml"
    path.write_text(text, encoding="utf-8")
    api.load_declaration(path)  # raises on any input error
    data = yaml.safe_load(text)
    assert not list(jsonschema.Draft202012Validator(declaration_schema()).iter_errors(data))


@pytest.mark.parametrize("lang", LANGS)
def test_the_2_0_forms_shown_validate_against_the_schema(lang: Lang) -> None:
    text = render_template(lang)
    example = [
        ln[len(EXAMPLE_PREFIX) :] for ln in text.splitlines() if ln.startswith(EXAMPLE_PREFIX)
    ]
    data = yaml.safe_load("\n".join(example))
    data = json.loads(json.dumps({"schema_version": "2.0", **data}, default=str))
    validator = jsonschema.Draft202012Validator(declaration_schema())
    assert not [e.message for e in validator.iter_errors(data)]
    prompt = data["retention"]["prompt_days"]
    assert {o["when"] for o in prompt["options"]} == {"default", "on_approval"}
    assert data["data_locations"]["processing"]["evidence"][0]["kind"] == "vendor_documentation"
    assert data["data_locations"]["system_data"] == "any"


def test_both_languages_say_the_same_keys() -> None:
    ja, en = (render_template(lang) for lang in LANGS)
    assert "申告書" in ja
    assert "申告書" not in en
    keys = [
        [ln.split(":")[0] for ln in t.splitlines() if not ln.lstrip().startswith("#")]
        for t in (ja, en)
    ]
    assert keys[0] == keys[1]


def test_init_writes_the_schema_beside_the_file(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from aiprocure.cli.app import app

    target = tmp_path / "new.yaml"
    result = CliRunner().invoke(app, ["init", str(target), "--lang", "en"])
    assert result.exit_code == 0, result.output
    written = json.loads((tmp_path / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert written == declaration_schema()


def test_the_removed_1_0_keys_are_one_list() -> None:
    """The template leaves out what a 2.0 file may not say, and the reader refuses the same."""
    from aiprocure.model.declaration_data import LEGACY_1_0_KEYS
    from aiprocure.sources.facts_fields import REMOVED

    assert {f"{section}.{key}" for section, key in REMOVED} == LEGACY_1_0_KEYS
