"""The one slug helper: Nordic letters transliterated, and a number added until the slug is free."""

from samskap.kernel.slugs import make_slug, unique_slug


def test_norwegian_letters_are_transliterated_not_dropped():
    assert make_slug("Høring om åpne data") == "horing-om-apne-data"


def test_danish_ae_becomes_two_letters():
    assert make_slug("Kærlighed") == "kaerlighed"
    assert make_slug("ÆRØ Ø") == "aero-o"


def test_empty_text_gives_the_fallback_and_length_is_capped():
    assert make_slug("!!!", fallback="plan") == "plan"
    assert len(make_slug("a" * 200, max_length=50)) == 50


def test_unique_slug_adds_numbers_until_free():
    taken = {"horing", "horing-2"}
    assert unique_slug("Høring", taken=taken.__contains__) == "horing-3"
    assert unique_slug("Annet", taken=taken.__contains__) == "annet"


def test_unique_slug_stays_within_its_length_with_a_suffix():
    slug = unique_slug("x" * 100, taken=lambda s: len(s) == 36, max_length=40)
    assert slug == "x" * 36 + "-2"
    assert len(slug) <= 40
