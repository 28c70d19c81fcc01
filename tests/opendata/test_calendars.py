"""The iCalendar feeds against RFC 5545's MUSTs, and one read by a real calendar client (khal)."""

import datetime
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from samskap.commitments.models import Milestone
from samskap.consultations.text import deadline_from
from tests import factories as f

YEAR = timezone.localdate().year + 1


def parse(client, address: str) -> icalendar.Calendar:
    response = client.get(address)
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert_rfc5545(calendar, response.content.decode())
    return calendar


def assert_rfc5545(calendar: icalendar.Calendar, text: str) -> None:
    # 3.6: PRODID and VERSION exactly once, and at least one component.
    assert text.count("\r\nPRODID:") + text.startswith("PRODID:") == 1 and text.count("\r\nVERSION:2.0\r\n") == 1
    assert calendar.subcomponents, "a calendar needs at least one component"
    # 3.2.19: every TZID has its VTIMEZONE.
    assert not calendar.get_missing_tzids()
    defined = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    for event in calendar.walk("VEVENT"):
        # 3.6.1: UID and DTSTAMP required; DTSTART required without METHOD, and we always give it.
        assert event.get("UID") and event.get("DTSTAMP") and event.get("DTSTART")
        start = event.decoded("DTSTART")
        if "DTEND" in event:
            end = event.decoded("DTEND")
            assert type(start) is type(end) and end > start, "DTEND after DTSTART, of the same value type"
        if isinstance(start, datetime.datetime):
            assert start.tzinfo is not None
            tzid = event["DTSTART"].params.get("TZID")
            assert tzid is None or tzid in defined
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75, "lines folded at 75 octets"


@pytest.fixture
def deadlines(world):
    Milestone.objects.filter(pk=world["milestone"].pk).update(end_date=datetime.date(YEAR, 12, 29))
    norway = world["jurisdiction"]
    whole_day = f.consultation(
        jurisdiction=norway,
        title="Innspill til plan 6",
        opens_at=timezone.now() - datetime.timedelta(days=1),
        closes_at=deadline_from(datetime.date(YEAR, 12, 29), None, "Europe/Oslo"),
    )
    timed = f.consultation(
        jurisdiction=norway,
        title="Møte om åpne data",
        opens_at=timezone.now() - datetime.timedelta(days=1),
        closes_at=datetime.datetime(YEAR, 6, 15, 12, 0, tzinfo=ZoneInfo("Europe/Oslo")),
    )
    return {"whole_day": whole_day, "timed": timed, **world}


def test_deadlines_are_what_they_are(deadlines, client):
    calendar = parse(client, f"/en/data/calendar/{deadlines['jurisdiction'].slug}.ics")
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    milestone = events[f"milestone-{deadlines['milestone'].pk}"]
    assert milestone.decoded("DTSTART") == datetime.date(YEAR, 12, 29)
    assert milestone.decoded("DTEND") == datetime.date(YEAR, 12, 30)
    # "End of 29 December" (stored as the start of 30 December): all day on 29 December.
    whole_day = events[f"consultation-{deadlines['whole_day'].pk}"]
    assert whole_day.decoded("DTSTART") == datetime.date(YEAR, 12, 29)
    assert whole_day.decoded("DTEND") == datetime.date(YEAR, 12, 30)
    # A timed deadline: an hour that ends at that moment, in the jurisdiction's zone, with its VTIMEZONE.
    timed = events[f"consultation-{deadlines['timed'].pk}"]
    assert timed.decoded("DTEND") == datetime.datetime(YEAR, 6, 15, 12, 0, tzinfo=ZoneInfo("Europe/Oslo"))
    assert timed.decoded("DTSTART") == datetime.datetime(YEAR, 6, 15, 11, 0, tzinfo=ZoneInfo("Europe/Oslo"))
    assert timed["DTSTART"].params["TZID"] == "Europe/Oslo" == timed["DTEND"].params["TZID"]
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    # The whole site's calendar too.
    parse(client, "/en/data/calendar.ics")


def test_a_calendar_without_deadlines_is_still_valid(db, client):
    denmark = f.jurisdiction(name="Danmark", slug="danmark", country_code="DNK", time_zone="Europe/Copenhagen")
    calendar = parse(client, f"/en/data/calendar/{denmark.slug}.ics")
    assert not calendar.walk("VEVENT")
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    assert str(calendar["X-WR-CALNAME"]) == "Deadlines: Danmark"


def test_uids_and_links_use_the_public_address(deadlines, client, settings):
    settings.SITE_URL = "https://ogp.example.no"
    calendar = parse(client, f"/en/data/calendar/{deadlines['jurisdiction'].slug}.ics")
    for event in calendar.walk("VEVENT"):
        assert str(event["UID"]).endswith("@ogp.example.no")
        assert str(event["URL"]).startswith("https://ogp.example.no/")


def test_khal_shows_the_end_of_29_december_on_29_december(deadlines, client, tmp_path: Path):
    """A real client: khal (Debian's `khal` package, installed by .ci/run) imports the file and lists
    the day. The deadline is an all-day event on 29 December, not an hour at 00:00 on the 30th."""
    khal = shutil.which("khal")
    assert khal, "khal is missing: install Debian's 'khal' package (.ci/run does) to run this test"
    ics = tmp_path / "samskap.ics"
    ics.write_bytes(client.get(f"/en/data/calendar/{deadlines['jurisdiction'].slug}.ics").content)
    (tmp_path / "calendar").mkdir()
    config = tmp_path / "config"
    config.write_text(
        "[calendars]\n[[samskap]]\npath = {cal}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "local_timezone = Europe/Oslo\ndefault_timezone = Europe/Oslo\n"
        "[sqlite]\npath = {db}\n".format(cal=tmp_path / "calendar", db=tmp_path / "khal.db")
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8", "TZ": "Europe/Oslo"}

    def run(*args: str) -> str:
        done = subprocess.run([khal, "-c", str(config), *args], capture_output=True, text=True, env=env, timeout=60)  # noqa: S603
        assert done.returncode == 0, done.stderr
        return done.stdout + done.stderr

    run("import", "--batch", "-a", "samskap", str(ics))
    form = "{start} | {end} | {title}"
    day = run("list", "--format", form, f"{YEAR}-12-29", "1d")
    # khal shows an all-day event with its last day (inclusive) as the end.
    assert f"{YEAR}-12-29 | {YEAR}-12-29 | Consultation deadline: Innspill til plan 6" in day, day
    assert "NO0063" in day, day
    assert "Innspill til plan 6" not in run("list", "--format", form, f"{YEAR}-12-30", "1d")
    timed = run("list", "--format", form, f"{YEAR}-06-15", "1d")
    assert f"{YEAR}-06-15 11:00 | {YEAR}-06-15 12:00 | Consultation deadline: Møte om åpne data" in timed, timed
