"""Slugs for addresses: Nordic letters transliterated, not dropped ("Høring om åpne data" -> "horing-om-apne-data")."""

from collections.abc import Callable

from django.utils.text import slugify

# What Danish and Norwegian readers write when a letter is not available (æ→ae, ø→o, å→a), plus the
# letters Django's ASCII folding drops (ß, þ, ð, ł, đ).
TRANSLITERATION = str.maketrans(
    {
        "æ": "ae",
        "Æ": "Ae",
        "ø": "o",
        "Ø": "O",
        "å": "a",
        "Å": "A",
        "ß": "ss",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
    }
)


def make_slug(text: str, *, max_length: int = 80, fallback: str = "item") -> str:
    slug = slugify(text.translate(TRANSLITERATION))[:max_length].strip("-")
    return slug or fallback


def unique_slug(text: str, *, taken: Callable[[str], bool], max_length: int = 80, fallback: str = "item") -> str:
    """The slug of `text`, with -2, -3 ... added until `taken(slug)` is false."""
    base = make_slug(text, max_length=max_length - 4, fallback=fallback)
    slug, number = base, 2
    while taken(slug):
        slug = f"{base}-{number}"
        number += 1
    return slug


def unique_slugs(
    texts: list[str],
    *,
    taken_among: Callable[[list[str]], set[str]],
    max_length: int = 80,
    fallback: str = "item",
    window: int = 20,
) -> list[str]:
    """The slugs `unique_slug` would give the texts one after the other (each taking its slug), asking
    which slugs are taken a batch at a time: `taken_among(candidates)` answers with the taken ones."""
    bases = [make_slug(text, max_length=max_length - 4, fallback=fallback) for text in texts]
    known: dict[str, bool] = dict.fromkeys(bases, False)
    for found in taken_among(list(known)):
        known[found] = True
    slugs: list[str] = []
    for base in bases:
        slug, number = base, 1
        while True:
            if slug not in known:  # a base taken before: look at its next few numbers at once
                window_slugs = [f"{base}-{n}" for n in range(number, number + window)]
                known.update(dict.fromkeys(window_slugs, False))
                for found in taken_among(window_slugs):
                    known[found] = True
            if not known[slug]:
                break
            number += 1
            slug = f"{base}-{number}"
        known[slug] = True
        slugs.append(slug)
    return slugs
