"""One cell of OGP's commitment spreadsheet: the IRM's ways of writing dates, years, text and lists."""

import calendar
import datetime
import re

from django.utils.translation import gettext as _

from samskap.opendata.irm.vocabulary import NO_DATA

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _period(year: int, first_month: int, last_month: int, end: bool) -> datetime.date:
    if end:
        return datetime.date(year, last_month, calendar.monthrange(year, last_month)[1])
    return datetime.date(year, first_month, 1)


def parse_date(text: str, *, end: bool = False) -> datetime.date | None:
    """The IRM's many ways of writing a date; free text such as "Ongoing" means no date.

    A month, quarter or year stands for its first day (start) or its last day (end).
    """
    text = " ".join(text.split())
    if text in NO_DATA:
        return None
    try:
        if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text):
            a, b, year = int(m[1]), int(m[2]), int(m[3])
            year += 2000 if year < 100 else 0
            month, day = (a, b) if a <= 12 else (b, a)  # the data mixes m/d/Y with d/m/Y
            return datetime.date(year, month, day)
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
            return datetime.date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"([A-Za-z]+) (\d{4})", text):
            if m[1].lower() in MONTHS:
                month = MONTHS[m[1].lower()]
                return _period(int(m[2]), month, month, end)
            return None
        if m := re.fullmatch(r"(?:Quarter (\d) (\d{4})|([IV]+) quarter of (\d{4}))", text):
            quarter = int(m[1]) if m[1] else ROMAN.get((m[3] or "").lower(), 0)
            if 1 <= quarter <= 4:
                return _period(int(m[2] or m[4]), 3 * quarter - 2, 3 * quarter, end)
            return None
        if re.fullmatch(r"\d{4}", text):
            return _period(int(text), 1, 12, end)
        if re.fullmatch(r"\d{5}", text):  # a spreadsheet's day number
            return datetime.date(1899, 12, 30) + datetime.timedelta(days=int(text))
    except ValueError:
        return None
    return None


def format_date(value: datetime.date | None) -> str:
    return "NA" if value is None else f"{value.month}/{value.day}/{value.year}"


def parse_year(text: str) -> int | None:
    text = text.strip()
    if text in NO_DATA:
        return None
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError(_("%(value)s is not a year") % {"value": repr(text[:20])})
    return int(text)


def text_or_none(text: str) -> str:
    text = text.strip()
    return "" if text in NO_DATA else text


def split_institutions(text: str) -> list[str]:
    text = " ".join(text_or_none(text).split())
    names = [name.strip(" .") for name in re.split(r"[;,]", text)]
    return sorted({name[:200] for name in names if name and name not in NO_DATA})


def clean_text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
