"""The pieces every endpoint of the read API is built from (each app declares its own endpoints in
its `api.py` and registers them in `samskap.kernel.registry.api_routes`; samskap.api assembles them).

Public lists and details are ordered by id, with ETag and Last-Modified (304 answers) and CORS for reads.
"""

import datetime
import hashlib
from typing import Any

import django_filters as filters
from django import forms
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import inline_serializer
from rest_framework import exceptions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from samskap.kernel import versions
from samskap.kernel.pages import Answer, keep, respond

MAX_ID = 2**62


class UTCDateTimeField(IsoDateTimeField):
    """An ISO 8601 moment, in UTC before it reaches the database (which refuses odd offsets)."""

    def to_python(self, value: Any) -> Any:
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(datetime.UTC)
        except (OverflowError, ValueError):
            raise forms.ValidationError(_("Enter a valid date and time."), code="invalid") from None


class SinceFilter(filters.IsoDateTimeFilter):
    field_class = UTCDateTimeField


def since(field_name: str) -> Any:
    return SinceFilter(field_name=field_name, lookup_expr="gte", label="Changed at or after (ISO 8601)")


class WholeNumberField(forms.IntegerField):
    """Digits only: Django's IntegerField also takes "1.0" and " 1 ", which the description does not allow."""

    def to_python(self, value: Any) -> int | None:
        if value not in self.empty_values and not str(value).removeprefix("-").isdigit():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IdFilter(filters.NumberFilter):
    """A whole number (not a decimal, as django-filter's NumberFilter takes)."""

    field_class = WholeNumberField


class StrictBooleanField(forms.NullBooleanField):
    """`true` or `false` (as the OpenAPI description says); django-filter's field takes anything else as
    "not given", so `?good_example=maybe` would silently list everything. A text input: the null-boolean
    select widget turns any other word into "not given" before `to_python` sees it."""

    widget = forms.TextInput

    def to_python(self, value: Any) -> bool | None:  # type: ignore[override]  # None: not given
        if value in self.empty_values:
            return None
        text = str(value).lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise forms.ValidationError(_("Enter true or false."), code="invalid")

    def validate(self, value: Any) -> None:
        return None


class FlagFilter(filters.BooleanFilter):
    field_class = StrictBooleanField


def ref(field_name: str, label: str | None = None, **options: Any) -> Any:
    """An id parameter: a whole number from 0; out-of-range numbers are a 400, not a database error."""
    return IdFilter(field_name=field_name, min_value=0, max_value=MAX_ID, label=label, **options)


SAFE = ("GET", "HEAD", "OPTIONS")


def add_cors(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """Anyone's web page may read the API; writes are not shared across origins."""
    if request.method in SAFE:
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since, Accept"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
        response["Access-Control-Max-Age"] = "86400"
    return response


def conditional(request: HttpRequest, response: Any, last_modified: Any) -> HttpResponseBase:
    """ETag (of the body) and Last-Modified; 304 when the client's copy is current."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or not hasattr(response, "render"):
        return response  # type: ignore[no-any-return]
    response.render()
    etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
    response["ETag"] = etag
    timestamp = int(last_modified.timestamp()) if last_modified is not None else None
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    answer = get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)
    return answer if answer is not None else response


SAFE_READS = ("GET", "HEAD")
#: Accept headers for which DRF's negotiation picks the JSON renderer with no parameters (what API clients,
#: curl and load testers send); any other takes DRF's full path.
PLAIN_ACCEPTS = frozenset({"*/*", "application/json"})


class _AnonymousClient:
    """The request as DRF's throttles see it without credentials: Django's request (its headers, the
    client's address) with DRF's anonymous user, not the user of a session (DRF's API ignores sessions)."""

    def __init__(self, request: HttpRequest) -> None:
        self._request = request
        self.user = api_settings.UNAUTHENTICATED_USER()

    def __getattr__(self, name: str) -> Any:  # as DRF's own Request passes on what it does not have
        return getattr(self._request, name)


ERROR = inline_serializer("Error", fields={"detail": serializers.CharField()})


class PublicViewSet(viewsets.ReadOnlyModelViewSet[Any]):
    """A public list and detail, ordered by id."""

    modified_field: str | None = "updated_at"
    last_modified: Any = None
    lookup_value_regex = "[0-9]{1,18}"

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        """A parameter given twice is refused (which of two values was meant cannot be known), and so is
        an empty one (`?plan=` is not "any plan"): a 400, as the OpenAPI description says."""
        problems: dict[str, list[str]] = {}
        for name, values in request.query_params.lists():
            if len(values) > 1:
                problems[name] = [str(_("Given more than once."))]
            elif not values[0]:
                problems[name] = [str(_("Empty; leave the parameter out instead."))]
        if problems:
            raise exceptions.ValidationError(problems)
        super().initial(request, *args, **kwargs)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """A cached answer that DRF's full path would give unchanged is served before DRF builds its request:
        on a cached hit, DRF's negotiation, authentication and checks cost about as much as the rest of the
        request. Everything else (and every refusal) takes the full path."""
        answer = self._answer_at_once(request)
        return answer if answer is not None else super().dispatch(request, *args, **kwargs)

    def _answer_at_once(self, request: HttpRequest) -> HttpResponseBase | None:
        # The answer to an address is the same for every anonymous client (the address was valid when its
        # answer was kept: only 200s are). What else could change it: a token (an invalid one is a 401), an
        # Accept header DRF might refuse (406) and the rate limit (429), which is checked here as DRF checks
        # it, for the client DRF sees (anonymous without an Authorization header).
        meta = request.META
        if (
            request.method not in SAFE_READS
            or self.action_map.get(request.method.lower()) not in ("list", "retrieve")
            or "HTTP_AUTHORIZATION" in meta
            or meta.get("HTTP_ACCEPT", "*/*") not in PLAIN_ACCEPTS
        ):
            return None
        answer = self._from_cache(request)
        if answer is None:
            return None
        anonymous = _AnonymousClient(request)
        if not all(throttle.allow_request(anonymous, self) for throttle in self.get_throttles()):
            # Refused: a refusal records nothing, so DRF's own check refuses it again and answers the 429.
            self._cache_key = None
            return None
        return add_cors(request, self._as_drf_gives(answer))

    def _as_drf_gives(self, response: HttpResponse) -> HttpResponse:
        """A kept answer with the headers DRF's `finalize_response` adds (Allow; one renderer: no Vary)."""
        for name, value in self.default_response_headers.items():
            response[name] = value
        return response

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        cached = self._from_cache(request)
        if cached is not None:
            return cached
        if self.modified_field:
            queryset = self.filter_queryset(self.get_queryset())
            self.last_modified = queryset.order_by().aggregate(last=Max(self.modified_field))["last"]
        return super().list(request, *args, **kwargs)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        cached = self._from_cache(request)
        if cached is not None:
            return cached
        item = self.get_object()
        if self.modified_field:
            self.last_modified = getattr(item, self.modified_field)
        return Response(self.get_serializer(item).data)

    # The answers are the same for everyone (public data, in English, as JSON), so they are cached under
    # the address and the version of the data (`kernel.versions`): serialising a page of 100 rows costs
    # far more than the one query that reads the version.
    version_scopes: tuple[str, ...] = ()  # the apps whose data the answers show; () for all of them
    _cache_key: str | None = None
    _missed = False

    def _from_cache(self, request: HttpRequest) -> HttpResponse | None:
        if self._cache_key is not None and self._missed:  # looked up a moment ago in `dispatch`: not kept
            return None
        version = versions.stamp(self.version_scopes or versions.all_scopes())
        address = f"{request.get_host()}:{request.is_secure()}:{request.get_full_path()}:{version}"
        # "api2": the entries are `pages.Answer`s (older releases kept tuples under "api:").
        self._cache_key = "api2:" + hashlib.sha256(address.encode()).hexdigest()
        answer = cache.get(self._cache_key)
        self._missed = not isinstance(answer, Answer)
        return respond(request, answer) if isinstance(answer, Answer) else None

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        fresh = isinstance(response, Response)
        if fresh and self._cache_key and request.method in ("GET", "HEAD") and response.status_code == 200:
            # Kept once, plain and gzipped, and answered from what was kept, so the first answer has the
            # same ETag as every later one.
            response.render()
            timestamp = int(self.last_modified.timestamp()) if self.last_modified is not None else None
            if timestamp is not None:
                response["Last-Modified"] = http_date(timestamp)
            response = self._as_drf_gives(respond(request, keep(self._cache_key, response, last_modified=timestamp)))
        else:
            response = conditional(request, response, self.last_modified)
        return add_cors(request, response)
