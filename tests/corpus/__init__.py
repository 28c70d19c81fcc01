"""A corpus of bad input (issue 10): payloads for addresses, query strings and form fields, and small
files (`files/`), kept so every test of "no 500 for any input" reads the same list.

Large files (a 10 MB line, a million columns) are made in memory by `big_files()`, not stored.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"


def payloads() -> list[str]:
    """One payload a line (escapes such as \\x00 are decoded): for query strings and form fields."""
    lines = (HERE / "payloads.txt").read_text(encoding="utf-8").splitlines()
    return [line.encode("utf-8").decode("unicode_escape") for line in lines if line and not line.startswith("#")]


def path_segments() -> list[str]:
    """Percent-encoded bits for addresses (receipt numbers, confirmation tokens, attachment keys)."""
    return ["%00", "H-%00", "abc%00def", "%C0%AF", "%FF", "..%2F..%2Fetc%2Fpasswd", "x" * 300, "%E2%80%8B", "%0A"]


def page_numbers() -> list[str]:
    return ["99999999999999999999", "-1", "0", "1e9", "²", "١٢", "%00", "9" * 400, "2147483648", ""]


def big_files() -> dict[str, bytes]:
    return {
        "ten_mb_one_line.csv": b"a," * (5 * 1024 * 1024),
        "million_columns.csv": b",".join(b"c%d" % n for n in range(1_000_000)) + b"\n1\n",
        "huge_quoted_field.csv": b'Commitment ID,Title\n"' + b"x" * (3 * 1024 * 1024) + b'",y\n',
    }
