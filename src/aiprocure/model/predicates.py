"""What a checklist may call with ``predicate:``: each named predicate's arguments, the declaration
fields it reads, and what it means in both languages.

The implementations live in ``engine.predicates`` (one function per signature; a test checks both
ways that every signature has exactly one implementation and every implementation a signature).
Keeping the signatures here lets ``sources.crossref`` check a checklist's predicate calls without
importing the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiprocure.model.common import Text

DATA_LOCATION_FIELDS = (
    "data_locations.storage",
    "data_locations.processing",
    "data_locations.backup",
    "data_locations.logs",
)

# Arguments that name a country: validated as ``model.common.Country`` when a checklist is read.
COUNTRY_ARGUMENTS = frozenset({"home_country"})


@dataclass(frozen=True)
class PredicateSignature:
    name: str
    args: dict[str, type]  # allowed argument names and their types (every argument is optional)
    fields: tuple[str, ...]  # declaration fields it reads (for locations and messages)
    description: Text


def _sig(
    name: str, args: dict[str, type], fields: tuple[str, ...], ja: str, en: str
) -> tuple[str, PredicateSignature]:
    return name, PredicateSignature(name, args, fields, Text(ja=ja, en=en))


SIGNATURES: dict[str, PredicateSignature] = dict(
    [
        _sig(
            "no_foreign_access_data",
            {"home_country": str},
            ("data_locations", "sub_processors.entities"),
            "データの保存・処理・バックアップ・ログの場所と、顧客データに触れる再委託先のいずれも、"
            "政府への開示を強制する法が及ぶ国にない",
            "No place where data is stored, processed, backed up or logged, and no sub-processor "
            "that touches customer data, is under a jurisdiction whose law compels disclosure to "
            "its government",
        ),
        _sig(
            "no_foreign_access_control",
            {"home_country": str},
            ("vendor.country", "vendor.parent_company.country"),
            "事業者もその親会社もそのような法域に属さない（外国親会社の国内子会社には親会社の国の法"
            "が及ぶ）",
            "Neither the vendor nor its parent company is under such a jurisdiction (a domestic "
            "subsidiary of a foreign parent is reached by the parent's law)",
        ),
        _sig(
            "evaluated_in_language",
            {"language": str},
            ("quality.evaluations",),
            "申告された評価の少なくとも 1 つがその言語（既定は ja、multi も可）を対象にしている",
            "At least one declared evaluation covers the language (ja by default; multi counts)",
        ),
        _sig(
            "no_foreign_access_models",
            {"home_country": str},
            ("system.models",),
            "提供者自身の API で利用するモデル（hosting: model_provider_api）の提供者が、開示を強制"
            "する法が及ぶ国に属さない",
            "No model reached through its provider's own API (hosting: model_provider_api) belongs "
            "to a provider under a jurisdiction whose law compels disclosure",
        ),
        _sig(
            "certified",
            {"standard": str},
            ("security.certifications",),
            "申告された認証のいずれかが、識別子としてその規格と一致する（否定や計画中の記述は一致しない）",
            "One of the declared certifications is that standard, matched as an identifier (a negation or a plan does not match)",
        ),
    ]
)
