"""A member's side of alerts: the inbox, an alert's page and its photos, "seen — on the
lookout", the links every message carries (acknowledge, stop a channel), preferences, and a
report to the coordinator.

The two signed links work without logging in. Mail scanners open every link in a message, so
neither acts on GET: the page says what the button will do, and only its POST does it.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from incidents.models import Evidence
from incidents.responses import private_file
from networks.access import network_member_required
from networks.models import Membership
from pledges.forms import add_service_errors

from .access import (
    alert_for_member,
    is_sender,
    photo_for_member,
    recipient_of_link,
    recipient_of_member,
    stop_link_names_someone,
)
from .inbox_forms import PreferencesForm, ReportForm
from .inbox_selectors import inbox_rows, report_incidents, thread_of
from .links import EXPIRED, LinkError, ack_recipient_id, stop_target
from .member_services import (
    AlertMemberError,
    Via,
    alert_report_create,
    channel_stop,
    preference_save,
    recipient_acknowledge,
    recipient_mark_read,
)
from .models import AlertPhoto, AlertPreference, Channel

PAGE_SIZE = 25
VARIANTS = ("display", "thumbnail")


def _membership(request: HttpRequest) -> Membership:
    return cast(Membership, request.membership)  # type: ignore[attr-defined]


@require_GET
@network_member_required()
def alert_inbox(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    page = Paginator(inbox_rows(user_id=membership.user_id), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "alerts/inbox.html",
        {"page": page, "rows": page.object_list, "sender": is_sender(membership=membership)},
    )


@require_GET
@network_member_required()
def alert_detail(request: HttpRequest, alert_id: int) -> HttpResponse:
    membership = _membership(request)
    alert = alert_for_member(membership=membership, alert_id=alert_id)
    recipient = recipient_of_member(membership=membership, alert=alert)
    if recipient is not None and recipient.read_at is None:
        recipient_mark_read(recipient_id=recipient.pk)
        recipient.read_at = timezone.now()
    sender = is_sender(membership=membership)
    return render(
        request,
        "alerts/detail.html",
        {
            "alert": alert,
            "recipient": recipient,
            "sender": sender,
            "thread": thread_of(alert=alert, user_id=membership.user_id, sender=sender),
            "photos": list(alert.photos.select_related("evidence")),
        },
    )


def _photo_file(photo: AlertPhoto, variant: str) -> str:
    """The stored name of the photo's re-encoded size; an evidence photo serves its own."""
    if photo.evidence is not None:
        evidence = photo.evidence
        if evidence.kind != Evidence.Kind.PHOTO or evidence.status != Evidence.Status.READY:
            return ""
        return str(getattr(evidence, variant).name or "")
    return str(getattr(photo, variant).name or "")


@require_GET
@network_member_required()
def alert_photo(request: HttpRequest, alert_id: int, photo_id: int, variant: str) -> HttpResponse:
    membership = _membership(request)
    photo = photo_for_member(membership=membership, alert_id=alert_id, photo_id=photo_id)
    if variant not in VARIANTS:
        raise Http404
    name = _photo_file(photo, variant)
    if not name:
        raise Http404
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = f"alert-{photo.alert_id}-photo-{photo.pk}-{variant}.jpg"
    response = FileResponse(handle, content_type="image/jpeg", filename=filename)
    private_file(response)
    return cast(HttpResponse, response)


@require_POST
@network_member_required()
def alert_acknowledge(request: HttpRequest, alert_id: int) -> HttpResponse:
    membership = _membership(request)
    alert = alert_for_member(membership=membership, alert_id=alert_id)
    recipient = recipient_of_member(membership=membership, alert=alert)
    if recipient is None:
        raise Http404
    if recipient_acknowledge(recipient_id=recipient.pk, via=Via.PORTAL):
        messages.success(request, _("Thank you: the coordinator sees you are on the lookout."))
    return redirect("alert_detail", alert_id=alert.pk)


# --- The signed links (no login) ---------------------------------------------------------------


def _link_problem(request: HttpRequest, reason: str) -> HttpResponse:
    """What a broken link says: never which alert or person it named."""
    return render(
        request, "alerts/link_problem.html", {"reason": reason, "EXPIRED": EXPIRED}, status=400
    )


def _network_host(request: HttpRequest) -> None:
    tenant = getattr(request, "tenant", None)
    if tenant is None or tenant.is_public:
        raise Http404


@require_http_methods(["GET", "POST"])
def alert_ack_link(request: HttpRequest, token: str) -> HttpResponse:
    _network_host(request)
    try:
        recipient_id = ack_recipient_id(token)
    except LinkError as error:
        return _link_problem(request, error.reason)
    recipient = recipient_of_link(recipient_id=recipient_id)
    if recipient is None:
        return _link_problem(request, "gone")
    done = recipient.acknowledged_at is not None
    if request.method == "POST":
        recipient_acknowledge(recipient_id=recipient.pk, via=Via.LINK)
        done = True
    # Whoever holds the link sees what the alert is about; its details stay behind the login.
    own = request.user.is_authenticated and recipient.user_id == request.user.pk
    return render(
        request,
        "alerts/ack_done.html" if done else "alerts/ack_confirm.html",
        {"alert": recipient.alert, "recipient": recipient, "own": own},
    )


@require_http_methods(["GET", "POST"])
def alert_stop_link(request: HttpRequest, token: str) -> HttpResponse:
    _network_host(request)
    try:
        target = stop_target(token)
    except LinkError as error:
        return _link_problem(request, error.reason)
    if not stop_link_names_someone(user_id=target.user_id, contact_id=target.contact_id):
        return _link_problem(request, "gone")
    done = False
    if request.method == "POST":
        channel_stop(target=target)
        done = True
    return render(
        request,
        "alerts/stop.html",
        {
            "channel": target.channel,
            "is_email": target.channel == Channel.EMAIL,
            "for_member": target.user_id is not None,
            "done": done,
        },
    )


# --- Preferences and reports -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@network_member_required()
def alert_preferences(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    network: Any = request.tenant  # type: ignore[attr-defined]
    preference = AlertPreference.objects.filter(user_id=membership.user_id).first()
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        initial=PreferencesForm.initial_of(preference),
        region=network.country,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            preference_save(
                user_id=membership.user_id,
                phone=data["phone"],
                email_on=data["email_on"],
                sms_on=data["sms_on"],
                quiet_start=data["quiet_start"],
                quiet_end=data["quiet_end"],
                digest=data["digest"],
            )
        except AlertMemberError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your alert preferences are saved."))
            return redirect("alert_preferences")
    return render(request, "alerts/preferences.html", {"form": form, "preference": preference})


@require_http_methods(["GET", "POST"])
@network_member_required()
def alert_report_new(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    incidents = report_incidents(membership=membership, now=timezone.now())
    form = ReportForm(request.POST if request.method == "POST" else None, incidents=incidents)
    if request.method == "POST" and form.is_valid():
        try:
            alert_report_create(
                membership=membership,
                by=request.user,  # type: ignore[arg-type]
                text=form.cleaned_data["text"],
                incident=form.cleaned_data.get("incident"),
            )
        except AlertMemberError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your report is with the coordinator. Thank you for telling us.")
            )
            return redirect(reverse("alert_inbox"))
    return render(request, "alerts/report_new.html", {"form": form})
