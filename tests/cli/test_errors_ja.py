"""Positioned input errors in Japanese: the same problems, positions and exit code as in English.

Every case runs through the real CLI three ways: under ``LANG=C`` (English, the texts pinned by
test_bad_inputs.py), under ``LANG=ja_JP.UTF-8``, and with ``--lang ja`` under ``LANG=C``; the two
Japanese runs must agree, and ``--lang en`` under a Japanese locale must give the English back.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aiprocure.cli import app
from aiprocure.errors import MAX_PROBLEMS, TOO_MANY, TOO_MANY_JA, InputError, Problem
from aiprocure.model.predicates import SIGNATURES
from aiprocure.sources import pydantic_ja
from aiprocure.sources.yamlsrc import MAX_BYTES
from tests.cli.test_bad_inputs import EXPECTED as REFUSED

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "bad"
SRC = ROOT / "src" / "aiprocure"
EX = ROOT / "examples"
OVERSEAS = EX / "overseas-foreign-access.yaml"
CORP = "1010401089234"  # the overseas example's corporate number

EN_ENV: dict[str, str | None] = {"LANG": "C", "LC_ALL": None, "LC_MESSAGES": None}
JA_ENV: dict[str, str | None] = {"LANG": "ja_JP.UTF-8", "LC_ALL": None, "LC_MESSAGES": None}
JAPANESE = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")


def run(args: list[str], env: dict[str, str | None]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args, env={"SOURCE_DATE_EPOCH": "", **env})
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stderr


def both(command: list[str], rest: list[str]) -> tuple[list[str], list[str]]:
    """(English lines, Japanese lines) of a failing run, checked for agreement between the ways
    of asking for each language."""
    code_en, en = run([*command, *rest], EN_ENV)
    code_ja, ja = run([*command, *rest], JA_ENV)
    code_opt, ja_opt = run([*command, "--lang", "ja", *rest], EN_ENV)
    code_back, en_back = run([*command, "--lang", "en", *rest], JA_ENV)
    assert (code_en, code_ja, code_opt, code_back) == (2, 2, 2, 2)
    assert ja_opt == ja
    assert en_back == en
    en_lines, ja_lines = en.splitlines(), ja.splitlines()
    assert len(en_lines) == len(ja_lines)
    for e, j in zip(en_lines, ja_lines, strict=True):
        prefix = re.match(r"^.*?:\d+:\d+: ", e)
        assert prefix is not None, e
        assert j.startswith(prefix.group())  # same file:line:col, same order
        assert j != e
        assert JAPANESE.search(j[prefix.end() :]), j
    return en_lines, ja_lines


def messages(lines: list[str], path: Path) -> list[str]:
    """The lines without the ``path:`` prefix."""
    prefix = f"{path}:"
    assert all(line.startswith(prefix) for line in lines), lines
    return [line[len(prefix) :] for line in lines]


# tests/bad/<name> -> the exact Japanese lines (without the path), one per error kind.
CORPUS_JA: dict[str, list[str]] = {
    "empty.yaml": ["1:1: 文書が空です。YAML のマッピングが必要です"],
    "binary-nul.yaml": [
        "3:11: バイナリファイルです（NUL バイトを含みます）。UTF-8 の YAML テキストが必要です"
    ],
    "shift-jis.yaml": [
        "4:9: UTF-8 として読めないバイト（0x8a）があります。ファイルを UTF-8 で保存してください"
    ],
    "utf-16-bom.yaml": ["1:1: ファイルが UTF-16 です。UTF-8 で保存してください"],
    "utf-16-no-bom.yaml": [
        "1:1: ファイルが BOM なしの UTF-16 のようです。UTF-8 で保存してください"
    ],
    "deep-nesting.yaml": ["68:131: 入れ子が 64 段を超えています"],
    "deep-flow.yaml": ["3:1008: YAML の構文エラー: 入れ子が深すぎます"],
    "alias-bomb.yaml": ["3:8: 展開すると 100000 ノードを超えます（エイリアスの多重展開の疑い）"],
    "duplicate-list-item.yaml": [
        "6:7: キー 'country' が重複しています（最初の定義: 5行 7列）",
        "7:33: キー 'name' が重複しています（最初の定義: 7行 8列）",
    ],
    "tag-python-apply.yaml": [
        "3:9: タグ 'tag:yaml.org,2002:python/object/apply:os.system' は使用できません"
    ],
    "merge-key.yaml": ["4:3: マージキー（<<）は使用できません。キーをすべて書き出してください"],
    "wrong-types.yaml": [
        "3:3: vendor.name: 文字列を記入してください",
        "4:3: vendor.has_parent_company: true または false を記入してください（入力値: 'maybe'）",
        "6:3: retention.prompt_days: 整数を記入してください（入力値: 'thirty'）",
        "7:3: retention.log_days: 整数を記入してください（入力値: 1.5）",
        "9:3: data_locations.storage: 1 項目でもリストで記入してください: [JP]"
        "（又は 1 項目ずつ '- ' で始まる行）（入力値: 'JP'）",
        "11:3: quality.sla_availability_percent: 100 以下の値を記入してください（入力値: 101）",
    ],
    "schema-version-number.yaml": [
        "1:1: schema_version: '1.0'、'2.0' のいずれかを記入してください（入力値: 1.0）。"
        "テキストにするには引用符で囲んでください"
    ],
    # what to write instead (sources/fixhints.py), as in English
    "country-name.yaml": [
        "3:3: vendor.country: ISO 3166-1 の 2 文字の国コード（JP など）を記入してください"
        "（'Japan' は国コードではありません）",
        "7:17: sub_processors.entities[0].country: ISO 3166-1 の 2 文字の国コード（US など）を"
        "記入してください（'米国' は国コードではありません）",
    ],
    "list-as-text.yaml": [
        "3:3: data_locations.storage: リストで記入してください: [JP, US]"
        "（又は 1 項目ずつ '- ' で始まる行）（入力値: 'JP, US'）",
        "4:3: data_locations.processing: 1 項目でもリストで記入してください: [JP]"
        "（又は 1 項目ずつ '- ' で始まる行）（入力値: 'JP'）",
    ],
    "date-unpadded.yaml": [
        "2:1: declared_on: 日付は YYYY-MM-DD の形式で記入してください（この場合 2026-11-05）"
        "（入力値: '2026-11-5'）"
    ],
    "boolean-yes.yaml": [
        "4:3: vendor.has_parent_company: true または false を記入してください（'yes' なら true）",
        "6:3: sub_processors.customer_can_object: true または false を記入してください"
        "（'はい' なら true）",
    ],
    "corporate-number-hyphens.yaml": [
        "4:3: vendor.corporate_number: 法人番号はハイフンや空白を除いた 13 桁を引用符で囲んで"
        "記入してください: \"6010001012335\"（入力値: '6-0100-0101-2335'）"
    ],
    "indent-key-column0.yaml": [
        "5:1: YAML の構文エラー: キー 'has_parent_company' が 1 桁目にあり、前後のキー（3 桁目）"
        "より左にあるため、次の字下げされた行が不正になっています。'has_parent_company' を 3 桁目"
        "まで字下げしてください"
    ],
    "unknown-keys.yaml": [
        "2:1: 不明なキー 'vendr' があります（トップレベル）。'vendor' の誤りではありませんか？",
        "5:3: 不明なキー 'customer_dta' があります（training_use）。"
        "'customer_data' の誤りではありませんか？",
        "8:7: sub_processors.entities[0]: 必須のキー 'country' がありません",
        "8:18: 不明なキー 'contry' があります（sub_processors.entities[0]）。"
        "'country' の誤りではありませんか？",
    ],
    "multi-document.yaml": [
        "2:1: YAML の構文エラー: 文書が複数あります（---）。申告書は 1 ファイルに 1 つにしてください"
    ],
    "top-level-list.yaml": ["1:1: トップレベルは YAML のマッピング（キー: 値）にしてください"],
    "nan.yaml": ["3:3: quality.sla_availability_percent: 数値を記入してください（入力値: '.nan'）"],
    "corporate-number-check-digit.yaml": [
        "4:3: vendor.corporate_number: 法人番号は検査用数字の正しい 13 桁の数字で記入してください"
        "（入力値: '7000012050003'）"
    ],
    "corporate-number-unquoted.yaml": [
        "4:3: vendor.corporate_number: 文字列を記入してください（入力値: 7000012050002）。"
        "テキストにするには引用符で囲んでください"
    ],
    "raw-escape.yaml": ["3:9: 制御文字 U+001B は使用できません"],
    "line-separator.yaml": [
        "3:10: U+2028 LINE SEPARATOR は使用できません。通常の改行を使ってください"
    ],
    "syntax-error.yaml": ["4:1: YAML の構文エラー: ',' または ']' が見つかりません"],
    "tab-indent.yaml": [
        "3:1: YAML の構文エラー: トークンを始められない文字があります（タブによる字下げは使えません）"
    ],
    "complex-key.yaml": ["2:3: マッピングのキーは単純なテキストにしてください"],
}


@pytest.mark.slow  # four CLI runs per file of the corpus
@pytest.mark.parametrize("name", sorted(CORPUS_JA))
def test_corpus_in_japanese(name: str) -> None:
    path = BAD / name
    _, ja = both(["validate"], [str(path)])
    assert messages(ja, path) == CORPUS_JA[name]


def _corpus_errors() -> list[Path]:
    # The refused files, as test_bad_inputs lists them (it checks the list against the CLI), so that
    # collecting this module runs no command.
    return [BAD / name for name in sorted(REFUSED)]


@pytest.mark.slow  # four CLI runs per file of the corpus
@pytest.mark.parametrize("path", _corpus_errors(), ids=lambda p: p.name)
def test_every_bad_file_has_japanese(path: Path) -> None:
    """No line of any hostile file falls back to English (``both`` checks each line)."""
    both(["validate"], [str(path)])
    both(["check"], [str(path)])


GENERATED = """schema_version: "1.0"
declared_on: 2026-13-45
vendor:
  name: ""
  country: jp
  evidence:
    - {document: X, page: 0, url: "not a url"}
system: just text
use_case:
  users: everyone
"""


def test_generated_pydantic_errors(tmp_path: Path) -> None:
    path = tmp_path / "vendor.yaml"
    path.write_text(GENERATED, encoding="utf-8")
    en, ja = both(["validate"], [str(path)])
    assert messages(ja, path) == [
        "2:1: declared_on: 存在しない日付です。2026-11-05 のように YYYY-MM-DD の形式で記入してください"
        "（入力値: '2026-13-45'）",
        "4:3: vendor.name: 1 文字以上で記入してください（入力値: ''）",
        "5:3: vendor.country: ISO 3166-1 の 2 文字の国コード（JP など）を記入してください"
        "（'jp' は国コードではありません）",
        "7:21: vendor.evidence[0].page: 1 以上の値を記入してください（入力値: 0）",
        "7:30: vendor.evidence[0].url: 有効な URL を記入してください（入力値: 'not a url'）",
        "8:1: system: マッピング（キー: 値）を記入してください（入力値: 'just text'）",
        "10:3: use_case.users: 'staff_only'、'staff_and_contractors'、'other_agencies'、'public'"
        " のいずれかを記入してください（入力値: 'everyone'）",
    ]
    assert messages(en, path) == [
        "2:1: declared_on: there is no such day; write a date as YYYY-MM-DD, such as 2026-11-05"
        " (got '2026-13-45')",
        "4:3: vendor.name: write at least 1 character (got '')",
        "5:3: vendor.country: use a two-letter ISO 3166-1 code such as JP ('jp' is not one)",
        "7:21: vendor.evidence[0].page: write 1 or more (got 0)",
        "7:30: vendor.evidence[0].url: write a valid URL, such as https://example.jp/doc.pdf"
        " (got 'not a url')",
        "8:1: system: write a mapping (key: value lines) (got 'just text')",
        "10:3: use_case.users: write one of 'staff_only', 'staff_and_contractors',"
        " 'other_agencies' or 'public' (got 'everyone')",
    ]
    assert not any("^" in line or "pattern" in line for line in en + ja)


def test_missing_file_too_big_and_long_text(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    _, ja = both(["validate"], [str(missing)])
    assert messages(ja, missing) == ["1:1: ファイルが見つかりません"]
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    _, ja = both(["check"], [str(big)])
    assert messages(ja, big) == [
        f"1:1: ファイルが {MAX_BYTES + 3} バイトあります。上限は {MAX_BYTES} バイトです"
    ]
    long = tmp_path / "long.yaml"
    long.write_text(f'schema_version: "1.0"\nvendor: {{name: {"x" * 501}}}\n', encoding="utf-8")
    _, ja = both(["validate"], [str(long)])
    assert messages(ja, long)[0].startswith("2:10: vendor.name: 500 文字以下で記入してください")


def test_too_many_problems(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(
        'schema_version: "1.0"\n' + "".join(f"k{i}: 1\n" for i in range(150)), encoding="utf-8"
    )
    en, ja = both(["validate"], [str(path)])
    assert len(ja) == MAX_PROBLEMS + 1
    assert en[-1].endswith(TOO_MANY)
    assert ja[-1] == f"{path}:{MAX_PROBLEMS + 2}:1: {TOO_MANY_JA}"


PACK = """checklist: {id: extra, version: "1", title: {ja: 追加, en: Extra}}
rules:
  - id: MIN-X-001
    category: securty
    severity: low
    title: {ja: 鍵, en: Keys}
    rationale: {ja: 理由, en: Why}
    remediation: {ja: 対応, en: Fix}
    provenance: tool
    references: [{source: Ministry policy}]
    check: {all: [{one_of: {field: use_case.users, values: [everyone]}}, {predicate: {name: nope}}]}
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


def test_checklist_cross_checks(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK, encoding="utf-8")
    _, ja = both(["lint-checklist"], [str(path)])
    got = messages(ja, path)
    assert got[0].startswith("4:5: 不明なカテゴリ 'securty' です（定義済み: accountability, ")
    assert got[1:] == [
        "11:52: 'everyone' は use_case.users の値ではありません"
        "（staff_only, staff_and_contractors, other_agencies, public のいずれか）",
        "11:87: 不明な述語 'nope' です（定義済み: " + ", ".join(sorted(SIGNATURES)) + "）",
        f"12:5: 項目 ID 'MIN-X-001' が重複しています（最初の定義: {path}）",
        "20:22: フィールド 'security.key_managment': 不明なフィールド 'key_managment' です"
        "（security）。'key_management' の誤りではありませんか？",
    ]


def test_checklist_condition_errors(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(
        PACK.replace("category: securty", "category: security")
        .replace(
            "  - id: MIN-X-001\n    category: security",
            "  - id: MIN-X-002\n    category: security",
            1,
        )
        .replace(
            "{equals: {field: security.key_managment", "{equal: {field: security.key_management"
        )
        .replace("values: [everyone]", "values: [public], list: x"),
        encoding="utf-8",
    )
    _, ja = both(["lint-checklist"], [str(path)])
    assert messages(ja, path) == [
        "11:20: rules[0].check.all[0].one_of: `values` と `list` のどちらか一方だけを指定してください",
        "20:5: rules[1].check: 条件は演算子を 1 つだけ持つマッピングで書いてください（equals, one_of, "
        "all_in, none_in, contains_all, at_least, at_most, present, non_empty, matches, predicate, "
        "all, any, not）。'equals' の誤りではありませんか？",
    ]


def _waiver(wid: str, rule: str = "DS920-LOCK-001", approved: str = "2026-01-01") -> str:
    return (
        f"  - id: {wid}\n"
        f"    rule: {rule}\n"
        f'    scope: {{corporate_number: "{CORP}"}}\n'
        "    justification: 移行計画あり\n"
        "    approver: CAIO\n"
        f"    approved_on: {approved}\n"
        "    expires_on: 2026-06-30\n"
    )


@pytest.mark.slow  # many CLI runs in both languages
def test_waiver_errors(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        "waivers:\n" + _waiver("W-1", rule="DS920-NOPE-001") + _waiver("W-1"), encoding="utf-8"
    )
    _, ja = both(["check"], [str(OVERSEAS), "--waivers", str(path), "--today", "2026-02-01"])
    assert messages(ja, path) == [
        "3:5: waivers[0].rule: 不明な項目 'DS920-NOPE-001' です",
        f"9:5: waivers[1].id: 免除 ID 'W-1' が重複しています（最初の定義: {path}:2）",
    ]
    path.write_text("waivers:\n" + _waiver("W-1", approved="2026-07-01"), encoding="utf-8")
    en, ja = both(["check"], [str(OVERSEAS), "--waivers", str(path), "--today", "2026-02-01"])
    assert messages(ja, path) == [
        "8:5: waivers[0].expires_on: 有効期限（expires_on）2026-06-30 が承認日（approved_on）"
        "2026-07-01 より前です（入力値: '2026-06-30'）"
    ]
    assert messages(en, path) == [
        "8:5: waivers[0].expires_on: expires_on 2026-06-30 is before approved_on "
        "2026-07-01 (got '2026-06-30')"
    ]
    path.write_text("waivers:\n" + _waiver("W-1", approved="2026-13-01"), encoding="utf-8")
    _, ja = both(["check"], [str(OVERSEAS), "--waivers", str(path), "--today", "2026-02-01"])
    assert messages(ja, path) == [
        "7:5: waivers[0].approved_on: 存在しない日付です。2026-11-05 のように YYYY-MM-DD の形式で"
        "記入してください（入力値: '2026-13-01'）"
    ]


@pytest.mark.slow  # many CLI runs in both languages
def test_config_errors_and_config_language(tmp_path: Path) -> None:
    config = tmp_path / "aiprocure.yaml"
    config.write_text("severity:\n  DS920-SEC-05: high\n", encoding="utf-8")
    _, ja = both(["check"], [str(OVERSEAS), "--config", str(config)])
    assert messages(ja, config) == [
        "2:3: severity: 不明な項目 'DS920-SEC-05' です。'DS920-SEC-005' の誤りではありませんか？"
    ]
    # A config that loads and says `lang: ja` makes later problems Japanese under LANG=C...
    config.write_text("defaults: {lang: ja}\n", encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    for command in (["check"], ["compare", str(OVERSEAS)], ["inventory", "add"]):
        code, err = run([*command, str(missing), "--config", str(config)], EN_ENV)
        assert (code, err) == (2, f"{missing}:1:1: ファイルが見つかりません\n")
        # ... unless --lang says otherwise.
        code, err = run([*command, str(missing), "--config", str(config), "--lang", "en"], JA_ENV)
        assert (code, err) == (2, f"{missing}:1:1: no such file\n")
    # Problems of files the session opens (waivers) follow the config too.
    config.write_text("defaults: {lang: ja, waivers: [missing.yaml]}\n", encoding="utf-8")
    code, err = run(["check", str(OVERSEAS), "--config", str(config)], EN_ENV)
    assert (code, err) == (2, f"{missing}:1:1: ファイルが見つかりません\n")
    # A config that does not load cannot choose: the locale (or --lang) does.
    config.write_text("defaults: {lang: ja, lnag: en}\n", encoding="utf-8")
    code, err = run(["config", "show", "--config", str(config)], EN_ENV)
    assert (code, err) == (
        2,
        f"{config}:1:22: unknown key 'lnag' in defaults; did you mean 'lang'?\n",
    )
    code, err = run(["config", "show", "--config", str(config), "--lang", "ja"], EN_ENV)
    assert err == (
        f"{config}:1:22: 不明なキー 'lnag' があります（defaults）。'lang' の誤りではありませんか？\n"
    )


def test_validate_takes_lang(tmp_path: Path) -> None:
    code, err = run(["validate", "--lang", "ja", str(tmp_path / "x.yaml")], EN_ENV)
    assert (code, err) == (2, f"{tmp_path / 'x.yaml'}:1:1: ファイルが見つかりません\n")
    code, err = run(["validate", "--lang", "en", str(tmp_path / "x.yaml")], JA_ENV)
    assert (code, err) == (2, f"{tmp_path / 'x.yaml'}:1:1: no such file\n")
    assert run(["validate", "--lang", "ja", str(EX / "domestic-low-risk.yaml")], EN_ENV)[0] == 0


def test_japanese_text_takes_no_part_in_order_or_equality() -> None:
    a = Problem("f.yaml", 2, 1, "b", "い")
    b = Problem("f.yaml", 2, 1, "b", "ろ")
    assert a == b
    assert hash(a) == hash(b)
    assert sorted([Problem("f.yaml", 3, 1, "a", "あ"), a]) == [a, Problem("f.yaml", 3, 1, "a")]
    assert str(a) == "f.yaml:2:1: b"
    assert a.show("ja") == "f.yaml:2:1: い"
    assert Problem("f.yaml", 1, 1, "only English").show("ja") == "f.yaml:1:1: only English"
    many = InputError([Problem("f.yaml", i, 1, "x", "エ") for i in range(1, 200)])
    assert many.problems[-1].show("ja") == f"f.yaml:{MAX_PROBLEMS + 1}:1: {TOO_MANY_JA}"


# --- the pydantic error-type table ----------------------------------------------------------

REQUIRED_TYPES = [
    "string_type",
    "int_type",
    "int_parsing",
    "bool_type",
    "float_type",
    "literal_error",
    "enum",
    "greater_than",
    "greater_than_equal",
    "less_than",
    "less_than_equal",
    "too_short",
    "too_long",
    "string_pattern_mismatch",
    "date_from_datetime_parsing",
    "date_parsing",
    "url_parsing",
    "url_type",
    "list_type",
    "dict_type",
    "model_type",
    "union_tag_invalid",
    "union_tag_not_found",
]
CTX = {
    "expected": "'a', 'b' or 'c'",
    "gt": 0,
    "ge": 1,
    "lt": 10,
    "le": 100.0,
    "min_length": 1,
    "max_length": 500,
    "field_type": "List",
    "pattern": "^[A-Z]{2}$",
    "tag": "x",
    "expected_tags": "'a', 'b'",
    "discriminator": "'kind'",
    "expected_schemes": "'http' or 'https'",
}


@pytest.mark.parametrize("kind", sorted(pydantic_ja.TEMPLATES))
def test_every_template_is_japanese(kind: str) -> None:
    text = pydantic_ja.sentence(kind, CTX)
    assert text is not None
    assert JAPANESE.search(text)
    assert "None" not in text
    assert pydantic_ja.sentence(kind, {}) is not None  # no ctx: still a sentence


def test_required_types_are_covered() -> None:
    assert not set(REQUIRED_TYPES) - set(pydantic_ja.TEMPLATES)
    assert (
        pydantic_ja.sentence("literal_error", CTX) == "'a'、'b'、'c' のいずれかを記入してください"
    )
    assert (
        pydantic_ja.sentence("literal_error", {"expected": "'1.0'"}) == "'1.0' と記入してください"
    )
    assert pydantic_ja.sentence("less_than_equal", CTX) == "100 以下の値を記入してください"
    assert pydantic_ja.sentence("too_short", CTX) == "要素を 1 個以上にしてください"
    assert pydantic_ja.sentence("too_short", {"min_length": 2}) == "2 文字以上で記入してください"
    assert pydantic_ja.sentence("no_such_type", CTX) is None
    assert pydantic_ja.fallback("no_such_type") == "値が正しくありません（検証エラー no_such_type）"


def test_unknown_pydantic_type_falls_back_with_where(tmp_path: Path) -> None:
    from pydantic import BaseModel, ValidationError, field_validator

    from aiprocure.sources.load import problems_from
    from aiprocure.sources.yamlsrc import parse

    class M(BaseModel):
        x: int

        @field_validator("x")
        @classmethod
        def _odd(cls, v: int) -> int:
            raise AssertionError("odd")

    doc = parse("m.yaml", b"x: 1\n")
    with pytest.raises(ValidationError) as info:
        M.model_validate(doc.data)
    (problem,) = problems_from(doc, info.value, M)
    assert (
        problem.show("ja")
        == "m.yaml:1:1: x: 値が正しくありません（検証エラー assertion_error）（入力値: 1）"
    )


# --- every Problem made in src states its Japanese ------------------------------------------

# Files outside this change's reach that still build an English-only Problem (printed in English).
ENGLISH_ONLY: set[tuple[str, str]] = set()


def test_every_problem_in_src_has_japanese() -> None:
    missing = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Problem"
            ):
                continue
            starred = any(isinstance(a, ast.Starred) for a in node.args)
            if starred or len(node.args) + len(node.keywords) >= 5:
                continue
            message = node.args[3] if len(node.args) > 3 else None
            text = str(message.value) if isinstance(message, ast.Constant) else ast.unparse(node)
            if (path.name, text) not in ENGLISH_ONLY:
                missing.append(f"{path.relative_to(SRC)}:{node.lineno}: {text}")
    assert missing == []
