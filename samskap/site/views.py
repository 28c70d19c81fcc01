import datetime

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from samskap.accounts.permissions import grants_for
from samskap.commitments.models import Milestone
from samskap.commitments.selectors import commitments_kept_by
from samskap.history.selectors import recent_changes
from samskap.jurisdictions.models import Jurisdiction
from samskap.plans.selectors import current_plans


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    upcoming = (
        Milestone.objects.filter(
            end_date__gte=today,
            end_date__lte=today + datetime.timedelta(days=90),
            commitment__plan__status="implementation",
        )
        .exclude(status__in=[Milestone.Status.COMPLETED, Milestone.Status.CANCELLED])
        .select_related("commitment__plan__jurisdiction")
        .order_by("end_date")[:8]
    )
    return render(
        request,
        "site/home.html",
        {
            "national": Jurisdiction.objects.filter(kind=Jurisdiction.Kind.NATIONAL).prefetch_related("children"),
            "plans": current_plans(),
            "upcoming": upcoming,
            "changes": recent_changes(limit=8),
        },
    )


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
