"""Readable names of declared values, in Japanese and English, for a reader who never wrote YAML.

A finding's message and its "Declared" lines show what the vendor wrote: ``[public, personal]``
under ``use_case.data.retrieval`` reads 「公開情報、個人情報」 / "public information, personal
information". The vocabulary a value belongs to depends on its field (``public`` is a data class
under ``use_case.data`` and an audience under ``use_case.users``), so names are looked up by
field path. A value with no name here is shown as written; a mapping (a model entry, an export)
as ``key: value`` pairs. Pure functions, no I/O.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from aiprocure.model.countries import covers_every_country

_DATA_CLASSES: dict[str, tuple[str, str]] = {
    "public": ("公開情報", "public information"),
    "class1": ("機密性1情報", "class-1 (機密性1) information"),
    "class2": ("機密性2情報", "class-2 confidential (機密性2) information"),
    "class3": ("機密性3情報", "class-3 confidential (機密性3) information"),
    "internal": ("内部情報（機密性2とみなす）", "internal information (read as 機密性2)"),
    "confidential": ("機密情報（機密性3とみなす）", "confidential information (read as 機密性3)"),
    "personal": ("個人情報", "personal information"),
    "sensitive_personal": ("要配慮個人情報", "sensitive personal information (要配慮個人情報)"),
    "my_number": ("特定個人情報", "My Number information (特定個人情報)"),
}

_EXPORT_CONTENTS: dict[str, tuple[str, str]] = {
    "prompts": ("入力（プロンプト）", "prompts"),
    "outputs": ("出力", "outputs"),
    "logs": ("ログ", "logs"),
    "user_data": ("利用者データ", "user data"),
    "knowledge_base": ("ナレッジベース", "knowledge base"),
    "embeddings": ("埋め込み（ベクトル）", "embeddings"),
    "fine_tuned_models": ("追加学習済みモデル", "fine-tuned models"),
    "configuration": ("設定", "configuration"),
}

_TRAINING_POLICY: dict[str, tuple[str, str]] = {
    "never": ("学習に使わない", "never used for training"),
    "opt_in": ("同意した場合のみ学習に使う（オプトイン）", "used only on opt-in"),
    "opt_out": ("拒否しない限り学習に使う（オプトアウト）", "used unless the customer opts out"),
    "always": ("常に学習に使う", "always used for training"),
}

_USERS: dict[str, tuple[str, str]] = {
    "staff_only": ("職員のみ", "staff only"),
    "staff_and_contractors": ("職員と委託先", "staff and contractors"),
    "other_agencies": ("他の行政機関", "other agencies"),
    "public": ("国民等の外部者", "the public"),
}

_TASK_NATURE: dict[str, tuple[str, str]] = {
    "internal_support": ("内部事務の支援", "internal clerical support"),
    "public_information": ("公開情報の案内", "public information"),
    "policy_making": ("政策決定", "policy making"),
    "rights_and_obligations": ("国民の権利義務に関わる業務", "citizens' rights and obligations"),
    "safety_critical": ("安全に関わる業務", "safety-critical work"),
}

_STAFF_REVIEW: dict[str, tuple[str, str]] = {
    "all_outputs": ("全件を職員が確認", "staff review every output"),
    "sampled": ("抽出して職員が確認", "staff review a sample"),
    "none": ("職員の確認なし", "no staff review"),
}

_HOSTING: dict[str, tuple[str, str]] = {
    "vendor_cloud": ("事業者のクラウド", "the vendor's cloud"),
    "third_party_cloud": ("第三者のクラウド", "a third-party cloud"),
    "government_cloud": ("ガバメントクラウド", "the Government Cloud"),
    "on_premises": ("オンプレミス", "on premises"),
    "model_provider_api": ("モデル提供者の API", "the model provider's API"),
    "provider_api": ("モデル提供者の API", "the model provider's API"),
    "platform": ("クラウド・AI プラットフォーム", "a cloud or AI platform"),
}

# field path (as a finding's ``observed`` names it) -> its vocabulary
_BY_FIELD: dict[str, dict[str, tuple[str, str]]] = {
    "use_case.data": _DATA_CLASSES,
    "use_case.data.training": _DATA_CLASSES,
    "use_case.data.retrieval": _DATA_CLASSES,
    "use_case.data.prompts": _DATA_CLASSES,
    "use_case.data_for_training": _DATA_CLASSES,
    "use_case.data_for_retrieval": _DATA_CLASSES,
    "exit.export_contents": _EXPORT_CONTENTS,
    "exit.exports.content": _EXPORT_CONTENTS,
    "training_use.customer_data": _TRAINING_POLICY,
    "use_case.users": _USERS,
    "use_case.task_nature": _TASK_NATURE,
    "use_case.staff_review": _STAFF_REVIEW,
    "system.models[].hosting": _HOSTING,
    "system.models.hosting": _HOSTING,
}

_NOT_DECLARED = ("未回答", "not answered")
_NOTHING = ("なし", "none")
_ANY_REGION = ("任意の国・地域", "any region")  # format 2.0 `any`: every assigned code


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def value_name(field: str, value: object, lang: str) -> str:
    """One declared value (a scalar, a list or a mapping) of ``field`` as readable text."""
    i = 0 if lang == "ja" else 1
    if value is None:
        return _NOT_DECLARED[i]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
        if not items:
            return _NOTHING[i]
        if covers_every_country(items):
            return _ANY_REGION[i]
        return ("、" if lang == "ja" else ", ").join(value_name(field, v, lang) for v in items)
    if isinstance(value, Mapping):
        return " / ".join(f"{k}: {value_name(f'{field}.{k}', v, lang)}" for k, v in value.items())
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        # an object the engine recorded as compact JSON (``engine.context``)
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict):
            return value_name(field, parsed, lang)
    names = _BY_FIELD.get(field)
    if names is not None and isinstance(value, str) and value in names:
        return names[value][i]
    return str(value)


# A rule message's placeholders (filled by ``engine.messages`` for a failing finding).
SLOTS = ("limit", "value", "expected", "missing", "outside", "found")
PLACEHOLDER = re.compile(r"\{(" + "|".join(SLOTS) + r")\}|\{field:([A-Za-z0-9_.\[\]]+)\}")

_SLOT_WORDS: dict[str, tuple[str, str]] = {
    "limit": ("〈上限・下限〉", "⟨limit⟩"),
    "value": ("〈申告値〉", "⟨declared value⟩"),
    "expected": ("〈求められる値〉", "⟨expected values⟩"),
    "missing": ("〈不足する値〉", "⟨missing values⟩"),
    "outside": ("〈認められない値〉", "⟨values not allowed⟩"),
    "found": ("〈該当する値〉", "⟨values found⟩"),
}


def template_text(text: str, lang: str) -> str:
    """A message template for a reader (the rule catalogue): each placeholder as words."""
    i = 0 if lang == "ja" else 1

    def word(m: re.Match[str]) -> str:
        if m.group(2) is not None:
            return f"〈{m.group(2)} の申告値〉" if i == 0 else f"⟨declared {m.group(2)}⟩"
        return _SLOT_WORDS[m.group(1)][i]

    return PLACEHOLDER.sub(word, text)
