"""The open-data page, the API documentation and a coordinator's import with its errors, checked with axe."""

import csv
import pathlib

from samskap.opendata.irm.vocabulary import COLUMNS
from tests.browser.axe import violations
from tests.browser.conftest import log_in


def write(path: pathlib.Path, values: dict[str, str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerow([values[c] for c in COLUMNS])


def test_the_open_data_page_and_the_api_documentation_pass_axe(demo, page):
    for language in ("nb", "da", "en"):
        page.goto(f"{demo.url}/{language}/data/")
        assert page.locator("a[href$='/data/download/samskap.zip']").count() == 1
        assert violations(page) == []
        page.goto(f"{demo.url}/{language}/api/")
        assert page.locator("pre.code-example").count() > 5
        assert violations(page) == []


def test_a_coordinator_imports_a_file_and_sees_every_problem(demo, page, tmp_path: pathlib.Path):
    log_in(page, demo.url, "koordinator@example.no")
    page.goto(f"{demo.url}/en/data/")
    page.get_by_role("link", name="Import OGP commitment data").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Import OGP commitment data"
    assert violations(page) == []

    values = dict.fromkeys(COLUMNS, "ND")
    values.update(
        {
            "Commitment Unique Identifier": "NO0999",
            "Country/Locality": "Norge",
            "Action Plan Number": "4",
            "National Or Local": "National",
            "Code": "NOR",
            "Year Of Submission": "2019",
            "Action Plan End Year": "2021",
            "Commitment Title": "Openness on algorithms",
            "Potential Impact": "Enormous",
        }
    )
    bad = tmp_path / "bad.csv"
    write(bad, values)
    page.set_input_files("#id_file", str(bad))
    page.click("form.samskap-form button[type=submit]")
    page.wait_for_load_state()
    problems = page.locator("#import-problems")
    assert "nothing was imported" in problems.inner_text()
    assert "Line 2, column “Potential Impact”: unknown label 'Enormous'" in problems.inner_text()
    assert violations(page) == []

    values["Potential Impact"] = "Moderate"
    good = tmp_path / "good.csv"
    write(good, values)
    page.set_input_files("#id_file", str(good))
    page.click("form.samskap-form button[type=submit]")
    page.wait_for_load_state()
    assert "The file was imported." in page.locator("[role=status]").first.inner_text()
    assert violations(page) == []


def test_a_user_makes_an_api_token(demo, page):
    log_in(page, demo.url, "redaktor@example.no")
    page.goto(f"{demo.url}/en/accounts/api-token/")
    assert violations(page) == []
    page.get_by_role("button", name="Create a token").click()
    page.wait_for_load_state()
    assert len(page.locator("#api-token").inner_text()) == 40
    assert violations(page) == []
