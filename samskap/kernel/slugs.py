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
