"""Hostile XML must be refused before anything is expanded, fetched or read from disk."""

from __future__ import annotations

import pytest

from newsflow.errors import HostileDocument, InvalidInput, PayloadTooLarge
from newsflow.formats import newsml_g2
from newsflow.formats.safe_xml import parse_xml, xml_text

G2 = b'xmlns="http://iptc.org/std/nar/2006-10-01/"'
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b']><newsItem ' + G2 + b' guid="x">&lol9;</newsItem>'
)
XXE = (b'<?xml version="1.0"?><!DOCTYPE n [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       b"<newsItem " + G2 + b' guid="x"><headline>&xxe;</headline></newsItem>')
EXTERNAL_DTD = (b'<?xml version="1.0"?>\n<!-- hi -->\n'
                b'<!DOCTYPE newsItem SYSTEM "http://attacker.invalid/evil.dtd">'
                b"<newsItem " + G2 + b' guid="x"/>')
PARAMETER_ENTITY = (b'<!DOCTYPE n [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
                    b"<newsItem " + G2 + b"/>")


@pytest.mark.parametrize("data", [BILLION_LAUGHS, XXE, EXTERNAL_DTD, PARAMETER_ENTITY],
                         ids=["billion-laughs", "xxe", "external-dtd", "parameter-entity"])
def test_doctype_documents_are_hostile(data: bytes) -> None:
    with pytest.raises(HostileDocument) as caught:
        newsml_g2.parse(data)
    assert "root:" not in str(caught.value) and "lol" not in str(caught.value)


def test_undeclared_entity_is_invalid_and_not_resolved() -> None:
    with pytest.raises(InvalidInput):
        parse_xml(b"<a>&xxe;</a>")


def test_huge_document_is_too_large() -> None:
    data = b"<newsItem " + G2 + b' guid="x">' + b"<keyword>x</keyword>" * 100_000 + b"</newsItem>"
    with pytest.raises(PayloadTooLarge):
        newsml_g2.parse(data, max_bytes=1_000_000)


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(InvalidInput):
        parse_xml(b"<a>" * 100_000 + b"</a>" * 100_000)


@pytest.mark.parametrize(
    "data",
    [b"<a>\xff\xfe</a>", b'<?xml version="1.0" encoding="ISO-8859-1"?><a>\xe9</a>',
     "<a>ä</a>".encode("utf-16"), b"<a><b></a>", b""],
    ids=["bad-utf8", "latin1", "utf16", "malformed", "empty"],
)
def test_bad_encodings_and_syntax_are_invalid(data: bytes) -> None:
    with pytest.raises(InvalidInput):
        parse_xml(data)


def test_text_input_is_refused() -> None:
    with pytest.raises(InvalidInput):
        parse_xml("<a/>")  # type: ignore[arg-type]


def test_good_utf8_with_bom_and_comment_prolog() -> None:
    prolog = b'\xef\xbb\xbf<?xml version="1.0" encoding="utf-8"?><!-- c -->'
    root = parse_xml(prolog + "<a>باكو</a>".encode())
    assert root.text == "باكو"


def test_xml_text_drops_only_unencodable_characters() -> None:
    assert xml_text("a\x00b\x1fc\td\ne\ud800f\u200fg") == "abc\td\nef\u200fg"
