"""What the senders keep: members' reports waiting for an alert, law-enforcement contacts,
webhooks, deputies (the coordinator's alone) and the development SMS backend's outbox.

Senders are the coordinator and their deputies (alerts.access); everyone else gets a 404 on
every page here, as for a page that does not exist.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from networks.access import network_member_required
from networks.models import Membership

from . import manage_selectors as selectors
from . import manage_services as services
from .access import (
    contact_for_sender,
    deputy_for_coordinator,
    report_for_sender,
    sender_required,
    webhook_for_sender,
)
from .channels import webhook as webhook_channel
from .manage_forms import ContactForm, DeputyAppointForm, WebhookForm
from .models import AlertReport, LawEnforcementContact, Webhook

Role = Membership.Role
SMS_PAGE_SIZE = 50
# The id of the webhook just registered: its secret is shown on the next page, once.
NEW_WEBHOOK_SESSION_KEY = "alerts_new_webhook"


def _sender(request: HttpRequest) -> Membership:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    sender_required(membership=membership)
    return membership


def _user(request: HttpRequest) -> Any:
    return request.user  # the access decorator let in a logged-in member only


def _refused(form: forms.Form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


def _private(response: HttpResponse) -> HttpResponse:
    # Pages showing a signing secret must not be kept by a browser or proxy cache.
    response["Cache-Control"] = "no-store"
    return response


# --- Members' reports ------------------------------------------------------------------------


@require_GET
@network_member_required()
def report_list(request: HttpRequest) -> HttpResponse:
    _sender(request)
    return render(
        request,
        "alerts/reports.html",
        {"waiting": selectors.reports_waiting(), "handled": selectors.reports_handled()},
    )


@require_http_methods(["GET", "POST"])
@network_member_required()
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    membership = _sender(request)
    report = report_for_sender(membership=membership, report_id=report_id)
    if request.method == "POST":
        if request.POST.get("action") == "dismiss":
            if services.report_dismiss(report=report, by=_user(request)):
                messages.success(request, _("The report is dismissed."))
                return redirect("alert_reports")
            messages.info(request, _("Someone had already dealt with this report."))
        return redirect("alert_report", report_id=report.pk)
    return render(
        request,
        "alerts/report_detail.html",
        {
            "row": selectors.report_row(report),
            "report": report,
            "alerts": selectors.report_alerts(report),
            "is_waiting": report.status == AlertReport.Status.NEW,
        },
    )


# --- Law-enforcement contacts ----------------------------------------------------------------


@require_GET
@network_member_required()
def contact_list(request: HttpRequest) -> HttpResponse:
    _sender(request)
    return render(request, "alerts/contacts.html", {"contacts": selectors.contacts()})


@require_http_methods(["GET", "POST"])
@network_member_required()
def contact_new(request: HttpRequest) -> HttpResponse:
    _sender(request)
    region = request.tenant.country  # type: ignore[attr-defined]
    form = ContactForm(
        request.POST or None, region=region, initial={"email_on": True, "sms_on": True}
    )
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_create(by=_user(request), fields=form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                _("%(name)s will receive the alerts sent to law enforcement.")
                % {"name": contact.name},
            )
            return redirect("alert_contacts")
    return render(request, "alerts/contact_form.html", {"form": form, "contact": None})


@require_http_methods(["GET", "POST"])
@network_member_required()
def contact_edit(request: HttpRequest, contact_id: int) -> HttpResponse:
    membership = _sender(request)
    contact = contact_for_sender(membership=membership, contact_id=contact_id)
    region = request.tenant.country  # type: ignore[attr-defined]
    action = request.POST.get("action", "save") if request.method == "POST" else ""
    if action in ("deactivate", "activate"):
        return _contact_switch(request, contact, active=action == "activate")
    form = ContactForm(
        request.POST if action else None, region=region, initial=ContactForm.initial_of(contact)
    )
    if action and form.is_valid():
        try:
            services.contact_update(contact=contact, by=_user(request), fields=form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The contact is saved."))
            return redirect("alert_contacts")
    return render(request, "alerts/contact_form.html", {"form": form, "contact": contact})


def _contact_switch(
    request: HttpRequest, contact: LawEnforcementContact, *, active: bool
) -> HttpResponse:
    services.contact_set_active(contact=contact, by=_user(request), active=active)
    if active:
        messages.success(request, _("%(name)s receives alerts again.") % {"name": contact.name})
    else:
        messages.success(
            request,
            _("%(name)s no longer receives alerts. Alerts already sent still list them.")
            % {"name": contact.name},
        )
    return redirect("alert_contacts")


# --- Webhooks --------------------------------------------------------------------------------


@require_GET
@network_member_required()
def webhook_list(request: HttpRequest) -> HttpResponse:
    _sender(request)
    return render(request, "alerts/webhooks.html", {"webhooks": selectors.webhooks()})


@require_http_methods(["GET", "POST"])
@network_member_required()
def webhook_new(request: HttpRequest) -> HttpResponse:
    _sender(request)
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            webhook = services.webhook_create(
                by=_user(request), name=form.cleaned_data["name"], url=form.cleaned_data["url"]
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            request.session[NEW_WEBHOOK_SESSION_KEY] = webhook.pk
            messages.success(
                request, _("The webhook is registered. Copy its secret to the receiver now.")
            )
            return redirect("alert_webhook", webhook_id=webhook.pk)
    return render(request, "alerts/webhook_form.html", {"form": form, "webhook": None})


@require_http_methods(["GET", "POST"])
@network_member_required()
def webhook_edit(request: HttpRequest, webhook_id: int) -> HttpResponse:
    membership = _sender(request)
    webhook = webhook_for_sender(membership=membership, webhook_id=webhook_id)
    action = request.POST.get("action", "save") if request.method == "POST" else ""
    if action in ("deactivate", "activate"):
        services.webhook_set_active(webhook=webhook, by=_user(request), active=action == "activate")
        messages.success(
            request,
            _("Alerts go to this webhook again.")
            if action == "activate"
            else _("Alerts no longer go to this webhook."),
        )
        return redirect("alert_webhooks")
    if action == "ping":
        return _webhook_ping(request, webhook)
    initial = {"name": webhook.name, "url": webhook.url}
    form = WebhookForm(request.POST if action == "save" else None, initial=initial)
    if action == "save" and form.is_valid():
        try:
            services.webhook_update(
                webhook=webhook,
                by=_user(request),
                name=form.cleaned_data["name"],
                url=form.cleaned_data["url"],
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The webhook is saved."))
            return redirect("alert_webhooks")
    just_made = request.session.get(NEW_WEBHOOK_SESSION_KEY) == webhook.pk
    if just_made and request.method == "GET":
        del request.session[NEW_WEBHOOK_SESSION_KEY]
    show_secret = (just_made and request.method == "GET") or action == "reveal"
    response = render(
        request,
        "alerts/webhook_form.html",
        {
            "form": form,
            "webhook": webhook,
            "show_secret": show_secret,
            "just_made": just_made,
            "signature_header": webhook_channel.SIGNATURE_HEADER,
            "timestamp_header": webhook_channel.TIMESTAMP_HEADER,
            "delivery_header": webhook_channel.DELIVERY_HEADER,
        },
    )
    return _private(response) if show_secret else response


def _webhook_ping(request: HttpRequest, webhook: Webhook) -> HttpResponse:
    result = services.webhook_test_ping(
        webhook=webhook,
        by=_user(request),
        network_name=request.tenant.name,  # type: ignore[attr-defined]
    )
    if result.ok:
        messages.success(
            request,
            _("The receiver got the test message (HTTP status %(status)s).")
            % {"status": result.status},
        )
    else:
        messages.error(
            request, _("The test message did not arrive: %(why)s") % {"why": result.error}
        )
    return redirect("alert_webhook", webhook_id=webhook.pk)


# --- Deputies (the coordinator's) ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@network_member_required(Role.COORDINATOR)
def deputy_list(request: HttpRequest) -> HttpResponse:
    candidates = services.deputy_candidates()
    form = DeputyAppointForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            services.deputy_appoint(user_id=form.cleaned_data["user_id"], by=_user(request))
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("They can now write and send alerts while you are away."))
            return redirect("alert_deputies")
    return render(
        request,
        "alerts/deputies.html",
        {"rows": selectors.deputy_rows(), "form": form, "has_candidates": bool(candidates)},
    )


@require_http_methods(["GET", "POST"])
@network_member_required(Role.COORDINATOR)
def deputy_remove(request: HttpRequest, deputy_id: int) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    deputy = deputy_for_coordinator(membership=membership, deputy_id=deputy_id)
    if request.method == "POST":
        services.deputy_remove(deputy=deputy, by=_user(request))
        messages.success(request, _("They can no longer send alerts."))
        return redirect("alert_deputies")
    return render(request, "alerts/deputy_remove.html", {"row": selectors.deputy_rows([deputy])[0]})


# --- The development SMS outbox --------------------------------------------------------------


@require_GET
@network_member_required()
def sms_outbox(request: HttpRequest) -> HttpResponse:
    _sender(request)
    page = Paginator(selectors.sms_outbox(), SMS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "alerts/sms_outbox.html", {"page": page})
