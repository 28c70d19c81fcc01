"""axe-core (shipped in the locked axe-playwright-python package) with the WCAG 2.1 A and AA rules."""

from typing import Any

from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
_axe = Axe()


def violations(page: Any) -> list[str]:
    """Each violation as 'rule: target (message)'; an empty list means the page passed."""
    results = _axe.run(page, options=WCAG_21_AA)
    found = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            found.append(f"{violation['id']}: {' '.join(node['target'])} ({node.get('failureSummary', '')[:200]})")
    return found
