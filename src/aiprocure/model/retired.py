"""Retired rule IDs (``checklists/retired.yaml``): what replaced them and why.

Not a rule pack: the loader reads the file apart from the packs, and a waiver, configuration
entry or inventory row naming a retired ID is accepted with a warning naming the replacement.
"""

from typing import Annotated

from pydantic import Field

from aiprocure.model.checklist import RuleId
from aiprocure.model.common import Strict, Text

RETIRED_FILE = "retired.yaml"


class RetiredRule(Strict):
    id: RuleId
    replaced_by: Annotated[list[RuleId], Field(min_length=1)]
    retired_in: Annotated[str, Field(min_length=1)]
    reason: Text


class RetiredFile(Strict):
    retired: list[RetiredRule] = Field(default_factory=list)


def retired_warning(rule: RetiredRule) -> tuple[str, str]:
    """(English, Japanese) text of the warning for a retired rule named somewhere."""
    new = ", ".join(rule.replaced_by)
    return (
        f"rule {rule.id} was retired in {rule.retired_in}; see {new} ({rule.reason.en})",
        f"項目 {rule.id} は {rule.retired_in} で廃止されました。{new} を参照してください"
        f"（{rule.reason.ja}）",
    )


def retired_explanation(rule: RetiredRule, lang: str) -> str:
    """What ``aiprocure explain <retired ID>`` prints."""
    new = ", ".join(rule.replaced_by)
    if lang == "ja":
        return (
            f"{rule.id}（廃止）\n\n"
            f"この項目は {rule.retired_in} で廃止されました。代わりの項目: {new}\n"
            f"理由: {rule.reason.ja}\n"
            f"免除・設定・台帳でこの ID を使っている場合は、代わりの項目に書き換えてください。\n"
        )
    return (
        f"{rule.id} (retired)\n\n"
        f"This rule was retired in {rule.retired_in}. Replaced by: {new}\n"
        f"Why: {rule.reason.en}\n"
        f"Waivers, configuration and inventory rows that name this ID should name the "
        f"replacement instead.\n"
    )
