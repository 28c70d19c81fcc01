from html.parser import HTMLParser

import pytest
from django import forms

from samskap.kernel.forms import PlainSelect


class _Parsed(HTMLParser):
    """The elements of a rendered select: (tag, attributes sorted, text), whitespace between them ignored."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[list[object]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items.append([tag, sorted(attrs), ""])

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.items[-1][2] = str(self.items[-1][2]) + data


def parsed(html: str) -> list[list[object]]:
    parser = _Parsed()
    parser.feed(html)
    return parser.items


CHOICES = [("", "All"), ("oslo", 'Oslo <by> & "omegn"'), ("5", "Five"), ("bergen", "Bergen"), ("oslo", "Again")]


@pytest.mark.parametrize("value", [None, "", "oslo", "5", 5, "bergen", "missing"])
@pytest.mark.parametrize("attrs", [{"id": "id_place", "class": "ds-input"}, {"required": True, "disabled": False}])
def test_plain_select_renders_what_the_template_select_renders(value: object, attrs: dict[str, object]) -> None:
    plain = PlainSelect(attrs={"data-x": "1"}, choices=CHOICES).render("place", value, attrs)
    templated = forms.Select(attrs={"data-x": "1"}, choices=CHOICES).render("place", value, attrs)
    assert parsed(plain) == parsed(templated)
    assert "<by>" not in plain and "&lt;by&gt; &amp; &quot;omegn&quot;" in plain  # labels are escaped
    # One option selected at most: the first of the value (or the empty one for no value).
    assert plain.count(" selected") == (0 if value == "missing" else 1)


def test_plain_select_leaves_groups_to_the_template_select() -> None:
    grouped = [("Norway", [("oslo", "Oslo"), ("bergen", "Bergen")]), ("dk", "Denmark")]
    plain = PlainSelect(choices=grouped).render("place", "bergen", {"id": "id_place"})
    assert "<optgroup" in plain
    assert parsed(plain) == parsed(forms.Select(choices=grouped).render("place", "bergen", {"id": "id_place"}))


def test_a_form_field_with_a_plain_select_renders_its_bound_value() -> None:
    class Form(forms.Form):
        place = forms.ChoiceField(choices=CHOICES[:4], required=False, widget=PlainSelect)

    form = Form({"place": "bergen"})
    assert form.is_valid()
    html = str(form["place"])
    assert '<option value="bergen" selected>Bergen</option>' in html
    assert 'name="place"' in html and 'id="id_place"' in html
