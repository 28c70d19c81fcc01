"""`kernel.links.reverse`: the path `django.urls.reverse` gives, for every named page of the site."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, get_script_prefix, set_script_prefix
from django.urls import reverse as django_reverse
from django.utils import translation

from samskap.kernel import links

SAMPLES: dict[str, list[Any]] = {
    "int": [7, "42", 0],
    "slug": ["oslo", "plan-2024_2", "7"],
    "str": ["abc", "R-2024-0001"],
    "path": ["a"],
}
# Values a converter refuses, or that must be quoted: Django decides, and the kept pattern must agree.
ODD = [-1, True, 1.5, "a/b", "æøå", "with space", "x%20y", "", "q?x=1", "#top", "../up", "9081726300549081726301"]


def named_patterns(
    resolvers: list[URLPattern | URLResolver], namespace: str = ""
) -> Iterator[tuple[str, dict[str, str]]]:
    """Every named pattern with keyword arguments: its full name and its arguments' converters."""
    for item in resolvers:
        if isinstance(item, URLResolver):
            inner = f"{namespace}{item.namespace}:" if item.namespace else namespace
            converters = {key: type(c).__name__ for key, c in getattr(item.pattern, "converters", {}).items()}
            for name, below in named_patterns(item.url_patterns, inner):
                yield name, {**converters, **below}
        elif item.name and getattr(item.pattern, "converters", None):
            yield f"{namespace}{item.name}", {key: type(c).__name__ for key, c in item.pattern.converters.items()}


def both(name: str, kwargs: dict[str, Any]) -> tuple[str, str]:
    try:
        expected = django_reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        expected = "NoReverseMatch"
    try:
        got = links.reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        got = "NoReverseMatch"
    return got, expected


def test_every_named_page_has_the_path_django_gives(settings: Any) -> None:
    patterns = dict(named_patterns(get_resolver().url_patterns))
    assert {"plans:detail", "commitments:detail", "organisations:detail", "proposals:detail"} <= set(patterns)
    checked = 0
    prefix = get_script_prefix()
    try:
        for script_prefix in ["/", "/samskap/"]:
            set_script_prefix(script_prefix)
            for language in ["nb", "da", "en"]:
                with translation.override(language):
                    for name, converters in patterns.items():
                        kinds = {key: kind.removesuffix("Converter").lower() for key, kind in converters.items()}
                        for round_ in range(3):
                            samples = {key: SAMPLES.get(kind, ["x"]) for key, kind in kinds.items()}
                            kwargs = {key: values[round_ % len(values)] for key, values in samples.items()}
                            got, expected = both(name, kwargs)
                            assert got == expected, (name, kwargs, language, script_prefix)
                            assert expected != "NoReverseMatch" or name.endswith("not_found"), (name, kwargs)
                            checked += 1
                        for key in kinds:
                            for odd in ODD:
                                got, expected = both(name, {**kwargs, key: odd})
                                assert got == expected, (name, key, odd, language, script_prefix)
    finally:
        set_script_prefix(prefix)
    assert checked > 300


def test_without_keyword_arguments_it_is_djangos_reverse() -> None:
    with translation.override("da"):
        assert links.reverse("core:search") == django_reverse("core:search") == "/da/search/"
    with pytest.raises(NoReverseMatch):
        links.reverse("plans:detail", kwargs={"jurisdiction": "norge"})  # an argument missing
    with pytest.raises(NoReverseMatch):
        links.reverse("no-such-page", kwargs={"pk": 1})
