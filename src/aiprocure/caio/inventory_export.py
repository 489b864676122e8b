"""The inventory as JSON and CSV, through the one escaping policy (``render.safe``): JSON escapes
for invisible and control characters, visible escapes and a formula guard in CSV cells."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from aiprocure.caio.inventory_entry import COLUMNS, Entry
from aiprocure.render.safe import csv_cell, json_dumps


def to_json(entries: Sequence[Entry]) -> str:
    return json_dumps([e.as_row() for e in entries], indent=2) + "\n"


def to_csv(entries: Sequence[Entry]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for e in entries:
        row = e.as_row()
        cells = []
        for c in COLUMNS:
            v = row[c]
            if c == "waivers":
                v = "; ".join(f"{x['id']}:{x['rule']}:{x['expires_on']}" for x in v)
            elif isinstance(v, list):
                v = "; ".join(v)
            elif isinstance(v, bool):
                v = "true" if v else "false"
            cells.append(csv_cell("" if v is None else str(v)))
        if e.damaged:
            cells.append(csv_cell(row["damaged"]))
        w.writerow(cells)
    return buf.getvalue()
