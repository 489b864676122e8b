"""Hostile and broken format 2.0 declarations (tests/bad/v2/): each is refused with exact
``file:line:col: message`` lines in English and in Japanese, exit 2. The cases that cannot be files
in a repository (a symbolic link out of the folder, a loop of links, a FIFO, a file over 256 MiB,
a declaration read from standard input) are made by fixtures. An evidence file is only ever read
and hashed: a FIFO is refused without being opened for reading, and a huge file without being
read (a sparse file: no disk is used).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aiprocure import api
from aiprocure.cli import app
from aiprocure.errors import InputError
from aiprocure.sources import evidence_files

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "bad" / "v2"
DPA_SHA = "338205d7f6a3dcb7ff0adee10853f963af7b303d8451e70021ec181dc6f77793"
runner = CliRunner()

# file name -> the exact (English, Japanese) lines, without the "tests/bad/v2/<name>:" prefix.
EXPECTED: dict[str, list[tuple[str, str]]] = {
    "any-not-a-country-list.yaml": [
        (
            "3:3: vendor.country: 'any' is allowed only for a list of countries",
            "3:3: vendor.country: 'any' は国のリストにだけ書けます",
        ),
        (
            "5:3: foreign_law.subject_to: 'any' is allowed only for a list of countries",
            "5:3: foreign_law.subject_to: 'any' は国のリストにだけ書けます",
        ),
    ],
    "bad-exception.yaml": [
        (
            "6:10: retention.prompt_days.exceptions[0].value: must be a number of days (0..36500) or null (open-ended)",
            "6:10: retention.prompt_days.exceptions[0].value: 日数（0〜36500）または null（期限なし）で記入してください",
        ),
        (
            "6:53: retention.prompt_days.exceptions[0].basis: must be one of law, vendor_policy, customer_request",
            "6:53: retention.prompt_days.exceptions[0].basis: law, vendor_policy, customer_request のいずれかで記入してください",
        ),
        (
            "7:9: retention.prompt_days.exceptions[1]: an exception needs its detail (what is kept longer, and why)",
            "7:9: retention.prompt_days.exceptions[1]: 例外には detail（何を、なぜ長く保存するか）が必要です",
        ),
    ],
    "complete-on-scalar.yaml": [
        (
            "3:31: ip.ip_indemnity.complete: complete is only for a list",
            "3:31: ip.ip_indemnity.complete: complete はリストの事実にだけ書けます",
        ),
    ],
    "empty-options.yaml": [
        (
            "4:5: training_use.customer_data.options: options must be a non-empty list of {value, when, ...}",
            "4:5: training_use.customer_data.options: options は {value, when, ...} のリスト（1 つ以上）で記入してください",
        ),
    ],
    "evidence-digest-mismatch.yaml": [
        (
            "9:9: retention.prompt_days.evidence[0].sha256: evidence file 'evidence/dpa.txt' does not match its digest: declared 0000000000000000000000000000000000000000000000000000000000000000, the file's is 338205d7f6a3dcb7ff0adee10853f963af7b303d8451e70021ec181dc6f77793",
            "9:9: retention.prompt_days.evidence[0].sha256: 証拠ファイル 'evidence/dpa.txt' のダイジェストが一致しません（申告: 0000000000000000000000000000000000000000000000000000000000000000、ファイル: 338205d7f6a3dcb7ff0adee10853f963af7b303d8451e70021ec181dc6f77793）",
        ),
    ],
    "evidence-file-absolute.yaml": [
        (
            "5:44: contract.evidence[0].file: evidence file '/etc/passwd' is an absolute path; name a file inside the declaration's folder",
            "5:44: contract.evidence[0].file: 証拠ファイル '/etc/passwd': 絶対パスは使えません。申告書のフォルダ内のファイルを相対パスで指定してください",
        ),
    ],
    "evidence-file-directory.yaml": [
        (
            "5:44: contract.evidence[0].file: evidence file 'evidence' is a directory, not a file",
            "5:44: contract.evidence[0].file: 証拠ファイル 'evidence': ディレクトリです。ファイルを指定してください",
        ),
    ],
    "evidence-file-dotdot.yaml": [
        (
            "5:44: contract.evidence[0].file: evidence file '../unknown-keys.yaml' is outside the declaration's folder ('..' may not leave it)",
            "5:44: contract.evidence[0].file: 証拠ファイル '../unknown-keys.yaml': 申告書のフォルダの外にあります（'..' でフォルダの外には出られません）",
        ),
    ],
    "evidence-file-missing.yaml": [
        (
            "5:44: contract.evidence[0].file: evidence file 'evidence/not-there.pdf' does not exist",
            "5:44: contract.evidence[0].file: 証拠ファイル 'evidence/not-there.pdf': 存在しません",
        ),
    ],
    "evidence-kind-missing.yaml": [
        (
            "5:7: retention.evidence[0]: missing required key 'kind' (in format 2.0: contract, terms_of_service, audit_report, certification, vendor_documentation, self_assessment, third_party, unspecified)",
            "5:7: retention.evidence[0]: 必須のキー 'kind' がありません（形式 2.0: contract, terms_of_service, audit_report, certification, vendor_documentation, self_assessment, third_party, unspecified）",
        ),
    ],
    "evidence-kind-unknown.yaml": [
        (
            "6:38: retention.prompt_days.evidence[0].kind: write one of 'contract', 'terms_of_service', 'audit_report', 'certification', 'vendor_documentation', 'self_assessment', 'third_party' or 'unspecified' (got 'contrat')",
            "6:38: retention.prompt_days.evidence[0].kind: 'contract'、'terms_of_service'、'audit_report'、'certification'、'vendor_documentation'、'self_assessment'、'third_party'、'unspecified' のいずれかを記入してください（入力値: 'contrat'）",
        ),
        (
            "6:53: unknown key 'dat' in retention.prompt_days.evidence[0]; did you mean 'date'?",
            "6:53: 不明なキー 'dat' があります（retention.prompt_days.evidence[0]）。'date' の誤りではありませんか？",
        ),
    ],
    "evidence-sha256-malformed.yaml": [
        (
            "5:68: contract.evidence[0].sha256: write the file's SHA-256 digest: 64 lowercase hexadecimal digits (got 'sha256:ABC')",
            "5:68: contract.evidence[0].sha256: ファイルの SHA-256 ダイジェスト（小文字の 16 進数 64 桁）を記入してください（入力値: 'sha256:ABC'）",
        ),
    ],
    "evidence-v2-key-in-v1.yaml": [
        (
            "5:36: retention.evidence[0].kind: 'kind' is a format 2.0 key; set schema_version: \"2.0\" (aiprocure migrate rewrites a 1.0 file)",
            "5:36: retention.evidence[0].kind: 'kind' は形式 2.0 のキーです。schema_version: \"2.0\" にしてください（aiprocure migrate で 1.0 から書き換えられます）",
        ),
    ],
    "exceptions-wrong-field.yaml": [
        (
            "5:5: accountability.incident_notification_hours.exceptions: exceptions are allowed only on retention.prompt_days, retention.log_days and retention.deletion_days_after_termination",
            "5:5: accountability.incident_notification_hours.exceptions: exceptions は retention.prompt_days、retention.log_days、retention.deletion_days_after_termination にだけ書けます",
        ),
    ],
    "list-item-wrapper.yaml": [
        (
            "5:7: security.certifications[1]: a list item is not a fact; put the conditions on the whole list (or on the item's fields)",
            "5:7: security.certifications[1]: リストの項目は事実ではありません。条件はリスト全体（または項目のフィールド）に書いてください",
        ),
    ],
    "option-not-a-mapping.yaml": [
        (
            "4:15: retention.prompt_days.options[0]: an option is a mapping with a value",
            "4:15: retention.prompt_days.options[0]: 選択肢は value を持つマッピングで記入してください",
        ),
    ],
    "nested-wrapper.yaml": [
        (
            "4:37: vendor.parent_company.country: a wrapper (value/options) inside another wrapper is not allowed; state the conditions once, on the outer fact",
            "4:37: vendor.parent_company.country: 条件付きの記述（value/options）の中に別の条件付きの記述は書けません",
        ),
    ],
    "options-bomb.yaml": [
        (
            "1005:9: list has 1001 items; the limit is 1000",
            "1005:9: リストの項目が 1001 個あります。上限は 1000 個です",
        ),
    ],
    "removed-spellings.yaml": [
        (
            "3:3: use_case.data_for_training is a format 1.0 key, removed in 2.0: write use_case.data.training (aiprocure migrate rewrites it)",
            "3:3: use_case.data_for_training は形式 1.0 のキーで、2.0 にはありません。use_case.data.training に書いてください（aiprocure migrate で書き換えられます）",
        ),
        (
            "5:3: exit.export_formats is a format 1.0 key, removed in 2.0: write exit.exports (formats per content) (aiprocure migrate rewrites it)",
            "5:3: exit.export_formats は形式 1.0 のキーで、2.0 にはありません。exit.exports（内容ごとの形式） に書いてください（aiprocure migrate で書き換えられます）",
        ),
        (
            "6:3: exit.export_contents is a format 1.0 key, removed in 2.0: write exit.exports (formats per content) (aiprocure migrate rewrites it)",
            "6:3: exit.export_contents は形式 1.0 のキーで、2.0 にはありません。exit.exports（内容ごとの形式） に書いてください（aiprocure migrate で書き換えられます）",
        ),
    ],
    "two-chosen.yaml": [
        (
            "6:9: data_locations.storage.options[1]: more than one option is chosen",
            "6:9: data_locations.storage.options[1]: chosen: true の選択肢が複数あります",
        ),
    ],
    "two-defaults.yaml": [
        (
            "6:9: security.key_management.options[1]: more than one option is the default (an option without `when` is a default)",
            "6:9: security.key_management.options[1]: 既定（default）の選択肢が複数あります（when のない選択肢は既定です）",
        ),
    ],
    "unknown-wrapper-key.yaml": [
        (
            "5:5: retention.prompt_days: unknown key 'wen' in a fact's wrapper; did you mean 'when'?",
            "5:5: retention.prompt_days: 事実の記述に不明なキー 'wen' があります。'when' の誤りではありませんか？",
        ),
    ],
    "value-and-options.yaml": [
        (
            "3:3: retention.log_days: give either value or options, not both",
            "3:3: retention.log_days: value と options はどちらか一方だけを記入してください",
        ),
    ],
    "when-not-a-kind.yaml": [
        (
            "3:27: retention.prompt_days.when: 'on_requets' is not a condition kind; did you mean 'on_request'?",
            "3:27: retention.prompt_days.when: 'on_requets' は条件の種類ではありません。'on_request' の誤りではありませんか？",
        ),
    ],
    "wrapper-in-v1.yaml": [
        (
            '3:3: retention.prompt_days: a fact with conditions (value/options) is format 2.0; set schema_version: "2.0" (aiprocure migrate rewrites a 1.0 file)',
            '3:3: retention.prompt_days: 条件付きの事実（value/options）は形式 2.0 です。schema_version: "2.0" にしてください（aiprocure migrate で 1.0 から書き換えられます）',
        ),
    ],
    "wrapper-missing-value.yaml": [
        (
            "3:3: retention.prompt_days: a fact with conditions needs its value (value: ...) or options (options: [...])",
            "3:3: retention.prompt_days: 条件付きの事実には value または options が必要です",
        ),
    ],
}
ACCEPTED = {"valid-with-evidence-file.yaml"}


def cli(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin, env={"LANG": "C", "SOURCE_DATE_EPOCH": ""})
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_corpus_and_expectations_match() -> None:
    assert {p.name for p in BAD.glob("*.yaml")} == set(EXPECTED) | ACCEPTED


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_2_0_file_is_refused_with_exact_messages(name: str, lang: str) -> None:
    path = f"tests/bad/v2/{name}"
    code, out, err = cli("validate", "--lang", lang, path)
    assert code == 2
    assert out == ""
    index = 0 if lang == "en" else 1
    assert err.splitlines() == [f"{path}:{pair[index]}" for pair in EXPECTED[name]]


def test_an_evidence_file_is_hashed_and_recorded() -> None:
    _, doc = api.load_declaration(BAD / "valid-with-evidence-file.yaml")
    assert [(f.path, f.sha256, f.size, f.declared) for f in doc.facts.evidence_files] == [
        ("./evidence/dpa.txt", DPA_SHA, 42, False),
        ("evidence/dpa.txt", DPA_SHA, 42, True),
    ]
    info = doc.facts.get(("retention", "prompt_days"))
    assert info is not None
    (entry,) = info.evidence
    assert (entry.file, entry.sha256, entry.digest_declared, entry.date) == (
        "evidence/dpa.txt",
        DPA_SHA,
        True,
        "2026-04-01",
    )


def _declaration(folder: Path, file: str) -> Path:
    path = folder / "d.yaml"
    path.write_text(
        'schema_version: "2.0"\ncontract:\n  governing_law: JP\n  evidence:\n'
        f"    - {{document: Contract, kind: contract, file: {file}}}\n",
        encoding="utf-8",
    )
    return path


def _refusal(folder: Path, file: str) -> str:
    with pytest.raises(InputError) as caught:
        api.load_declaration(_declaration(folder, file))
    (problem,) = caught.value.problems
    assert (problem.line, problem.col) == (5, 44)
    return problem.message.removeprefix("contract.evidence[0].file: ")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inside = tmp_path / "package"
    inside.mkdir()
    (tmp_path / "secret.txt").write_text("outside\n", encoding="utf-8")
    return inside


def test_a_symbolic_link_out_of_the_folder_is_refused(folder: Path) -> None:
    (folder / "link.pdf").symlink_to(folder.parent / "secret.txt")
    assert _refusal(folder, "link.pdf") == (
        "evidence file 'link.pdf' is a symbolic link to a place outside the declaration's folder"
    )


def test_a_symbolic_link_inside_the_folder_is_followed(folder: Path) -> None:
    (folder / "real.pdf").write_bytes(b"%PDF")
    (folder / "link.pdf").symlink_to("real.pdf")
    _, doc = api.load_declaration(_declaration(folder, "link.pdf"))
    assert [f.size for f in doc.facts.evidence_files] == [4]


def test_a_loop_of_symbolic_links_is_refused(folder: Path) -> None:
    (folder / "a.pdf").symlink_to("b.pdf")
    (folder / "b.pdf").symlink_to("a.pdf")
    assert _refusal(folder, "a.pdf") == "evidence file 'a.pdf' is a loop of symbolic links"


def test_a_fifo_is_never_opened(folder: Path) -> None:
    os.mkfifo(folder / "pipe.pdf")
    assert _refusal(folder, "pipe.pdf") == (
        "evidence file 'pipe.pdf' is not a regular file (a FIFO, socket or device is never read)"
    )


def test_a_file_over_256_mib_is_refused_unread(folder: Path) -> None:
    with (folder / "huge.pdf").open("wb") as fh:
        fh.truncate(evidence_files.MAX_EVIDENCE_BYTES + 1)  # sparse: no disk used
    assert _refusal(folder, "huge.pdf") == (
        "evidence file 'huge.pdf' is 268435457 bytes; the limit is 268435456"
    )


def test_dotdot_inside_the_folder_is_allowed_and_out_of_it_refused(folder: Path) -> None:
    (folder / "sub").mkdir()
    (folder / "a.pdf").write_bytes(b"x")
    _, doc = api.load_declaration(_declaration(folder, "sub/../a.pdf"))
    assert [f.size for f in doc.facts.evidence_files] == [1]
    assert _refusal(folder, "sub/../../secret.txt") == (
        "evidence file 'sub/../../secret.txt' is outside the declaration's folder "
        "('..' may not leave it)"
    )


def test_standard_input_has_no_folder_for_evidence_files() -> None:
    text = (BAD / "valid-with-evidence-file.yaml").read_text(encoding="utf-8")
    code, _, err = cli("validate", "-", stdin=text)
    assert code == 2
    assert err.splitlines()[0] == (
        "-:9:9: retention.prompt_days.evidence[0].file: evidence file 'evidence/dpa.txt' cannot be "
        "checked: a declaration read from standard input has no folder; give the declaration's "
        "path instead"
    )
