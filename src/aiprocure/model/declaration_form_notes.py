"""The bilingual notes (ja, en) of the keys that are not declaration fields: an evidence entry's
keys and the format 2.0 wrapper's keys (docs/declaration-format.md sections 1, 2 and 4), and the
one lookup of a note by field path that the template and the JSON Schema share."""

from aiprocure.model.declaration_notes import NOTES

EVIDENCE_NOTES: dict[str, tuple[str, str]] = {
    "evidence": (
        "裏付け資料の一覧（この事実又はセクションを確認できる文書）",
        "evidence: the documents where this fact or section can be checked",
    ),
    "evidence.document": ("文書名（必須）", "the document's name (required)"),
    "evidence.section": ("章・条・見出し", "section, clause or heading"),
    "evidence.page": ("ページ", "page"),
    "evidence.url": ("文書の URL", "the document's URL"),
    "evidence.kind": (
        "資料の種類（2.0 では必須）: contract, terms_of_service, audit_report, certification, "
        "vendor_documentation, self_assessment, third_party, unspecified",
        "the kind of source (required in 2.0): contract, terms_of_service, audit_report, "
        "certification, vendor_documentation, self_assessment, third_party, unspecified",
    ),
    "evidence.date": ("文書の日付又は版の日付（YYYY-MM-DD）", "the document's (version) date"),
    "evidence.file": (
        "申告書と同じフォルダ内のファイル（相対パス。読み取ってハッシュを計算するだけ）",
        "a file in the declaration's folder (relative path; only read and hashed)",
    ),
    "evidence.sha256": (
        "ファイルの SHA-256（16 進 64 桁。check が照合する）",
        "the file's SHA-256 (64 hex digits; check compares it)",
    ),
}

FORM_NOTES: dict[str, tuple[str, str]] = {
    "value": ("この条件で成り立つ値", "the value that holds under this condition"),
    "when": (
        "値が成り立つ条件: default（既定）, on_request（申し出により）, on_approval（事業者の承認に"
        "より）, by_configuration（設定により）, customer_steps（顧客の手順により）, "
        "customer_obligation（顧客が義務を守る間）, depends_on_region（地域による）, "
        "depends_on_deployment（デプロイの種類による）",
        "when the value holds: default, on_request, on_approval, by_configuration, "
        "customer_steps, customer_obligation, depends_on_region, depends_on_deployment",
    ),
    "detail": (
        "条件の具体的な内容（地域・設定・手順など。1〜5,000 文字）",
        "what exactly: the region, the setting, the steps (1 to 5,000 characters)",
    ),
    "ministry_commits": (
        "府省庁がその条件を満たすと約束するか（true なら値が数えられ、受入れの条件になる）",
        "does the ministry commit to meet the condition? (true: the value counts and becomes a "
        "condition of acceptance)",
    ),
    "exceptions": (
        "保存日数の例外（{value: 日数 又は null, detail, basis}）",
        "exceptions to a retention period ({value: days or null, detail, basis})",
    ),
    "exceptions.value": (
        "例外の日数（null は期限なし）",
        "the exception's days (null: open-ended)",
    ),
    "exceptions.detail": ("何を、なぜ長く保存するか", "what is kept longer, and why"),
    "exceptions.basis": (
        "期限なしの根拠: law（法令上の義務）, vendor_policy, customer_request",
        "why open-ended: law (a legal duty), vendor_policy, customer_request",
    ),
    "complete": (
        "一覧が全てか（false: 少なくともこれら）",
        "is the list complete? (false: at least these)",
    ),
    "options": (
        "選択肢の一覧（府省庁がそのうち一つを選ぶ）",
        "the alternatives, one of which the ministry chooses",
    ),
    "chosen": ("府省庁が選んだ選択肢", "the option the ministry has chosen"),
}


def note_for(path: str) -> tuple[str, str] | None:
    """The note of a field path (list items without ``[]``: ``system.models.hosting``); any
    ``evidence`` list and its entries' keys share one note each."""
    if path in NOTES:
        return NOTES[path]
    parts = path.split(".")
    if parts[-1] == "evidence":
        return EVIDENCE_NOTES["evidence"]
    if len(parts) >= 2 and parts[-2] == "evidence":
        return EVIDENCE_NOTES.get(f"evidence.{parts[-1]}")
    return None
