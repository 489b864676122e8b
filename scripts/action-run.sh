#!/usr/bin/env bash
# The work of the GitHub Action (action.yml at the repository root), kept in a file so that it can
# be run and tested outside GitHub (tests/cli/test_action.py):
#
#   INPUT_PATHS="declarations/" INPUT_SARIF_FILE=aiprocure.sarif GITHUB_OUTPUT=/tmp/out \
#     scripts/action-run.sh
#
# Inputs (environment, as action.yml passes them): INPUT_PATHS (space-separated, default "."),
# INPUT_FAIL_ON, INPUT_LANG, INPUT_OUTPUTS (space-separated extra report files, format from the
# suffix or FORMAT:PATH), INPUT_SARIF_FILE (written for upload; empty: none), INPUT_CATEGORY
# (SARIF automationDetails.id), INPUT_ARGS (more options, space-separated). AIPROCURE names the
# command (default: aiprocure on PATH).
#
# Runs `aiprocure check --format github` (annotations, and the Markdown summary on
# $GITHUB_STEP_SUMMARY) and records `exit-code` and `sarif-file` in $GITHUB_OUTPUT. It always
# exits 0 itself, so that the action can upload the SARIF before its last step fails the job
# with the recorded exit code.
set -uo pipefail

aiprocure="${AIPROCURE:-aiprocure}"
read -r -a paths <<< "${INPUT_PATHS:-.}"
if [ "${#paths[@]}" -eq 0 ]; then
  paths=(.)
fi
args=(check "${paths[@]}" --format github)
if [ -n "${INPUT_FAIL_ON:-}" ]; then
  args+=(--fail-on "$INPUT_FAIL_ON")
fi
if [ -n "${INPUT_LANG:-}" ]; then
  args+=(--lang "$INPUT_LANG")
fi
if [ -n "${INPUT_CATEGORY:-}" ]; then
  args+=(--sarif-category "$INPUT_CATEGORY")
fi
read -r -a outputs <<< "${INPUT_OUTPUTS:-}"
for output in "${outputs[@]}"; do
  args+=(--output "$output")
done
sarif="${INPUT_SARIF_FILE:-}"
if [ -n "$sarif" ]; then
  args+=(--output "sarif:$sarif")
fi
read -r -a extra <<< "${INPUT_ARGS:-}"
args+=("${extra[@]}")

echo "aiprocure ${args[*]}" >&2
"$aiprocure" "${args[@]}"
status=$?

if [ -n "$sarif" ] && [ ! -f "$sarif" ]; then
  sarif=""  # nothing was written (a usage error): nothing to upload
fi
{
  echo "exit-code=$status"
  echo "sarif-file=$sarif"
} >> "${GITHUB_OUTPUT:-/dev/null}"
exit 0
