"""Commands about declarations and rule packs without an assessment: validate, init, schema,
rules, explain, lint-checklist."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from aiprocure import api
from aiprocure.caio.dates import tokyo_today
from aiprocure.cli.options import (
    ChecklistOpt,
    LangOpt,
    NoDefaultOpt,
    ProblemLangOpt,
    TodayOpt,
    fail,
    lang_of,
    print_warnings,
    today_from,
    usage,
    write,
)
from aiprocure.errors import InputError, Problem
from aiprocure.model.common import Lang
from aiprocure.model.ruleset import Ruleset
from aiprocure.render.safe import clean


def _ruleset(checklist: list[Path] | None, no_default: bool, lang: Lang) -> Ruleset:
    try:
        return api.load_checklists(checklist or [], shipped=not no_default)
    except InputError as exc:
        fail(exc.problems, lang)


def validate(
    paths: Annotated[list[Path], typer.Argument(help="Declaration files or directories of them.")],
    lang: ProblemLangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Check that declarations are well-formed (no assessment). Exit 2 on any problem."""
    language = lang_of(lang)
    day = max(today_from(today), tokyo_today())  # as a session's declared_by
    try:
        files = api.expand_paths(paths)
    except InputError as exc:
        fail(exc.problems, language)
    problems: list[Problem] = []
    for path in files:
        try:
            api.load_declaration(path, today=day)
            sys.stdout.write(f"{clean(str(path))}: ok\n")
        except InputError as exc:
            problems.extend(exc.problems)
    print_warnings(api.hidden_character_warnings(files), language)
    if problems:
        fail(problems, language)


def init(
    path: Annotated[
        Path | None, typer.Argument(help="Write the template here (default: standard output).")
    ] = None,
    lang: LangOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented blank declaration to fill in (and, beside a file, the JSON Schema its
    first line points editors at)."""
    from aiprocure.model.declaration_schema import declaration_schema
    from aiprocure.template import SCHEMA_FILE, render_template

    text = render_template(lang_of(lang))
    if path is None:
        sys.stdout.write(text)
        return
    if path.exists() and not force:
        usage(f"{path} exists; use --force to overwrite it")
    write(path, text)
    schema_path = path.parent / SCHEMA_FILE
    schema_text = json.dumps(declaration_schema(), ensure_ascii=False, indent=2) + "\n"
    if force or not schema_path.exists():
        write(schema_path, schema_text)
    elif schema_path.read_text(encoding="utf-8", errors="replace") != schema_text:
        sys.stderr.write(f"{clean(str(schema_path))} exists and differs; kept (use --force)\n")


def schema(
    report: Annotated[
        bool,
        typer.Option("--report", help="The JSON report's schema instead of the declaration's."),
    ] = False,
) -> None:
    """Print the JSON Schema of the declaration, format 2.0 (for editors), or of the JSON report."""
    if report:
        from aiprocure.render.json_schema import report_json_schema

        doc = report_json_schema()
    else:
        from aiprocure.model.declaration_schema import declaration_schema

        doc = declaration_schema()
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def rules(
    lang: LangOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, markdown or json.")] = "table",
    checklist: ChecklistOpt = None,
    no_default_checklists: NoDefaultOpt = False,
) -> None:
    """List the rules of the loaded checklists."""
    language = lang_of(lang)
    ruleset = _ruleset(checklist, no_default_checklists, language)
    if fmt == "markdown":
        from aiprocure.render.catalogue import catalogue_markdown

        sys.stdout.write(catalogue_markdown(ruleset, language))
    elif fmt == "json":
        data = [r.model_dump(mode="json", by_alias=True, exclude_none=True) for r in ruleset.rules]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "table":
        from aiprocure.render.ruleinfo import rules_table

        sys.stdout.write(rules_table(ruleset, language))
    else:
        usage(f"unknown rules format {fmt!r}; use table, markdown or json")


def explain(
    rule_id: Annotated[
        str, typer.Argument(metavar="RULE-ID", help="A rule or high-risk viewpoint ID.")
    ],
    lang: LangOpt = None,
    checklist: ChecklistOpt = None,
    no_default_checklists: NoDefaultOpt = False,
) -> None:
    """Explain one rule: what it checks, why, how to remediate, and its sources."""
    from aiprocure.render.ruleinfo import explain_text

    language = lang_of(lang)
    ruleset = _ruleset(checklist, no_default_checklists, language)
    text = explain_text(ruleset, rule_id, language)
    retired = ruleset.retired.get(rule_id.upper())
    if text is None and retired is not None:
        from aiprocure.model.retired import retired_explanation

        text = retired_explanation(retired, language)
    if text is None:
        import difflib

        ids = [r.id for r in ruleset.rules] + [
            v.id for v in (ruleset.high_risk.viewpoints if ruleset.high_risk else [])
        ]
        close = difflib.get_close_matches(rule_id.upper(), ids, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        usage(f"no rule {rule_id!r}{hint}")
    sys.stdout.write(text)


def lint_checklist(
    files: Annotated[list[Path], typer.Argument(help="Checklist (rule pack) files.")],
    standalone: Annotated[
        bool,
        typer.Option(
            "--standalone", help="Lint without the shipped packs (names must resolve within FILES)."
        ),
    ] = False,
    lang: ProblemLangOpt = None,
    allow_override: Annotated[
        bool,
        typer.Option(
            "--allow-override",
            help="Accept changes to shipped named lists, parameters and jurisdictions.",
        ),
    ] = False,
) -> None:
    """Validate custom rule packs: schema, names, fields, lists, parameters, predicates; positioned errors."""
    from aiprocure.sources.overrides import shipped_overrides

    try:
        paths = [*([] if standalone else api.shipped_checklist_paths()), *files]
        packs = api.load_checklist_docs(paths)
    except InputError as exc:
        fail(exc.problems, lang_of(lang))
    shipped = len(packs) - len(files)
    changes = shipped_overrides(packs[:shipped], packs[shipped:])
    if changes and not allow_override:
        fail(changes, lang_of(lang))
    for checklist_, doc in packs[shipped:]:
        sys.stdout.write(f"{clean(doc.path)}: ok ({len(checklist_.rules)} rules)\n")
