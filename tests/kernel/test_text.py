import pytest
from django.utils import translation
from django.utils.text import Truncator

from samskap.kernel.text import first_words

TEXTS = [
    "",
    "   ",
    "Ett",
    "To ord",
    "Kommunene skal publisere data om åpenhet og innsyn. " * 40,
    "  leading\tand\ntrailing  whitespace\u00a0with\u2003unicode\u3000spaces  ",
    "ord " * 30,  # exactly thirty
    "ord " * 31,
    "already ends with an ellipsis… " * 12,
]


@pytest.mark.parametrize("language", ["nb", "da", "en"])
@pytest.mark.parametrize("count", [0, 1, 10, 16, 30])
def test_first_words_are_what_the_truncator_gives(language, count):
    with translation.override(language):
        for text in TEXTS:
            assert first_words(text, count) == Truncator(text).words(count), (text, count)


def test_first_words_ends_with_an_ellipsis_only_when_words_were_left_out():
    assert first_words("a b c", 3) == "a b c"
    assert first_words("a  b\nc d", 3) == "a b c…"
