"""The inventory database's schema, its version and the upgrades from older versions."""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 2  # 2: determination_state, determination_reasons (issue 11)
APPLICATION_ID = 0x41495052  # "AIPR"

SCHEMA = """
CREATE TABLE assessments (
    id INTEGER PRIMARY KEY,
    declaration_sha256 TEXT NOT NULL UNIQUE,
    declaration_path TEXT NOT NULL,
    vendor TEXT,
    corporate_number TEXT,
    system TEXT,
    report_sha256 TEXT NOT NULL,
    checklists TEXT NOT NULL,
    risk_level TEXT NOT NULL,
    review_required INTEGER NOT NULL,
    review_flags TEXT NOT NULL,
    assessed_on TEXT NOT NULL,
    determination_state TEXT,
    determination_reasons TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE waivers (
    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    waiver_id TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    PRIMARY KEY (assessment_id, rule_id)
);
CREATE INDEX waivers_expiry ON waivers(expires_on);
"""


# Schema 1 -> 2: the high-risk determination's columns. Rows recorded before keep a null state
# (shown as unknown, never as not raised) until the declaration is added again.
_MIGRATIONS = {
    1: (
        "ALTER TABLE assessments ADD COLUMN determination_state TEXT",
        "ALTER TABLE assessments ADD COLUMN determination_reasons TEXT NOT NULL DEFAULT '[]'",
    ),
}


def migrate(conn: sqlite3.Connection) -> None:
    """Bring a file of an older schema up to ``SCHEMA_VERSION`` (raises sqlite3.Error)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        while version < SCHEMA_VERSION:  # another process may have upgraded it meanwhile
            for stmt in _MIGRATIONS[version]:
                conn.execute(stmt)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
