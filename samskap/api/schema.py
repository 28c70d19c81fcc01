"""Completing the OpenAPI description so that it says what the API does (a drf-spectacular hook):

- every status an operation answers with: 304 (a GET whose ETag or Last-Modified the client has),
  400 (a bad parameter or body), 404 (no such object or page), 429 (too many anonymous requests,
  with Retry-After), and 401/403 for writes;
- parameters with their bounds: no empty values, ids are whole numbers from 0 (path ids are 1 to 18 digits),
  `page` ≥ 1, `page_size` 1 to 100;
- `anyOf` where drf-spectacular writes `oneOf` for "blank or an email" (an empty string matches both
  branches, which `oneOf` forbids).
"""

from typing import Any

from samskap.kernel.api import MAX_ID

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What was wrong, in English."}},
    "required": ["detail"],
}
THROTTLED = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "retry_after": {"type": "integer", "minimum": 0, "description": "Seconds to wait."},
    },
    "required": ["detail", "retry_after"],
}
BAD_REQUEST = {
    "type": "object",
    "description": "`detail`, or the bad parameters or fields, each with a list of messages.",
    "additionalProperties": True,
}


def _json(name: str, description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
    }
    if headers:
        answer["headers"] = headers
    return answer


def _any_of(node: Any) -> None:
    if isinstance(node, dict):
        if "oneOf" in node:
            node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            _any_of(value)
    elif isinstance(node, list):
        for value in node:
            _any_of(value)


def _parameter(parameter: dict[str, Any]) -> None:
    name, schema = parameter["name"], parameter.get("schema", {})
    if parameter["in"] == "path":
        parameter["description"] = "The object's id: a whole number from 0, at most 18 digits."
    elif name == "page":
        parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
        parameter["description"] = "Page number, from 1. A page after the last is a 404."
    elif name == "page_size":
        parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": 100}
        parameter["description"] = "Results per page, 1 to 100 (default 50)."
    elif schema.get("type") == "string" and "enum" not in schema:
        schema["minLength"] = 1  # an empty value is refused (samskap.kernel.api.PublicViewSet)
        schema["pattern"] = "^[^\\x00]*$"  # Django refuses null characters in text
    elif schema.get("type") == "integer" or schema == {}:
        parameter["schema"] = {"type": "integer", "minimum": 0, "maximum": MAX_ID}
        parameter["description"] = (parameter.get("description") or f"{name.replace('_', ' ').capitalize()} id") + (
            " (a whole number from 0)"
        )


def complete(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR
    schemas["Throttled"] = THROTTLED
    schemas["BadRequest"] = BAD_REQUEST
    retry = {"Retry-After": {"schema": {"type": "integer", "minimum": 0}, "description": "Seconds to wait."}}
    for methods in result.get("paths", {}).values():
        for method, operation in methods.items():
            for parameter in operation.get("parameters", []):
                _parameter(parameter)
            responses = operation.setdefault("responses", {})
            responses["400"] = _json("BadRequest", "A parameter or the body is not valid (or a parameter is repeated).")
            responses["404"] = _json("Error", "No such object, page or address.")
            responses["429"] = _json("Throttled", "Too many requests from this address; try again later.", retry)
            if method == "get":
                responses["304"] = {
                    "description": "Not modified: the client's copy (If-None-Match, If-Modified-Since)."
                }
            else:
                responses["401"] = _json("Error", "No valid token (`Authorization: Token <key>`).")
                responses["403"] = _json("Error", "The token's user may not do this.")
            operation["responses"] = dict(sorted(responses.items()))
    _any_of(result)
    return result
