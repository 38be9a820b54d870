"""Write marsad/schema/marsad-1.schema.json from the contract's dataclasses.

The enums and formats come from marsad.records; run this after adding a field
(tests/test_schema.py fails while the file and the dataclasses disagree):

    .venv/bin/python scripts/make_schema.py
"""

from __future__ import annotations

import json
from pathlib import Path

from marsad.schema import build_schema

OUT = Path(__file__).resolve().parent.parent / "marsad" / "schema" / "marsad-1.schema.json"

if __name__ == "__main__":
    OUT.write_text(json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
