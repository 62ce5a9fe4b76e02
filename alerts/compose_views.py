"""The senders' desk: composing a draft (from scratch, shared incidents, a member's report or
as a follow-up), previewing what each channel sends, sending once, and watching it go out.

Only senders (the coordinator and deputies) reach these pages; everyone else gets a 404.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from networks.access import network_member_required
from networks.models import Membership
from networks.schemas import current_network

from . import drafts, sms_segments, texts
from .access import alert_for_sender, report_for_sender, sender_required
from .audience import Planned, plan_recipients
from .compose_forms import AlertForm, PhotoUploadForm
from .dispatch import channel_rate
from .messages import email_for, sms_for, sms_frame
from .models import Alert, AlertPhoto, AlertReport, Channel, Recipient
from .progress import alert_progress as progress_of
from .selectors import desk_of, follow_ups_of
from .services import alert_send


def _membership(request: HttpRequest) -> Membership:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    sender_required(membership=membership)
    return membership


def _int(value: object) -> int | None:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def _ids(values: list[str]) -> list[int]:
    return [n for n in (_int(v) for v in values[: drafts.MAX_INCIDENTS]) if n is not None]


# --- The desk --------------------------------------------------------------------------------


@require_GET
@network_member_required()
def alert_desk(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    desk = desk_of(membership=membership, page=request.GET.get("page"))
    return render(
        request,
        "alerts/desk.html",
        {
            "drafts": desk.drafts,
            "sending": desk.sending,
            "page": desk.page,
            "reports_waiting": desk.reports_waiting,
            "incidents": desk.incidents,
        },
    )


# --- Composing -------------------------------------------------------------------------------


def _filled(form: AlertForm) -> QueryDict:
    """The posted form with its message and text message written again from its details."""
    alert = Alert(**form.draft_fields())
    message, sms = texts.fill(alert, current_network().zone)
    data = QueryDict(mutable=True)
    data.update(form.data)
    data["message"] = message
    data["sms_text"] = sms
    return data


def _initial_with_texts(initial: dict[str, Any]) -> dict[str, Any]:
    alert = Alert(**{k: v for k, v in initial.items() if k in drafts.DRAFT_FIELDS})
    initial["message"], initial["sms_text"] = texts.fill(alert, current_network().zone)
    return initial


def _compose(
    request: HttpRequest,
    *,
    form: AlertForm,
    alert: Alert | None = None,
    parent: Alert | None = None,
    incident_ids: list[int] | None = None,
    report: AlertReport | None = None,
    photo_form: PhotoUploadForm | None = None,
    status: int = 200,
) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    photos: list[AlertPhoto] = []
    evidence: list[Any] = []
    if alert is not None:
        photos = list(alert.photos.all())
        evidence = drafts.evidence_choices(alert=alert, membership=membership)
    return render(
        request,
        "alerts/compose.html",
        {
            "form": form,
            "alert": alert,
            "parent": parent,
            "incident_ids": incident_ids or [],
            "incidents": (
                drafts.incidents_for_sender(membership=membership, incident_ids=incident_ids)
                if incident_ids
                else []
            ),
            "report": report,
            "photos": photos,
            "evidence_choices": evidence,
            "photo_form": photo_form or PhotoUploadForm(),
            "max_photos": drafts.MAX_PHOTOS,
            **_sms_count(form),
        },
        status=status,
    )


def _sms_count(form: AlertForm) -> dict[str, Any]:
    """The count of the whole text message a phone gets: the typed text inside its frame."""
    severity = str(form["severity"].value() or "") or Alert.Severity.URGENT
    if severity not in Alert.Severity.values:
        severity = Alert.Severity.URGENT
    before, after = sms_frame(severity=severity)
    text = str(form["sms_text"].value() or "")
    return {
        "sms": sms_segments.count(before + text + after),
        "sms_before": before,
        "sms_after": after,
    }


def _after_save(request: HttpRequest, alert: Alert) -> HttpResponse:
    if "preview" in request.POST:
        return redirect("alert_preview", alert_id=alert.pk)
    messages.success(request, _("The draft is saved."))
    return redirect("alert_edit", alert_id=alert.pk)


def _refused(request: HttpRequest, error: drafts.DraftError) -> None:
    messages.error(request, error.message)


@require_http_methods(["GET", "POST"])
@network_member_required()
def alert_new(request: HttpRequest) -> HttpResponse:
    """A new draft: blank, or filled from shared incidents (?incident=) or a report (?report=)."""
    membership = _membership(request)
    source = request.POST if request.method == "POST" else request.GET
    incident_ids = _ids(source.getlist("incident"))
    report = None
    report_id = _int(source.get("report"))
    if report_id is not None:
        report = report_for_sender(membership=membership, report_id=report_id)
    if request.method == "GET":
        initial: dict[str, Any] = {"severity": Alert.Severity.URGENT}
        if report is not None:
            initial.update(drafts.report_initial(report=report, membership=membership))
        incidents = drafts.incidents_for_sender(membership=membership, incident_ids=incident_ids)
        if incidents:
            initial.update(drafts.details_from_incidents(incidents))
        incident_ids = [i.pk for i in incidents]
        form = AlertForm(initial=_initial_with_texts(initial))
        return _compose(request, form=form, incident_ids=incident_ids, report=report)
    form = AlertForm(request.POST)
    if not form.is_valid():
        return _compose(request, form=form, incident_ids=incident_ids, report=report)
    if "fill" in request.POST:
        form = AlertForm(_filled(form))
        form.is_valid()
        return _compose(request, form=form, incident_ids=incident_ids, report=report)
    try:
        alert = drafts.draft_create(
            membership=membership,
            by=request.user,  # type: ignore[arg-type]
            fields=form.draft_fields(),
            stores=form.cleaned_data["to_stores"],
            incident_ids=incident_ids,
            report=report,
        )
    except drafts.DraftError as error:
        _refused(request, error)
        return _compose(request, form=form, incident_ids=incident_ids, report=report)
    return _after_save(request, alert)


@require_http_methods(["GET", "POST"])
@network_member_required()
def alert_follow_up(request: HttpRequest, alert_id: int) -> HttpResponse:
    """An update or all clear, threaded under a sent alert, its details copied in."""
    membership = _membership(request)
    parent = alert_for_sender(membership=membership, alert_id=alert_id)
    if parent.is_draft:
        raise Http404
    parent = parent.thread_root
    if request.method == "GET":
        severity = request.GET.get("severity")
        if severity not in drafts.FOLLOW_UP_SEVERITIES:
            severity = Alert.Severity.UPDATE
        initial = drafts.follow_up_initial(parent=parent, severity=severity)
        form = AlertForm(initial=_initial_with_texts(initial), follow_up=True)
        form.initial["to_stores"] = list(parent.to_stores.values_list("pk", flat=True))
        return _compose(request, form=form, parent=parent)
    form = AlertForm(request.POST, follow_up=True)
    if not form.is_valid():
        return _compose(request, form=form, parent=parent)
    if "fill" in request.POST:
        form = AlertForm(_filled(form), follow_up=True)
        form.is_valid()
        return _compose(request, form=form, parent=parent)
    try:
        alert = drafts.draft_create(
            membership=membership,
            by=request.user,  # type: ignore[arg-type]
            fields=form.draft_fields(),
            stores=form.cleaned_data["to_stores"],
            parent=parent,
        )
    except drafts.DraftError as error:
        _refused(request, error)
        return _compose(request, form=form, parent=parent)
    return _after_save(request, alert)


def _draft_or_progress(request: HttpRequest, alert_id: int) -> Alert | HttpResponse:
    """The draft, or (once sent) the way to its progress page."""
    alert = alert_for_sender(membership=_membership(request), alert_id=alert_id)
    if alert.is_draft:
        return alert
    messages.info(request, _("This alert has already been sent."))
    return redirect("alert_progress", alert_id=alert.pk)


@require_http_methods(["GET", "POST"])
@network_member_required()
def alert_edit(request: HttpRequest, alert_id: int) -> HttpResponse:
    found = _draft_or_progress(request, alert_id)
    if isinstance(found, HttpResponse):
        return found
    alert = found
    follow_up = alert.parent_id is not None
    parent = alert.parent if follow_up else None
    if request.method == "GET":
        return _compose(
            request, form=AlertForm(instance=alert, follow_up=follow_up), alert=alert, parent=parent
        )
    form = AlertForm(request.POST, instance=alert, follow_up=follow_up)
    if not form.is_valid():
        return _compose(request, form=form, alert=alert, parent=parent)
    if "fill" in request.POST:
        form = AlertForm(_filled(form), instance=alert, follow_up=follow_up)
        form.is_valid()
        return _compose(request, form=form, alert=alert, parent=parent)
    try:
        alert = drafts.draft_update(
            alert=alert,
            by=request.user,  # type: ignore[arg-type]
            fields=form.draft_fields(),
            stores=form.cleaned_data["to_stores"],
        )
    except drafts.DraftError as error:
        _refused(request, error)
        return redirect("alert_progress", alert_id=alert.pk)
    return _after_save(request, alert)


@require_POST
@network_member_required()
def alert_discard(request: HttpRequest, alert_id: int) -> HttpResponse:
    found = _draft_or_progress(request, alert_id)
    if isinstance(found, HttpResponse):
        return found
    try:
        drafts.draft_discard(alert=found, by=request.user)  # type: ignore[arg-type]
    except drafts.DraftError as error:
        _refused(request, error)
        return redirect("alert_progress", alert_id=found.pk)
    messages.success(request, _("The draft is thrown away."))
    return redirect("alert_desk")


@require_POST
@network_member_required()
def alert_photos(request: HttpRequest, alert_id: int) -> HttpResponse:
    """Add one of the incidents' photos, upload one, or take one off a draft."""
    membership = _membership(request)
    found = _draft_or_progress(request, alert_id)
    if isinstance(found, HttpResponse):
        return found
    alert = found
    action = request.POST.get("action", "")
    user: Any = request.user
    try:
        if action == "evidence":
            evidence_id = _int(request.POST.get("evidence"))
            if evidence_id is None:
                raise drafts.DraftError(_("Choose a photo."), code="evidence")
            drafts.photo_add_evidence(
                alert=alert, membership=membership, by=user, evidence_id=evidence_id
            )
            messages.success(request, _("The photo is on the alert."))
        elif action == "upload":
            return _photo_upload(request, alert)
        elif action == "remove":
            photo_id = _int(request.POST.get("photo"))
            if photo_id is not None:
                drafts.photo_remove(alert=alert, photo_id=photo_id)
            messages.success(request, _("The photo is taken off the alert."))
    except drafts.DraftError as error:
        _refused(request, error)
    return redirect(reverse("alert_edit", kwargs={"alert_id": alert.pk}) + "#photos")


def _photo_upload(request: HttpRequest, alert: Alert) -> HttpResponse:
    """A refused photo comes back beside its field, with the caption as typed: the sender
    reads why and tries another file without typing again."""
    form = PhotoUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            drafts.photo_upload(
                alert=alert,
                by=request.user,  # type: ignore[arg-type]
                upload=form.cleaned_data["photo"],
                caption=form.cleaned_data.get("caption") or "",
            )
        except drafts.DraftError as error:
            form.add_error("photo", error.message)
        else:
            messages.success(request, _("The photo is on the alert."))
            return redirect(reverse("alert_edit", kwargs={"alert_id": alert.pk}) + "#photos")
    follow_up = alert.parent_id is not None
    return _compose(
        request,
        form=AlertForm(instance=alert, follow_up=follow_up),
        alert=alert,
        parent=alert.parent if follow_up else None,
        photo_form=form,
    )


# --- Preview and sending ---------------------------------------------------------------------


def _sample(planned: list[Planned], alert: Alert) -> Recipient:
    """Whom the preview shows the messages as: the first member it goes to, or a stand-in."""
    for item in planned:
        if item.recipient.kind == Recipient.Kind.MEMBER:
            return item.recipient
    return Recipient(alert=alert, kind=Recipient.Kind.MEMBER, name=_("A member"))


def _channel_texts(alert: Alert, recipient: Recipient) -> dict[str, str]:
    """What the email and the text message say, exactly as the workers write them."""
    subject, text, html = email_for(recipient=recipient, alert=alert)
    return {
        "subject": subject,
        "text": text,
        "html": html,
        "sms": sms_for(recipient=recipient, alert=alert),
    }


def _email_body(html: str) -> SafeString:
    """The email's HTML as a fragment of this page: its body only (its own styles and head
    have no place here, and our CSP would refuse them anyway)."""
    found = re.search(r"<body[^>]*>(.*)</body>", html, flags=re.DOTALL | re.IGNORECASE)
    # Built by alerts.messages from escaped text: the sender's words never
    # arrive here as markup.
    return mark_safe(found.group(1) if found else html)  # noqa: S308


def _plan_summary(planned: list[Planned], *, now: dt.datetime) -> dict[str, Any]:
    counts = {c: 0 for c in Channel.values}
    held = {c: 0 for c in Channel.values}
    for item in planned:
        for channel, _address, held_until in item.channels:
            counts[channel] += 1
            if held_until is not None:
                held[channel] += 1
    seconds = 0.0
    for channel in (Channel.EMAIL, Channel.SMS, Channel.WEBHOOK):
        now_count = counts[channel] - held[channel]
        if now_count:
            seconds = max(seconds, now_count / channel_rate(channel))
    labels = dict(Channel.choices)
    return {
        "channels": [
            {"channel": c, "label": labels[c], "count": counts[c], "held": held[c]}
            for c in Channel.values
        ],
        "recipients": len(planned),
        "expected_seconds": int(seconds + 0.999),
        "expected_finish_at": now + dt.timedelta(seconds=seconds),
    }


def _problems(alert: Alert, *, has_recipients: bool) -> list[str]:
    problems = []
    if not alert.headline.strip():
        problems.append(_("The alert has no headline."))
    if not alert.message.strip():
        problems.append(_("The message is empty: fill it from the details or write it."))
    if not alert.sms_text.strip():
        problems.append(_("The text message is empty: fill it from the details or write it."))
    if not has_recipients:
        problems.append(_("Nobody would receive this alert: choose who gets it."))
    return problems


@require_GET
@network_member_required()
def alert_preview(request: HttpRequest, alert_id: int) -> HttpResponse:
    found = _draft_or_progress(request, alert_id)
    if isinstance(found, HttpResponse):
        return found
    alert = found
    now = timezone.now()
    planned = plan_recipients(alert=alert, network=current_network(), at=now)
    channel_texts = _channel_texts(alert, _sample(planned, alert))
    return render(
        request,
        "alerts/preview.html",
        {
            "alert": alert,
            "parent": alert.parent if alert.parent_id else None,
            "texts": channel_texts,
            "email_html": _email_body(channel_texts["html"]),
            "sms": sms_segments.count(channel_texts["sms"]),
            "plan": _plan_summary(planned, now=now),
            "problems": _problems(alert, has_recipients=bool(planned)),
            "photos": list(alert.photos.all()),
            "details": texts.detail_lines(alert, current_network().zone),
        },
    )


@require_POST
@network_member_required()
def alert_send_view(request: HttpRequest, alert_id: int) -> HttpResponse:
    """Send once: a second press, or a second browser, finds it sent and is shown its progress."""
    found = _draft_or_progress(request, alert_id)
    if isinstance(found, HttpResponse):
        return found
    alert = found
    planned = plan_recipients(alert=alert, network=current_network(), at=timezone.now())
    problems = _problems(alert, has_recipients=bool(planned))
    if problems:
        for problem in problems:
            messages.error(request, problem)
        return redirect("alert_preview", alert_id=alert.pk)
    sent = alert_send(alert_id=alert.pk, by=request.user)  # type: ignore[arg-type]
    if sent is None:
        messages.info(request, _("This alert has already been sent."))
    else:
        messages.success(request, _("The alert is going out."))
    return redirect("alert_progress", alert_id=alert.pk)


# --- Progress --------------------------------------------------------------------------------


@require_GET
@network_member_required()
def alert_progress(request: HttpRequest, alert_id: int) -> HttpResponse:
    alert = alert_for_sender(membership=_membership(request), alert_id=alert_id)
    if alert.is_draft:
        return redirect("alert_edit", alert_id=alert.pk)
    progress = progress_of(alert=alert)
    follow_ups = follow_ups_of(alert=alert)
    return render(
        request,
        "alerts/progress.html",
        {
            "alert": alert,
            "progress": progress,
            "follow_ups": follow_ups,
            "root": alert.thread_root,
        },
    )


@require_GET
@network_member_required()
def alert_progress_json(request: HttpRequest, alert_id: int) -> HttpResponse:
    alert = alert_for_sender(membership=_membership(request), alert_id=alert_id)
    if alert.is_draft:
        raise Http404
    response = JsonResponse(progress_of(alert=alert).as_dict())
    response["Cache-Control"] = "no-store"
    return response
