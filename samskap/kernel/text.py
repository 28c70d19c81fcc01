"""Limits and helpers for free text."""

import difflib
import unicodedata

#: The longest text a field takes; longer input gets a clear form error, not a database error.
TEXT_MAX = 50_000


#: Unicode categories that break a line or control the terminal: control characters, line and paragraph separators.
NOT_ONE_LINE = ("Cc", "Zl", "Zp")


def one_line(value: str) -> None:
    """A name or a title is one line: no line break (\\n, \\r, U+2028 ...) nor any other control character.

    A newline in a name could otherwise start a new paragraph of an email or a new header line.
    """
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if any(unicodedata.category(char) in NOT_ONE_LINE for char in str(value)):
        raise ValidationError(_("Write this on one line, without line breaks."), code="one_line")


def as_one_line(text: str) -> str:
    """`text` made to pass `one_line` (a file's name as a title): what breaks a line becomes a space, runs of
    space one."""
    cleaned = "".join(" " if unicodedata.category(char) in NOT_ONE_LINE else char for char in text)
    return " ".join(cleaned.split())


def first_words(text: object, count: int) -> str:
    """`Truncator(text).words(count)`, the same text (its first `count` words, the translated ellipsis when
    there were more), splitting off only those words: a search page makes a hundred snippets from texts of
    thousands of words, and the Truncator split each whole text (~4 times as long)."""
    from django.utils.text import add_truncation_text

    if count <= 0:
        return ""
    words = str(text).split(None, count)
    if len(words) > count:
        return str(add_truncation_text(" ".join(words[:count])))
    return " ".join(words)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The words of `new` against those of `old`, as ("equal" | "delete" | "insert", words) segments."""
    a, b = old.split(), new.split()
    segments: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(("equal", " ".join(a[i1:i2])))
        else:
            if i2 > i1:
                segments.append(("delete", " ".join(a[i1:i2])))
            if j2 > j1:
                segments.append(("insert", " ".join(b[j1:j2])))
    return segments
