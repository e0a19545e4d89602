"""Validators for the IPTC standards the project emits, loaded from ``../shared/standards``.

The schemas are not shipped with newsflow (licences, size); every developer and CI run has
them beside the checkout. Nothing is fetched from the network: the GeoJSON schema that
ninjs references is registered locally, and the NITF schema is imported from disk.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from lxml import etree
from referencing import Registry, Resource

STANDARDS = Path(__file__).resolve().parents[1].parent / "shared" / "standards"
NINJS_VERSIONS = ("2.1", "2.2", "3.1")

_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
)
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$")


ABSENT = "the IPTC schemas and examples (../shared/standards) are absent"


def _require(path: Path) -> Path:
    """``path``, or skip the calling test: only ever called inside tests and fixtures."""
    if not path.exists():
        pytest.skip(f"{ABSENT} ({path} not found)")
    return path


def _format_checker() -> FormatChecker:
    """jsonschema's checker plus ``date-time`` and ``uri``, which need optional packages."""
    checker = FormatChecker()

    @checker.checks("date-time")
    def is_datetime(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if not _RFC3339.match(value):
            return False
        datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        return True

    @checker.checks("uri")
    def is_uri(value: object) -> bool:
        return not isinstance(value, str) or bool(_URI.match(value))

    return checker


@cache
def ninjs_validator(version: str) -> Draft202012Validator:
    """A strict validator (formats checked) for ninjs ``version`` (2.1, 2.2 or 3.1)."""
    folder = _require(STANDARDS / "ninjs")
    schema = json.loads((folder / f"ninjs-schema_{version}.json").read_text("utf-8"))
    geojson = json.loads((folder / "GeoJSON-schema.json").read_text("utf-8"))
    registry: Registry[Any] = Registry().with_resources(
        [
            (geojson["$id"], Resource.from_contents(geojson)),
            (geojson["$id"] + "#", Resource.from_contents(geojson)),
        ]
    )
    return Draft202012Validator(schema, registry=registry, format_checker=_format_checker())


@cache
def newsml_schema() -> etree.XMLSchema:
    """NewsML-G2 2.35 All-Power *and* NITF 3.6, so the inline NITF body is checked too.

    The G2 schema takes inline XML with ``processContents="lax"``: without the NITF schema
    loaded, any body would pass. A two-line wrapper imports both.
    """
    folder = _require(STANDARDS / "newsml-g2")
    g2 = (folder / "NewsML-G2_2.35-spec-All-Power.xsd").as_uri()
    nitf = (folder / "nitf-3-6.xsd").as_uri()
    wrapper = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:import namespace="http://iptc.org/std/nar/2006-10-01/" schemaLocation="{g2}"/>
      <xs:import namespace="http://iptc.org/std/NITF/2006-10-18/" schemaLocation="{nitf}"/>
    </xs:schema>"""
    return etree.XMLSchema(etree.fromstring(wrapper, base_url=folder.as_uri() + "/"))


def newsml_examples() -> list[Path]:
    """The IPTC NewsML-G2 examples; call it inside a test (it skips when they are absent)."""
    return sorted(_require(STANDARDS / "newsml-g2" / "examples").glob("*.xml"))


def ninjs_examples() -> list[Path]:
    """The IPTC ninjs examples; call it inside a test (it skips when they are absent)."""
    return sorted(_require(STANDARDS / "ninjs" / "examples").glob("*.json"))


def example_params(kind: str) -> list[Any]:
    """Parameters for a test over every IPTC example of ``kind`` ("ninjs" or "newsml-g2").

    Safe at collection time: when ``../shared/standards`` is absent it returns one
    parameter that skips with the reason, so a lone clone collects and passes.
    """
    folder = STANDARDS / kind / "examples"
    if not folder.is_dir():
        reason = f"{ABSENT} ({folder} not found)"
        return [pytest.param(None, id="absent", marks=pytest.mark.skip(reason=reason))]
    pattern = "*.json" if kind == "ninjs" else "*.xml"
    return [pytest.param(p, id=p.name) for p in sorted(folder.glob(pattern))]
