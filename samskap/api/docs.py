"""The OpenAPI description, a readable documentation page made from it, and API tokens."""

import json
from functools import lru_cache
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token

from samskap.api.middleware import API_LANGUAGE
from samskap.kernel.api import add_cors
from samskap.kernel.pages import cached_public


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    with translation.override(API_LANGUAGE):  # the description is in English (samskap.api.middleware)
        generated = SchemaGenerator(patterns=None, urlconf=None).get_schema(request=None, public=True)  # type: ignore[no-untyped-call]
        plain: dict[str, Any] = json.loads(json.dumps(generated, default=str))
    return plain  # plain JSON types (lazy strings resolved)


@require_GET
def openapi_json(request: HttpRequest) -> HttpResponse:
    return add_cors(request, JsonResponse(schema(), json_dumps_params={"indent": 1}))  # type: ignore[return-value]


def _resolve(node: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = components[node["$ref"].rsplit("/", 1)[-1]]
    return node


def example(node: dict[str, Any], components: dict[str, Any], depth: int = 0) -> Any:
    """A made-up value of the schema's shape, for the documentation page."""
    node = _resolve(node, components)
    if depth > 6:
        return None
    for key in ("allOf", "oneOf", "anyOf"):
        if key in node:
            return example(node[key][0], components, depth + 1)
    if "enum" in node:
        return next((v for v in node["enum"] if v not in ("", None)), None)
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        return {name: example(sub, components, depth + 1) for name, sub in node.get("properties", {}).items()}
    if kind == "array":
        return [example(node.get("items", {}), components, depth + 1)]
    formats = {"date": "2021-12-01", "date-time": "2021-12-01T12:00:00Z", "uri": "https://example.org/", "email": ""}
    if kind == "string":
        return formats.get(node.get("format", ""), "…")
    if kind == "integer":
        return 1
    if kind == "number":
        return 1.0
    if kind == "boolean":
        return True
    return None


@lru_cache(maxsize=1)
def operations() -> list[dict[str, Any]]:
    """The operations for the documentation page, from the description (English, whoever asked first)."""
    description = schema()
    components = description.get("components", {}).get("schemas", {})
    result = []
    for address, methods in description["paths"].items():
        for method, operation in methods.items():
            responses = operation.get("responses", {})
            ok = next((code for code in ("200", "201") if code in responses), None)
            body = responses.get(ok, {}).get("content", {}).get("application/json", {}).get("schema") if ok else None
            request_body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            result.append(
                {
                    "id": operation.get("operationId", ""),
                    "method": method.upper(),
                    "path": address,
                    "summary": operation.get("summary") or operation.get("description", "").split("\n")[0],
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "type": _resolve(p.get("schema", {}), components).get("type", ""),
                            "enum": _resolve(p.get("schema", {}), components).get("enum", []),
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "request": json.dumps(example(request_body["schema"], components), indent=2, ensure_ascii=False)
                    if request_body
                    else "",
                    "status": ok or "",
                    "response": json.dumps(example(body, components), indent=2, ensure_ascii=False) if body else "",
                }
            )
    return result


@require_GET
@cached_public()  # the schema is the code's; the menu and the language are in the key
def documentation(request: HttpRequest) -> HttpResponse:
    # Not through the page cache: the examples are preformatted text, which that cache would re-indent.
    return render(request, "api/docs.html", {"operations": operations(), "info": schema()["info"]})


@login_required
def token(request: HttpRequest) -> HttpResponse:
    """Create, replace or revoke the user's API token (needed for writes)."""
    current = Token.objects.filter(user=request.user).first()
    key = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            Token.objects.filter(user=request.user).delete()
            messages.success(request, _("Your API token was revoked."))
            return redirect("api_pages:token")
        Token.objects.filter(user=request.user).delete()
        current = Token.objects.create(user=request.user)
        key = current.key
    return render(request, "api/token.html", {"has_token": current is not None, "key": key})
