"""Derive the compact ``mediatopics.json`` from IPTC's full Media Topics file.

Run by hand when IPTC publishes a new version; the runtime only ever reads the
derived file shipped next to this script, never ``../shared``::

    .venv/bin/python src/newsflow/text/data/make_mediatopics.py \
        ../shared/standards/mediatopics/cptall-x-all.json

Kept per concept: qcode, labels (ar, en, tr when present; IPTC has no Turkish
labels in this release, so Turkish falls back to English), the broader qcode,
and whether the concept is retired. Definitions and mappings are dropped.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SOURCE_LANGUAGES = {"ar": "ar", "en-GB": "en", "tr": "tr"}
ATTRIBUTION = "IPTC Media Topics, © IPTC, CC BY 4.0, https://iptc.org/standards/media-topics/"


def _qcode(uri: str) -> str:
    return "medtop:" + uri.rstrip("/").rsplit("/", 1)[-1]


def derive(full: dict[str, object]) -> dict[str, object]:
    """Return the compact document for the full IPTC scheme ``full``."""
    topics = []
    for concept in full["conceptSet"]:  # type: ignore[attr-defined]
        labels = {
            short: concept["prefLabel"][long].strip()
            for long, short in SOURCE_LANGUAGES.items()
            if concept["prefLabel"].get(long, "").strip()
        }
        broader = [_qcode(b) for b in concept.get("broader", [])]
        topics.append(
            {
                "qcode": concept["qcode"],
                "labels": labels,
                "broader": broader[0] if broader else None,
                "retired": "retired" in concept,
            }
        )
    return {
        "attribution": ATTRIBUTION,
        "licence": str(full.get("licenceLink", "")),
        "copyright": str(full.get("copyrightHolder", "")),
        "source": "cptall-x-all.json (IPTC Media Topics, all concepts, all languages)",
        "source_date_released": str(full.get("dateReleased", "")),
        "source_latest_modified": max(str(c.get("modified", "")) for c in full["conceptSet"]),  # type: ignore[attr-defined]
        "topics": topics,
    }


def main(argv: list[str]) -> None:
    source = Path(argv[1])
    full = json.loads(source.read_text(encoding="utf-8"))
    out = Path(__file__).with_name("mediatopics.json")
    out.write_text(
        json.dumps(derive(full), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv)
