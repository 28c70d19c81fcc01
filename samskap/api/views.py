"""The API's error answers."""

from typing import Any

from django.db.models import Model
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from samskap.kernel.api import add_cors


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's answers, with a clear body for 429 (Retry-After is set by DRF)."""
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        response.data = {
            "detail": _("Too many requests. Try again in %(seconds)s seconds.") % {"seconds": wait},
            "retry_after": wait,
        }
        response["Retry-After"] = str(wait)
    request = context.get("request")
    if response is not None and request is not None:
        add_cors(request, response)
    return response


def model_name(model: type[Model]) -> str:
    return str(model._meta.verbose_name_plural)


@csrf_exempt  # a POST to a wrong address is a 404 too, not the CSRF failure page
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under /api/: a JSON 404, like the API's own (never an HTML page)."""
    response = JsonResponse({"detail": _("Not found.")}, status=404)
    add_cors(request, response)
    return response
