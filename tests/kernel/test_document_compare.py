"""Comparing two frozen documents (`kernel.documents.compare`): sections matched by their headings, the
lines of each (paragraphs, list items, table rows, fields) compared word by word."""

from samskap.kernel.documents import Block, Document, LineChange, Section, compare


def doc(title: str, *sections: Section) -> Document:
    return Document(title=title, language="nb", sections=sections)


def test_a_changed_paragraph_is_compared_word_by_word_and_unchanged_sections_say_so():
    old = doc(
        "Handlingsplan",
        Section("Innledning", (Block("paragraph", text="Regjeringen vil ha åpenhet."),)),
        Section(
            "Tiltak",
            subsections=(Section("6.1 Veileder", (Block("paragraph", text="En veileder om journalføring."),)),),
        ),
    )
    new = doc(
        "Handlingsplan",
        Section("Innledning", (Block("paragraph", text="Regjeringen vil ha åpenhet."),)),
        Section(
            "Tiltak",
            subsections=(Section("6.1 Veileder", (Block("paragraph", text="En ny veileder om arkivering."),)),),
        ),
    )
    changes = {c.headings: c for c in compare(old, new)}
    assert changes[()].kind == changes[("Innledning",)].kind == changes[("Tiltak",)].kind == "unchanged"
    changed = changes[("Tiltak", "6.1 Veileder")]
    assert changed.kind == "changed"
    assert changed.lines == (
        LineChange(
            "changed",
            (
                ("equal", "En"),
                ("insert", "ny"),
                ("equal", "veileder om"),
                ("delete", "journalføring."),
                ("insert", "arkivering."),
            ),
        ),
    )


def test_sections_added_and_removed_keep_their_place_and_a_new_title_is_a_change():
    old = doc(
        "Plan 4",
        Section("A", (Block("list", items=("første", "andre")),)),
        Section("B", (Block("fields", rows=(("Ansvarlig", "KDD"),)),)),
        Section("C"),
    )
    new = doc(
        "Plan 4B",
        Section("A", (Block("list", items=("første", "andre", "tredje")),)),
        Section("C"),
        Section("D", (Block("table", rows=(("Aktivitet", "Frist"), ("Veileder", "2026")), caption="Milepæler"),)),
    )
    changes = compare(old, new)
    assert [(c.headings, c.kind) for c in changes] == [
        ((), "changed"),
        (("A",), "changed"),
        (("B",), "removed"),  # where it was, after A
        (("C",), "unchanged"),
        (("D",), "added"),
    ]
    title, a, b, _c, d = changes
    assert title.lines == (LineChange("changed", (("equal", "Plan"), ("delete", "4"), ("insert", "4B"))),)
    assert a.lines == (LineChange("added", (("insert", "• tredje"),)),)
    assert b.lines == (LineChange("removed", (("delete", "Ansvarlig: KDD"),)),)
    assert [line.segments for line in d.lines] == [
        (("insert", "Milepæler"),),
        (("insert", "Aktivitet | Frist"),),
        (("insert", "Veileder | 2026"),),
    ]


def test_the_same_document_has_no_change():
    same = doc("Plan", Section("A", (Block("paragraph", text="Tekst."),), (Section("A.1"),)))
    assert {c.kind for c in compare(same, same)} == {"unchanged"}


def test_a_section_whose_heading_changed_a_little_is_the_same_section_renamed():
    old = doc(
        "P",
        Section(
            "6.1 Veileder om journalføring", (Block("paragraph", text="Praksis varierer."),), (Section("Milepæler"),)
        ),
    )
    new = doc(
        "P",
        Section("6.1 Veileder om arkivering", (Block("paragraph", text="Praksis varierer."),), (Section("Milepæler"),)),
    )
    changes = compare(old, new)
    assert [(c.headings, c.kind) for c in changes] == [
        ((), "unchanged"),
        (("6.1 Veileder om arkivering",), "changed"),
        (("6.1 Veileder om arkivering", "Milepæler"), "unchanged"),  # its subsections compared as its own
    ]
    assert changes[1].lines == (
        LineChange("changed", (("equal", "6.1 Veileder om"), ("delete", "journalføring"), ("insert", "arkivering"))),
    )
    other = doc("P", Section("Helt annet", (Block("paragraph", text="Praksis varierer."),)))
    assert [c.kind for c in compare(old, other)] == ["unchanged", "added", "removed", "removed"]
