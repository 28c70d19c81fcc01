from samskap.consultations.text import render_markdown


def test_markdown_becomes_html_and_scripts_never_pass():
    html = render_markdown(
        "## Tittel\n\n**fet** [lenke](https://example.no)\n\n<script>alert(1)</script>\n\n"
        "[x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    assert "<h2>Tittel</h2>" in html
    assert "<strong>fet</strong>" in html
    assert 'href="https://example.no"' in html
    assert "<script" not in html
    assert 'href="javascript' not in html
    assert "<img" not in html  # shown as text, not as an element with an event handler
