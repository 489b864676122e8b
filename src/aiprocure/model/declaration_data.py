"""The declaration's data vocabulary per use and its exports per content type (issue 11), and how
the 1.0 spellings of the same facts are read (docs/verdicts.md sections 8.2 and 10)."""

# No `from __future__ import annotations` (see model.declaration).

from typing import Annotated, Any

from pydantic import Field

from aiprocure.model.common import NotBlank, Strict, invalid
from aiprocure.model.declaration_enums import (
    LEGACY_DATA_CLASS,
    DataClass,
    ExportContent,
    GovDataClass,
)

# The 1.0 spellings format 2.0 removed (read in 1.0 files only; ``aiprocure migrate`` rewrites
# them; sources.facts_fields names their 2.0 forms).
LEGACY_1_0_KEYS: frozenset[str] = frozenset(
    {
        "use_case.data_for_training",
        "use_case.data_for_retrieval",
        "exit.export_formats",
        "exit.export_contents",
    }
)

_Format = Annotated[str, Field(min_length=1, max_length=500), NotBlank]


class DataUse(Strict):
    """Which classes of government data each use involves (docs/verdicts.md section 8.2)."""

    training: list[GovDataClass] | None = Field(
        default=None, description="fine-tuning, continued pre-training, adapters"
    )
    retrieval: list[GovDataClass] | None = Field(
        default=None, description="a persistent knowledge base the system searches"
    )
    prompts: list[GovDataClass] | None = Field(
        default=None, description="what users type or attach in a session"
    )


class ExportEntry(Strict):
    """One content type the government can take with it, and the formats it leaves in."""

    content: ExportContent
    formats: Annotated[list[_Format], Field(min_length=1)]


def _settle(model: object, name: str, value: object) -> None:
    """Fill a derived field of a frozen model once, while it is being validated."""
    object.__setattr__(model, name, value)


def _legacy_classes(values: list[DataClass] | None) -> list[GovDataClass] | None:
    if values is None:
        return None
    return list(dict.fromkeys(LEGACY_DATA_CLASS[v.value] for v in values))


def read_legacy_data(use_case: Any) -> Any:
    """Schema 1.0's two lists are read as ``data``: ``data_for_training`` -> training,
    ``data_for_retrieval`` ("retrieval (RAG) or prompts") -> retrieval and prompts, with the 1.0
    words mapped to classes never milder than they allow (``LEGACY_DATA_CLASS``). Both forms at
    once would state one fact twice, possibly differently: an error."""
    if use_case.data_for_training is None and use_case.data_for_retrieval is None:
        return use_case
    if use_case.data is not None:
        raise invalid(
            "give use_case.data or the older data_for_training / data_for_retrieval, not both",
            "use_case.data と旧形式の data_for_training / data_for_retrieval は"
            "どちらか一方だけを記入してください",
        )
    retrieval = _legacy_classes(use_case.data_for_retrieval)
    training = _legacy_classes(use_case.data_for_training)
    _settle(use_case, "data", DataUse(training=training, retrieval=retrieval, prompts=retrieval))
    return use_case


def read_legacy_exports(exit_: Any) -> Any:
    """``exports`` and the 1.0 lists describe one fact: both at once are an error. The 1.0 lists
    are read as every listed content in every listed format; ``exports`` alone also answers
    ``export_contents`` (the contents it lists)."""
    legacy = exit_.export_formats is not None or exit_.export_contents is not None
    if exit_.exports is not None:
        if legacy:
            raise invalid(
                "give exit.exports or the older export_formats / export_contents, not both",
                "exit.exports と旧形式の export_formats / export_contents は"
                "どちらか一方だけを記入してください",
            )
        _settle(exit_, "export_contents", list(dict.fromkeys(e.content for e in exit_.exports)))
    elif exit_.export_contents is not None and exit_.export_formats:
        formats = exit_.export_formats
        _settle(
            exit_,
            "exports",
            [ExportEntry(content=c, formats=formats) for c in exit_.export_contents],
        )
    return exit_
