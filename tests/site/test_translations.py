"""Every string of the interface exists in Danish and Norwegian Bokmål."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["nb", "da"])
def test_every_message_is_translated(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 250
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", ["nb", "da"])
def test_placeholders_survive_translation(language):
    import re

    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    pattern = re.compile(r"%\(\w+\)s")
    for entry in catalogue.translated_entries():
        translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for text in translations:
            assert set(pattern.findall(text)) == set(pattern.findall(entry.msgid_plural or entry.msgid)) or (
                entry.msgid_plural and set(pattern.findall(text)) <= set(pattern.findall(entry.msgid_plural))
            ), entry.msgid
