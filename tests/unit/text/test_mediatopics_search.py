"""Finding Media Topics by their label in the story's language (the desk's autocomplete)."""

from __future__ import annotations

from newsflow.text.mediatopics import search


def test_arabic_labels_folded_and_prefix_first() -> None:
    found = search("اقتصاد", "ar")
    assert found and found[0].name.startswith("اقتصاد")
    assert "medtop:04000000" in {s.qcode for s in found}
    assert search("إقتصاد", "ar")[:1] == found[:1]  # hamza variants fold together


def test_english_turkish_and_qcodes() -> None:
    assert any(s.name == "election" for s in search("Election", "en"))
    assert search("medtop:04000000", "en")[0].qcode == "medtop:04000000"
    assert len(search("e", "en", limit=5)) == 5
    assert search("   ", "en") == [] and search("zzzzqqq", "en") == []
