"""Following pages: the follow form, the confirmation and unsubscribe pages (a GET changes nothing: mail
scanners follow links), what an address or an account follows, and a worker's notice settings."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from samskap.accounts.notices import set_notices_off
from samskap.accounts.permissions import grants_for, require
from samskap.following import services
from samskap.following.forms import AccountFollowForm, ChangeForm, FollowForm, LanguageForm, NoticesForm
from samskap.following.models import Frequency, Kind, Subscription
from samskap.following.permissions import FollowingAction
from samskap.kernel import intake
from samskap.kernel.registry import followables, notice_kinds


def _id(value: str) -> int:
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise Http404
    return int(value)


def _language() -> str:
    return (translation.get_language() or "en").split("-")[0]


def follow(request: HttpRequest, kind: str, pk: str) -> HttpResponse:
    object_id = _id(pk)
    found = services.thing(kind, object_id)
    if found is None:
        raise Http404
    title, url = found
    user = request.user if request.user.is_authenticated else None
    data = request.POST if request.method == "POST" else None
    chosen = request.GET.get("frequency", "")
    initial = {"frequency": chosen} if chosen in Frequency.values else {}
    form: Any = AccountFollowForm(data, initial=initial) if user else FollowForm(data, initial=initial)
    current = (
        services.for_user(user).filter(kind=kind, object_id=object_id, stopped_at__isnull=True).first()
        if user is not None
        else None
    )
    status = 200
    if request.method == "POST":
        if user is not None and request.POST.get("action") == "stop":
            services.stop(subscriptions=services.for_user(user).filter(kind=kind, object_id=object_id))
            messages.success(request, _("You no longer follow this."))
            return redirect(url)
        if form.is_valid():
            try:
                followed = services.follow(
                    kind=kind,
                    object_id=object_id,
                    frequency=form.cleaned_data["frequency"],
                    language=_language(),
                    user=user,
                    email=form.cleaned_data.get("email", ""),
                    form_token=form.cleaned_data.get("form_token"),
                    address=intake.client_address(request),
                )
            except intake.TooManySubmissions as error:
                form.add_error(None, error.message)
                status = 429
            except services.NotFollowable as error:
                raise Http404 from error
            else:
                if followed.needs_confirmation:
                    return render(request, "following/check_email.html", {"title": title, "url": url})
                messages.success(request, _("You follow this now. What becomes public about it is emailed to you."))
                return redirect(url)
        if form.errors and status == 200:
            status = 400
    return render(
        request,
        "following/follow.html",
        {"form": form, "title": title, "url": url, "kind_label": followables[kind].label, "current": current},
        status=status,
    )


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    subscription = intake.by_confirmation_token(Subscription, token[:64])
    if subscription is None or subscription.stopped_at is not None:
        raise Http404
    found = services.thing(subscription.kind, subscription.object_id)
    if request.method == "POST":
        services.confirm(subscription=subscription)
        return redirect("following:manage", token=services.manage_token(subscription.email))
    return render(request, "following/confirm.html", {"subscription": subscription, "thing": found})


@csrf_exempt  # RFC 8058: a mail program's one-click POST carries no form token; the signed link is the key
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    read = services.read_unsubscribe_token(token)
    if read is None:
        raise Http404
    email, frequency = read
    rows = services.stream(email, frequency).filter(stopped_at__isnull=True)
    if request.method == "POST":
        services.stop(subscriptions=rows)
        return render(request, "following/unsubscribed.html", {"manage_token": services.manage_token(email)})
    return render(
        request,
        "following/unsubscribe.html",
        {"rows": _rows(rows), "frequency": Frequency(frequency).label, "manage_token": services.manage_token(email)},
    )


def _rows(subscriptions: QuerySet[Subscription]) -> list[dict[str, Any]]:
    """Each subscription with its thing's title and address (one lookup per kind), active first."""
    rows = list(subscriptions.order_by("stopped_at", "kind", "object_id"))
    things: dict[tuple[str, int], tuple[str, str]] = {}
    for kind in Kind.values:
        ids = [s.object_id for s in rows if s.kind == kind]
        if ids and kind in followables:
            things.update({(kind, pk): found for pk, found in followables[kind].lookup(ids).items()})
    shown = []
    for subscription in rows:
        found = things.get((subscription.kind, subscription.object_id))
        if found is not None:
            shown.append({"subscription": subscription, "title": found[0], "url": found[1]})
    return shown


def _manage(
    request: HttpRequest, subscriptions: QuerySet[Subscription], template: str, extra: dict[str, Any]
) -> HttpResponse:
    status = 200
    if request.method == "POST":
        if "language" in request.POST:
            language_form = LanguageForm(request.POST)
            if language_form.is_valid():
                services.set_language(subscriptions=subscriptions, language=language_form.cleaned_data["language"])
                messages.success(request, _("Saved."))
                return redirect(request.path)
            status = 400
        else:
            form = ChangeForm(request.POST)
            if form.is_valid():
                chosen = subscriptions.filter(pk=form.cleaned_data["subscription"])
                picked = chosen.first()
                if picked is None:
                    raise Http404
                subscription = picked
                if form.cleaned_data["action"] == "stop":
                    services.stop(subscriptions=chosen)
                    messages.success(request, _("You no longer follow this."))
                elif form.cleaned_data["frequency"]:
                    if subscription.stopped_at is not None and subscription.user_id is None:
                        raise Http404  # following again without an account is a new opt-in, on the follow page
                    services.change(
                        subscription=subscription,
                        frequency=form.cleaned_data["frequency"],
                        language=subscription.language,
                    )
                    messages.success(request, _("Saved."))
                return redirect(request.path)
            status = 400
    first = subscriptions.first()
    context = {
        "rows": _rows(subscriptions),
        "frequencies": Frequency.choices,
        "language_form": LanguageForm(initial={"language": first.language if first else _language()}),
        **extra,
    }
    return render(request, template, context, status=status)


def manage(request: HttpRequest, token: str) -> HttpResponse:
    """What an address follows, reached from the link in every email (no account needed)."""
    email = services.read_manage_token(token)
    if email is None:
        raise Http404
    rows = services.of_address(email).filter(confirmed_at__isnull=False)
    return _manage(request, rows, "following/manage.html", {"email": email})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return _manage(request, services.for_user(request.user), "following/mine.html", {})


@login_required
def notices(request: HttpRequest) -> HttpResponse:
    """Which work notices the person gets: those of their roles, each on unless turned off."""
    require(request.user, FollowingAction.SET_NOTICES)
    grants = grants_for(request.user)
    roles = {
        "coordinator": bool(grants.coordinator_of),
        "editor": bool(grants.editor_of),
        "moderator": bool(grants.moderator_of),
        "reviewer": grants.reviewer,
    }
    kinds = [
        (key, kind.label)
        for key, kind in sorted(notice_kinds.items(), key=lambda item: item[1].order)
        if grants.superuser or any(roles.get(role) for role in kind.roles)
    ]
    user = request.user
    off = set(getattr(user, "notices_off", []) or [])
    form = NoticesForm(
        request.POST if request.method == "POST" else None,
        kinds=kinds,
        initial={"wanted": [k for k, _label in kinds if k not in off]},
    )
    if request.method == "POST" and form.is_valid():
        shown = {key for key, _label in kinds}
        kept_off = off - shown  # kinds of a role not shown here stay as they were
        set_notices_off(user=user, kinds=sorted(kept_off | (shown - set(form.cleaned_data["wanted"]))))  # type: ignore[arg-type]
        messages.success(request, _("Saved."))
        return redirect("following:notices")
    return render(request, "following/notices.html", {"form": form}, status=400 if form.errors else 200)
