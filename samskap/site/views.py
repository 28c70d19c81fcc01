from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from samskap.accounts.permissions import grants_for
from samskap.commitments.selectors import commitments_kept_by
from samskap.jurisdictions.models import Jurisdiction


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The front page: the governments, then the panels the apps registered (samskap.kernel.registry)."""
    national = Jurisdiction.objects.filter(kind=Jurisdiction.Kind.NATIONAL).prefetch_related("children")
    return render(request, "site/home.html", {"national": national})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    grants = grants_for(request.user)
    return render(
        request,
        "site/dashboard.html",
        {
            "commitments": commitments_kept_by(request.user)[:200],
            "coordinated": Jurisdiction.objects.filter(pk__in=grants.coordinator_of),
            "grants": grants,
        },
    )


@require_GET
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # the load balancer needs an answer, not a traceback
        return JsonResponse({"status": "error", "database": str(error.__class__.__name__)}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def ping(request: HttpRequest) -> HttpResponse:
    """The trivial view the benchmarks compare the real pages with."""
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
