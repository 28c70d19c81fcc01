"""The co-creation calendar: a plan's dated timeline, the stakeholder forum of a jurisdiction, its
invitations and meetings, the registrations to them and the minutes after them.

A phase's and a meeting's state follow from the clock; nothing flips a flag when a date passes.
Seats are taken in `services` under a lock on the meeting's row, so capacity and the seats reserved
for the ministries never overbook however many people register at once.
"""

import datetime
import zoneinfo

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.kernel.intake import Intake, new_secret, receipt_field, receipt_number
from samskap.kernel.text import TEXT_MAX

#: OGP's minimum requirement 3.1: the timeline is published at least this long before co-creation starts.
NOTICE = datetime.timedelta(days=14)


def new_receipt() -> str:
    """A meeting registration's receipt number: M (møde/møte) and 8 random characters."""
    return receipt_number("M")


def new_join_receipt() -> str:
    """A request to join a forum: F and 8 random characters."""
    return receipt_number("F")


# --- The plan's timeline ----------------------------------------------------------------------


class Phase(models.Model):
    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("Public consultation")
        THEMES = "themes", _("Comments on themes")
        FORUM = "forum", _("Forum meetings")
        DRAFTING = "drafting", _("Drafting")
        APPROVAL = "approval", _("Approval")
        PUBLICATION = "publication", _("Publication")
        IMPLEMENTATION = "implementation", _("Implementation")
        MID_TERM = "mid_term", _("Mid-term self-assessment")
        END_OF_TERM = "end_of_term", _("End-of-term self-assessment")
        REVIEW = "review", _("Independent review")
        OTHER = "other", _("Other")

    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="phases"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(
        _("until"), help_text=_("The last day of the phase (the same as the first for one day).")
    )
    link = models.URLField(
        _("link"), blank=True, help_text=_("A consultation, a document or another page of the phase.")
    )
    link_title = models.CharField(_("link text"), max_length=200, blank=True)
    meeting = models.ForeignKey(
        "forum.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="phases",
    )

    class Meta:
        ordering = ["plan", "starts_on", "ends_on", "pk"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="phase_ends_after_it_starts",
                violation_error_message=_("A phase cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.plan_id, None

    def state_on(self, day: datetime.date) -> str:
        if day < self.starts_on:
            return "upcoming"
        return "current" if day <= self.ends_on else "done"


class TimelinePublication(models.Model):
    """The moment a plan's timeline was published; the record the standards check reads (MR 3.1)."""

    plan = models.ForeignKey("plans.ActionPlan", on_delete=models.CASCADE, related_name="timeline_publications")
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    first_activity = models.DateField(_("first activity"))
    notice_days = models.IntegerField(_("days of notice"))
    short_notice = models.BooleanField(_("published less than two weeks ahead"), default=False)

    class Meta:
        ordering = ["plan", "-published_at", "-pk"]
        verbose_name = _("timeline publication")
        verbose_name_plural = _("timeline publications")

    def __str__(self) -> str:
        return f"{self.plan} {self.published_at:%Y-%m-%d}"

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.plan_id, None


# --- The forum --------------------------------------------------------------------------------


class Forum(models.Model):
    jurisdiction = models.OneToOneField(
        "jurisdictions.Jurisdiction", verbose_name=_("jurisdiction"), on_delete=models.PROTECT, related_name="forum"
    )
    name = models.CharField(_("name"), max_length=200)
    mandate = models.TextField(_("mandate"), max_length=TEXT_MAX, blank=True)
    rules = models.TextField(_("rules of participation"), max_length=TEXT_MAX, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forum:detail", kwargs={"jurisdiction": self.jurisdiction.slug})

    def history_scope(self) -> tuple[int | None, int | None]:
        return None, None


class Member(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    representative = models.CharField(_("representative"), max_length=200, blank=True)
    deputy = models.CharField(_("deputy"), max_length=200, blank=True)
    term_starts = models.DateField(_("term from"), null=True, blank=True)
    term_ends = models.DateField(_("term until"), null=True, blank=True)
    selection = models.CharField(
        _("how selected"), max_length=300, blank=True, help_text=_("E.g. invited by the ministry, elected, applied.")
    )

    class Meta:
        ordering = ["forum", "organisation__name"]
        verbose_name = _("forum member")
        verbose_name_plural = _("forum members")
        constraints = [models.UniqueConstraint(fields=["forum", "organisation"], name="forum_member_once")]

    def __str__(self) -> str:
        return str(self.organisation)

    def history_scope(self) -> tuple[int | None, int | None]:
        return None, None

    @property
    def is_government(self) -> bool:
        from samskap.organisations.models import Organisation

        return self.role == self.Role.MEMBER and self.organisation.type in Organisation.GOVERNMENT_TYPES


class JoinRequest(Intake):
    """An organisation asks to join a forum; the coordinator accepts or declines with a reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="join_requests")
    receipt = receipt_field(new_join_receipt)
    organisation = models.CharField(_("organisation"), max_length=200)
    contact_name = models.CharField(_("contact person"), max_length=200)
    motivation = models.TextField(_("why the organisation wants to join"), max_length=TEXT_MAX)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("reason"), max_length=TEXT_MAX, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["forum", "submitted_at", "pk"]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")

    def __str__(self) -> str:
        return self.organisation

    def history_scope(self) -> tuple[int | None, int | None]:
        return None, None


# --- Meetings ---------------------------------------------------------------------------------


class Meeting(models.Model):
    class Access(models.TextChoices):
        OPEN = "open", _("Open to anyone")
        INVITATION = "invitation", _("By invitation")

    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="meetings")
    plan = models.ForeignKey(
        "plans.ActionPlan",
        verbose_name=_("action plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("short name in addresses"), max_length=80)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    room = models.CharField(_("room"), max_length=200, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    access = models.CharField(_("who may come"), max_length=12, choices=Access.choices, default=Access.OPEN)
    registration_closes_at = models.DateTimeField(
        _("registration deadline"), help_text=_("Registrations are taken until this moment (exclusive).")
    )
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True, help_text=_("Empty: no limit."))
    reserved_seats = models.PositiveIntegerField(
        _("seats reserved for the ministries"), default=0, help_text=_("Part of the seats, kept for government bodies.")
    )
    per_organisation = models.PositiveIntegerField(
        _("limit per organisation"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    reminder_hours = models.PositiveIntegerField(
        _("reminder (hours before)"), default=24, help_text=_("0: no reminder.")
    )
    sequence = models.PositiveIntegerField(default=0, editable=False)  # iCalendar SEQUENCE: bumped by each move
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["forum", "slug"], name="meeting_slug_unique_in_forum"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_it_starts",
                violation_error_message=_("The meeting must end after it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(registration_closes_at__lte=models.F("starts_at")),
                name="meeting_registration_closes_before_start",
                violation_error_message=_("The registration deadline cannot be after the start."),
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(reserved_seats__lte=models.F("capacity")),
                name="meeting_reserved_within_capacity",
                violation_error_message=_("The reserved seats cannot be more than the seats."),
            ),
        ]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.url("meeting")

    def url(self, name: str, **kwargs: object) -> str:
        return reverse(
            f"forum:{name}", kwargs={"jurisdiction": self.forum.jurisdiction.slug, "slug": self.slug, **kwargs}
        )

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.plan_id, None

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.forum.jurisdiction.time_zone)

    def local(self, moment: datetime.datetime) -> datetime.datetime:
        return moment.astimezone(self.zone)

    @property
    def local_start(self) -> datetime.datetime:
        return self.local(self.starts_at)

    @property
    def local_end(self) -> datetime.datetime:
        return self.local(self.ends_at)

    @property
    def local_deadline(self) -> datetime.datetime:
        return self.local(self.registration_closes_at)

    def takes_registrations_at(self, moment: datetime.datetime) -> bool:
        return moment < self.registration_closes_at and moment < self.starts_at

    @property
    def takes_registrations(self) -> bool:
        return self.takes_registrations_at(timezone.now())

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def general_seats(self) -> int | None:
        return None if self.capacity is None else self.capacity - self.reserved_seats

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.address, self.room) if part)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveIntegerField(_("order"))
    title = models.CharField(_("item"), max_length=300)
    minutes = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    document = models.URLField(_("document"), blank=True)
    document_title = models.CharField(_("document title"), max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.meeting.plan_id, None


class Invitation(models.Model):
    """A personal link to a meeting (or to every meeting of the forum), which may be forwarded.

    A registration through the link records it; someone who registered through it gets a link of their
    own whose `parent` is this one, so the coordinator sees how far the invitation travelled.
    """

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="invitations")
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("forwarded from"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    letter = models.TextField(_("letter"), max_length=TEXT_MAX, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_secret, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["forum", "created_at", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.organisation

    def get_absolute_url(self) -> str:
        return reverse("forum:invitation", kwargs={"token": self.token})

    def history_scope(self) -> tuple[int | None, int | None]:
        return (self.meeting.plan_id if self.meeting_id and self.meeting else None), None

    def chain(self) -> list["Invitation"]:
        """The invitations from the coordinator's to this one (the first is the one the coordinator sent)."""
        links: list[Invitation] = []
        current: Invitation | None = self
        while current is not None and len(links) < 50:
            links.append(current)
            current = current.parent
        return list(reversed(links))

    def valid_for(self, meeting: Meeting) -> bool:
        if self.revoked_at is not None or self.forum_id != meeting.forum_id:
            return False
        return self.meeting_id is None or self.meeting_id == meeting.pk


class Registration(Intake):
    class Status(models.TextChoices):
        ATTENDING = "attending", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Not recorded")
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    receipt = receipt_field(new_receipt)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    represents = models.CharField(
        _("whom you represent"), max_length=300, blank=True, help_text=_("If not the organisation: e.g. a network.")
    )
    needs = models.TextField(
        _("dietary or accessibility needs"),
        max_length=TEXT_MAX,
        blank=True,
        help_text=_("Only the organisers see this."),
    )
    show_publicly = models.BooleanField(_("my name and organisation may be shown among those attending"), default=False)
    advance_input = models.TextField(_("proposals or questions in advance"), max_length=TEXT_MAX, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ATTENDING)
    reserved_seat = models.BooleanField(_("on a seat reserved for the ministries"), default=False)
    invitation = models.ForeignKey(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="registrations"
    )
    forwarded_by = models.CharField(_("forwarded by"), max_length=200, blank=True)
    added_by_coordinator = models.BooleanField(_("added by the coordinator"), default=False)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.UNKNOWN, blank=True
    )
    promoted_at = models.DateTimeField(_("moved from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "submitted_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [models.Index(fields=["meeting", "status", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.receipt})"

    def history_scope(self) -> tuple[int | None, int | None]:
        return None, None


class Minutes(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CORRECTIONS = "corrections", _("Sent to participants for corrections")
        APPROVED = "approved", _("Approved and published")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(_("minutes"), max_length=TEXT_MAX)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    sent_at = models.DateTimeField(_("sent for corrections"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.meeting)

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.meeting.plan_id, None


class Outcome(models.Model):
    """A decision or an action item (who, by when) in the minutes."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        ACTION = "action", _("Action item")

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("text"), max_length=TEXT_MAX)
    who = models.CharField(_("who"), max_length=200, blank=True)
    due_on = models.DateField(_("by when"), null=True, blank=True)

    class Meta:
        ordering = ["minutes", "kind", "pk"]
        verbose_name = _("decision or action item")
        verbose_name_plural = _("decisions and action items")

    def __str__(self) -> str:
        return self.text[:80]

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.minutes.meeting.plan_id, None
