from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.sessions.backends.base import SessionBase as SessionStoreBase
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> "User":
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. The public needs none to read anything."""

    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # Work notices (`samskap.kernel.registry.notice_kinds` keys) this person turned off; see accounts.notices.
    notices_off = models.JSONField(_("notices turned off"), default=list, blank=True)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class RoleGrant(models.Model):
    """A role a user holds, scoped to a jurisdiction or an organisation where the role needs one."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        EDITOR = "editor", _("Institution editor")
        REVIEWER = "reviewer", _("Reviewer")
        MODERATOR = "moderator", _("Moderator")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    jurisdiction = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        verbose_name=_("jurisdiction"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(role="coordinator", jurisdiction__isnull=False, organisation__isnull=True)
                    | models.Q(role="editor", organisation__isnull=False, jurisdiction__isnull=True)
                    | models.Q(role__in=["reviewer", "moderator"], organisation__isnull=True)
                ),
                name="role_grant_scope_matches_role",
            ),
        ]

    def __str__(self) -> str:
        scope = self.jurisdiction or self.organisation
        return f"{self.get_role_display()}: {scope}" if scope else str(self.get_role_display())


class Session(AbstractBaseSession):
    """A login session (Django's session row) that also names its user, so that the session, its user
    and the user's roles are read in one query (`samskap.accounts.sessions`). Deleting a user deletes
    their sessions; deleting a row logs that session out on every app server at once."""

    # No database constraint: a session saved for a user deleted meanwhile must not fail the request (Django
    # would retry the insert for ever); the ORM still deletes a user's sessions with the user.
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_constraint=False
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    @classmethod
    def get_session_store_class(cls) -> type["SessionStoreBase"]:
        from samskap.accounts.sessions import SessionStore

        return SessionStore
