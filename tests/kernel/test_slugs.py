"""The one slug helper: Nordic letters transliterated, and a number added until the slug is free."""

from samskap.kernel.slugs import make_slug, unique_slug, unique_slugs


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


def test_unique_slugs_give_what_unique_slug_gives_one_after_the_other_in_few_lookups():
    stored = {"a", "a-2", "a-3", "a-5", "b", *(f"c-{n}" for n in range(2, 30))}
    texts = ["a", "a", "b", "c", "c", "c", "A", "d", "b"]
    one_by_one: list[str] = []
    taken = set(stored)
    for text in texts:
        one_by_one.append(unique_slug(text, taken=taken.__contains__))
        taken.add(one_by_one[-1])
    lookups: list[list[str]] = []

    def taken_among(candidates: list[str]) -> set[str]:
        lookups.append(candidates)
        return stored & set(candidates)

    assert unique_slugs(texts, taken_among=taken_among) == one_by_one
    assert one_by_one == ["a-4", "a-6", "b-2", "c", "c-30", "c-31", "a-7", "d", "b-3"]
    assert len(lookups) <= 6  # the bases at once, then a window of numbers per base taken
