"""The read API (/api/v1/): every public thing, filtered, paginated in a fixed order, with ETag and
Last-Modified (304 answers) and CORS for reads. One write: a progress update, with a user's token and
the same permission rule as the page."""

import hashlib
from typing import Any

from django.db.models import Max, Model, QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from samskap.accounts.permissions import can
from samskap.api import filters
from samskap.api import serializers as s
from samskap.commitments.models import Commitment, Milestone, PolicyArea, ProgressUpdate
from samskap.commitments.permissions import CommitmentAction
from samskap.commitments.services import add_progress_update
from samskap.consultations.models import Consultation, Submission
from samskap.consultations.models import Response as Answer
from samskap.history.models import ChangeRecord
from samskap.jurisdictions.models import Jurisdiction
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan, Theme
from samskap.review.models import IRMAssessment

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


ERROR = inline_serializer("Error", fields={"detail": serializers.CharField()})


class PublicViewSet(viewsets.ReadOnlyModelViewSet[Any]):
    """A public list and detail, ordered by id."""

    modified_field: str | None = "updated_at"
    last_modified: Any = None
    lookup_value_regex = "[0-9]{1,18}"

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if self.modified_field:
            queryset = self.filter_queryset(self.get_queryset())
            self.last_modified = queryset.order_by().aggregate(last=Max(self.modified_field))["last"]
        return super().list(request, *args, **kwargs)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = self.get_object()
        if self.modified_field:
            self.last_modified = getattr(item, self.modified_field)
        return Response(self.get_serializer(item).data)

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        return add_cors(request, conditional(request, response, self.last_modified))


class JurisdictionViewSet(PublicViewSet):
    """Countries and local governments that run OGP action plans."""

    queryset = Jurisdiction.objects.order_by("pk")
    serializer_class = s.JurisdictionSerializer
    filterset_class = filters.JurisdictionFilter
    modified_field = None


class OrganisationViewSet(PublicViewSet):
    """Ministries, agencies, municipalities and civil-society organisations."""

    queryset = Organisation.objects.order_by("pk")
    serializer_class = s.OrganisationSerializer
    filterset_class = filters.OrganisationFilter
    modified_field = None


class PlanViewSet(PublicViewSet):
    """Action plans."""

    queryset = ActionPlan.objects.order_by("pk")
    serializer_class = s.PlanSerializer
    filterset_class = filters.PlanFilter


class ThemeViewSet(PublicViewSet):
    """Themes (pillars) of a plan."""

    queryset = Theme.objects.order_by("pk")
    serializer_class = s.ThemeSerializer
    filterset_class = filters.ThemeFilter
    modified_field = None


class PolicyAreaViewSet(PublicViewSet):
    """Policy-area tags, as in OGP's data."""

    queryset = PolicyArea.objects.order_by("pk")
    serializer_class = s.PolicyAreaSerializer
    filterset_class = None
    modified_field = None


class CommitmentViewSet(PublicViewSet):
    """Commitments of action plans, following OGP's commitment template."""

    queryset = (
        Commitment.objects.select_related("plan")
        .prefetch_related("policy_areas", "supporting_institutions")
        .order_by("pk")
    )
    serializer_class = s.CommitmentSerializer
    filterset_class = filters.CommitmentFilter

    def get_queryset(self) -> QuerySet[Commitment]:
        if self.action == "progress_updates":
            return Commitment.objects.select_related("plan").order_by("pk")
        queryset: QuerySet[Commitment] = super().get_queryset()
        return queryset

    @extend_schema(
        summary="Report progress on a commitment",
        description=(
            "Needs a token (`Authorization: Token <key>`) of a user who may report progress on this commitment: "
            "an editor of its lead institution or a coordinator of its jurisdiction."
        ),
        request=s.ProgressUpdateInputSerializer,
        responses={
            201: s.ProgressUpdateSerializer,
            400: OpenApiResponse(description="Invalid input"),
            401: ERROR,
            403: ERROR,
            404: ERROR,
        },
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="progress-updates",
        permission_classes=[IsAuthenticated],
        filterset_class=None,
        pagination_class=None,
    )
    def progress_updates(self, request: Request, pk: str | None = None) -> Response:
        commitment = self.get_object()
        if not can(request.user, CommitmentAction.REPORT_PROGRESS, commitment):
            raise exceptions.PermissionDenied(_("You may not report progress on this commitment."))
        data = s.ProgressUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        update = add_progress_update(actor=request.user, commitment=commitment, **data.validated_data)
        return Response(s.ProgressUpdateSerializer(update).data, status=status.HTTP_201_CREATED)


class MilestoneViewSet(PublicViewSet):
    """Milestones: activities with a verifiable deliverable."""

    queryset = Milestone.objects.order_by("pk")
    serializer_class = s.MilestoneSerializer
    filterset_class = filters.MilestoneFilter


class ProgressUpdateViewSet(PublicViewSet):
    """Dated progress reports on commitments."""

    queryset = ProgressUpdate.objects.order_by("pk")
    serializer_class = s.ProgressUpdateSerializer
    filterset_class = filters.ProgressUpdateFilter
    modified_field = "created_at"


class ChangeViewSet(PublicViewSet):
    """The change history: who changed what, when, old and new values."""

    queryset = ChangeRecord.objects.select_related("content_type").order_by("pk")
    serializer_class = s.ChangeSerializer
    filterset_class = filters.ChangeFilter
    modified_field = "created_at"


class AssessmentViewSet(PublicViewSet):
    """Independent (IRM) and reviewers' assessments of commitments."""

    queryset = IRMAssessment.objects.order_by("pk")
    serializer_class = s.AssessmentSerializer
    filterset_class = filters.AssessmentFilter


class ConsultationViewSet(PublicViewSet):
    """Public consultations: input from anyone before a deadline, then the government's answers."""

    queryset = Consultation.objects.order_by("pk")
    serializer_class = s.ConsultationSerializer
    filterset_class = filters.ConsultationFilter


class SubmissionViewSet(PublicViewSet):
    """Published submissions to consultations, as their senders agreed (never an email address)."""

    queryset = Submission.objects.filter(
        status=Submission.Status.PUBLISHED,
        consent__in=[Submission.Consent.NAMED, Submission.Consent.ANONYMOUS],
    ).order_by("pk")
    serializer_class = s.SubmissionSerializer
    filterset_class = filters.SubmissionFilter
    modified_field = "published_at"


class AnswerViewSet(PublicViewSet):
    """The government's reasoned answers to submissions."""

    queryset = Answer.objects.prefetch_related("commitments", "themes").order_by("pk")
    serializer_class = s.AnswerSerializer
    filterset_class = filters.AnswerFilter


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
