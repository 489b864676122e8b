"""The command line: every command, exit codes 0/1/2, positioned errors, languages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aiprocure.cli import app

ROOT = Path(__file__).resolve().parents[2]
EX = ROOT / "examples"
runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(
        app, list(args), env={"LANG": "C", "SOURCE_DATE_EPOCH": "", **(env or {})}
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out.startswith("aiprocure ")


def test_check_passing_example_exits_0() -> None:
    code, out, err = run("check", str(EX / "domestic-low-risk.yaml"), "--lang", "en")
    assert (code, err) == (0, "")
    assert "Vendor compliance risk   LOW" in out
    assert "High-risk determination  NOT RAISED" in out


def test_check_foreign_access_example_fails_with_review_flag() -> None:
    code, out, _ = run("check", str(EX / "overseas-foreign-access.yaml"), "--lang", "en")
    assert code == 1
    assert "CAIO / advisory-board review required" in out
    assert "DS920-FA-012" in out


def test_fail_on_never_and_no_review_gate_exit_0() -> None:
    code, _, _ = run(
        "check",
        str(EX / "overseas-foreign-access.yaml"),
        "--fail-on",
        "never",
        "--no-fail-on-review",
    )
    assert code == 0


def test_citizen_facing_use_is_flagged_and_gated_by_default() -> None:
    path = str(EX / "citizen-facing-no-review.yaml")
    code, out, _ = run("check", path, "--lang", "en", "--fail-on", "never")
    assert code == 1
    assert "HR-USERS" in out
    assert "HR-REVIEW" in out
    code, _, _ = run("check", path, "--fail-on", "never", "--no-fail-on-review")
    assert code == 0


def test_incomplete_declaration_is_never_a_pass() -> None:
    code, out, _ = run("check", str(EX / "incomplete.yaml"), "--lang", "en", "--format", "json")
    assert code == 1
    report = json.loads(out)
    statuses = {f["status"] for f in report["findings"]}
    assert "unanswered" in statuses
    assert "pass" not in statuses or len(statuses) > 1
    assert report["high_risk"]["undetermined"] is True


def test_directory_of_declarations_is_searched_recursively(tmp_path: Path) -> None:
    nested = tmp_path / "bidders" / "2026"
    nested.mkdir(parents=True)
    for example in EX.glob("*.yaml"):
        (nested / example.name).write_bytes(example.read_bytes())
    (tmp_path / "notes.txt").write_text("not YAML, not read", encoding="utf-8")
    code, out, _ = run(
        "check", str(tmp_path), "--format", "json", "--fail-on", "never", "--no-fail-on-review"
    )
    assert code == 0
    doc = json.loads(out)
    names = [Path(r["subject"]["declaration"]).name for r in doc["reports"]]
    assert names == sorted(p.name for p in EX.glob("*.yaml"))


def test_a_non_declaration_yaml_in_a_directory_is_skipped_with_a_note(tmp_path: Path) -> None:
    """In a directory, a declaration is a YAML file with ``schema_version:`` at the top level;
    other YAML files are skipped, each named on stderr (never silently)."""
    (tmp_path / "a.yaml").write_bytes((EX / "domestic-low-risk.yaml").read_bytes())
    (tmp_path / "ci.yml").write_text("jobs: {}\n", encoding="utf-8")
    code, _, err = run("check", str(tmp_path), "--no-config")
    assert code == 0
    assert f"{tmp_path / 'ci.yml'}: skipped: a YAML file but not a declaration" in err


def test_a_named_non_declaration_is_still_an_error(tmp_path: Path) -> None:
    (tmp_path / "ci.yml").write_text("jobs: {}\n", encoding="utf-8")
    code, _, err = run("check", str(tmp_path / "ci.yml"), "--no-config")
    assert code == 2
    assert "ci.yml:1:1: the top level: missing required key 'schema_version'" in err


def test_japanese_is_the_default_under_a_japanese_locale() -> None:
    _, out, _ = run("check", str(EX / "domestic-low-risk.yaml"), env={"LANG": "ja_JP.UTF-8"})
    assert "事業者の適合リスク" in out


def _write(tmp_path: Path, text: str, name: str = "d.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BAD = """schema_version: "1.0"
vendor:
  nme: X
  corporate_number: "1234567890123"
data_locations:
  storage: [Japan]
"""


def test_bad_declaration_gets_every_problem_positioned_and_exit_2(tmp_path: Path) -> None:
    path = _write(tmp_path, BAD)
    code, out, err = run("check", str(path))
    assert code == 2
    assert out == ""
    assert err.splitlines() == [
        f"{path}:3:3: unknown key 'nme' in vendor; did you mean 'name'?",
        f"{path}:4:3: vendor.corporate_number: corporate_number must be 13 digits "
        "with a valid check digit (法人番号の検査用数字) (got '1234567890123')",
        f"{path}:6:13: data_locations.storage[0]: use a two-letter ISO 3166-1 code such as JP "
        "('Japan' is not one)",
    ]


def test_bad_file_among_good_ones_still_reports_the_good_and_exits_2(tmp_path: Path) -> None:
    bad = _write(tmp_path, "schema_version: '1.0'\nvendor: {name: X, name: Y}\n")
    code, out, err = run("check", str(EX / "domestic-low-risk.yaml"), str(bad), "--lang", "en")
    assert code == 2
    assert "domestic-low-risk.yaml" in out
    assert f"{bad}:2:19: duplicate key 'name'" in err


def test_missing_file_and_wrong_schema_version(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path / "nope.yaml"))
    assert (code, err) == (2, f"{tmp_path / 'nope.yaml'}:1:1: no such file\n")
    path = _write(tmp_path, "schema_version: '9'\n")
    code, _, err = run("validate", str(path))
    assert code == 2
    assert err.startswith(f"{path}:1:1: schema_version: write one of '1.0' or '2.0'")


def test_outputs_written_alongside_stdout(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    code, out, _ = run(
        "check", str(EX / "domestic-low-risk.yaml"), "--output", str(target), "--format", "json"
    )
    assert code == 0
    assert target.read_text(encoding="utf-8") == out
    explicit = tmp_path / "report.out"
    code, _, _ = run("check", str(EX / "domestic-low-risk.yaml"), "-o", f"json:{explicit}")
    assert json.loads(explicit.read_text(encoding="utf-8"))["report_version"] == "3"


def test_output_with_unknown_suffix_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run(
        "check", str(EX / "domestic-low-risk.yaml"), "--output", str(tmp_path / "r.xyz")
    )
    assert code == 2
    assert "cannot tell the format" in err


def test_reports_are_byte_identical_and_time_only_when_asked() -> None:
    args = ("check", str(EX / "overseas-foreign-access.yaml"), "--format", "json")
    first, second = run(*args)[1], run(*args)[1]
    assert first == second
    assert json.loads(first)["generated_at"] is None
    stamped = json.loads(run(*args, env={"SOURCE_DATE_EPOCH": "1764000000"})[1])
    assert stamped["generated_at"] == "2025-11-24T16:00:00Z"
    assert json.loads(run(*args, "--timestamp")[1])["generated_at"].endswith("Z")


def test_validate(tmp_path: Path) -> None:
    code, out, _ = run("validate", str(EX / "domestic-low-risk.yaml"), str(EX / "incomplete.yaml"))
    assert code == 0
    assert out.count(": ok") == 2
    code, _, err = run("validate", str(_write(tmp_path, BAD)))
    assert code == 2
    assert len(err.splitlines()) == 3


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_init_template_validates_and_is_all_unanswered(tmp_path: Path, lang: str) -> None:
    code, out, _ = run("init", "--lang", lang)
    assert code == 0
    assert ("申告書" in out) == (lang == "ja")
    path = _write(tmp_path, out)
    assert run("validate", str(path))[0] == 0
    code, report, _ = run("check", str(path), "--format", "json")
    assert code == 1
    statuses = {f["status"] for f in json.loads(report)["findings"]}
    assert statuses <= {"unanswered", "not_applicable"}


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    path = _write(tmp_path, "keep me")
    code, _, err = run("init", str(path))
    assert code == 2
    assert "--force" in err
    assert path.read_text(encoding="utf-8") == "keep me"
    assert run("init", str(path), "--force")[0] == 0
    assert "schema_version" in path.read_text(encoding="utf-8")


def test_schema_is_json_schema_of_the_declaration() -> None:
    code, out, _ = run("schema")
    assert code == 0
    doc = json.loads(out)
    assert doc["$schema"].endswith("2020-12/schema")
    assert "vendor" in doc["properties"]
    assert doc["additionalProperties"] is False


def test_rules_and_explain() -> None:
    code, out, _ = run("rules", "--lang", "en", "--format", "json")
    ids = [r["id"] for r in json.loads(out)]
    assert "DS920-FA-011" in ids
    assert "DS920-FA-001" not in ids  # retired
    code, out, _ = run("rules", "--lang", "en")
    assert code == 0
    assert "DS920-FA-011" in out
    code, out, _ = run("explain", "DS920-FA-011", "--lang", "ja")
    assert code == 0
    assert "対応策" in out
    code, out, _ = run("explain", "DS920-FA-001", "--lang", "en")
    assert code == 0
    assert "retired" in out
    assert "DS920-FA-011, DS920-FA-012" in out
    code, out, _ = run("explain", "DS920-FA-001", "--lang", "ja")
    assert code == 0
    assert "廃止" in out
    code, out, _ = run("explain", "HR-REVIEW", "--lang", "en")
    assert code == 0
    assert "all_outputs" in out
    code, _, err = run("explain", "DS920-FA-01")
    assert code == 2
    assert re.search(r"did you mean DS920-FA-01\d\?", err)  # the nearest ids (015, 017)


PACK = """checklist: {id: extra, version: "1", title: {ja: 追加, en: Extra}}
rules:
  - id: MIN-X-001
    category: security
    severity: low
    title: {ja: 鍵, en: Keys}
    rationale: {ja: 理由, en: Why}
    remediation: {ja: 対応, en: Fix}
    provenance: tool
    references: [{source: Ministry policy}]
    check: {equals: {field: security.key_managment, value: customer_managed}}
"""


def test_lint_checklist(tmp_path: Path) -> None:
    good = _write(tmp_path, PACK.replace("key_managment", "key_management"), "good.yaml")
    code, out, _ = run("lint-checklist", str(good))
    assert (code, out) == (0, f"{good}: ok (1 rules)\n")
    bad = _write(tmp_path, PACK, "bad.yaml")
    code, _, err = run("lint-checklist", str(bad))
    assert code == 2
    assert err == (
        f"{bad}:11:22: field 'security.key_managment': unknown field 'key_managment' in security; "
        "did you mean 'key_management'?\n"
    )


def test_custom_pack_is_evaluated(tmp_path: Path) -> None:
    pack = _write(tmp_path, PACK.replace("key_managment", "key_management"), "pack.yaml")
    code, out, _ = run(
        "check", str(EX / "overseas-foreign-access.yaml"), "-c", str(pack), "--format", "json"
    )
    finding = next(f for f in json.loads(out)["findings"] if f["rule_id"] == "MIN-X-001")
    assert finding["status"] == "fail"
    assert code == 1


def test_example_ministry_pack_lints_and_evaluates() -> None:
    pack = EX / "packs" / "ministry-extra.yaml"
    assert run("lint-checklist", str(pack))[0] == 0
    statuses = {}
    for name in (
        "overseas-foreign-access.yaml",
        "citizen-facing-no-review.yaml",
        "domestic-low-risk.yaml",
    ):
        _, out, _ = run("check", str(EX / name), "-c", str(pack), "--format", "json")
        statuses[name] = {
            f["rule_id"]: f["status"]
            for f in json.loads(out)["findings"]
            if f["rule_id"].startswith("MIN-")
        }
    assert statuses["overseas-foreign-access.yaml"] == {
        "MIN-SEC-001": "fail",
        "MIN-QUAL-001": "not_applicable",
    }
    assert statuses["citizen-facing-no-review.yaml"] == {
        "MIN-SEC-001": "pass",
        "MIN-QUAL-001": "pass",
    }
    assert statuses["domestic-low-risk.yaml"]["MIN-QUAL-001"] == "not_applicable"


def test_broken_link_in_a_directory_is_reported_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes((EX / "domestic-low-risk.yaml").read_bytes())
    (tmp_path / "b.yaml").symlink_to(tmp_path / "gone.yaml")
    code, _, err = run("check", str(tmp_path))
    assert code == 2
    assert err.startswith(f"{tmp_path / 'b.yaml'}:1:1: ")


def test_a_file_name_that_is_not_utf8_is_printed_safely(tmp_path: Path) -> None:
    import os

    name = os.fsdecode(b"vendor-\xff.yaml")
    path = tmp_path / name
    path.write_bytes((EX / "incomplete.yaml").read_bytes())
    code, out, _ = run("validate", str(path))
    assert code == 0
    assert out.endswith("vendor-\\udcff.yaml: ok\n")


def test_findings_carry_the_evidence_the_vendor_cited() -> None:
    path = str(EX / "overseas-foreign-access.yaml")
    _, out, _ = run("check", path, "--format", "json")
    fa = next(f for f in json.loads(out)["findings"] if f["rule_id"] == "DS920-FA-004")
    assert fa["evidence"] == [
        {
            "document": "Data processing addendum",
            "section": "Annex 2",
            "page": None,
            "url": None,
            "kind": "unspecified",  # format 1.0 evidence: no kind
            "section_wide": True,  # and always the whole section's
        }
    ]
    _, text, _ = run("check", path, "--lang", "en")
    assert "Evidence: Data processing addendum §Annex 2 [kind not stated] (section-wide)" in text


@pytest.mark.parametrize(
    ("names", "gate", "expected"),
    [
        (["domestic-low-risk.yaml"], (), 0),
        (["domestic-low-risk.yaml", "overseas-foreign-access.yaml"], (), 1),
        (["domestic-low-risk.yaml", "citizen-facing-no-review.yaml"], ("--fail-on", "never"), 1),
        (
            ["overseas-foreign-access.yaml", "citizen-facing-no-review.yaml"],
            ("--fail-on", "never", "--no-fail-on-review"),
            0,
        ),
        (["domestic-low-risk.yaml", "incomplete.yaml", "BAD"], (), 2),
    ],
)
def test_json_written_as_assessed_is_the_same_document_and_gate(
    tmp_path: Path, names: list[str], gate: tuple[str, ...], expected: int
) -> None:
    # `check --format json` alone renders each report as it is assessed; with an --output it
    # keeps the reports and renders them at the end. Same bytes, same exit status.
    paths = []
    for name in names:
        path = tmp_path / name.replace("BAD", "bad.yaml")
        if name == "BAD":
            path.write_text("schema_version: '1.0'\nvendor: [\n", encoding="utf-8")
        else:
            path.write_bytes((EX / name).read_bytes())
        paths.append(str(path))
    streamed = run("check", *paths, "--format", "json", *gate)
    kept_file = tmp_path / "kept.json"
    kept = run("check", *paths, "--format", "json", "-o", f"json:{kept_file}", *gate)
    assert streamed[0] == kept[0] == expected
    assert streamed[1] == kept[1]
    assert kept_file.read_text(encoding="utf-8") == kept[1]
    assert streamed[2] == kept[2]
    doc = json.loads(streamed[1])
    good = [n for n in names if n != "BAD"]
    if len(good) == 1:
        assert doc["subject"]["declaration"].endswith(good[0])
        assert "rules" in doc
    else:
        assert [Path(r["subject"]["declaration"]).name for r in doc["reports"]] == good
