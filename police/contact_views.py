"""The store owner's police contacts and the log of meetings with them (with follow-ups); and
the law-enforcement member's list of the follow-ups assigned to them.

Everyone but the owner of the store gets a 404 on the owner's pages (police.access); a
law-enforcement member sees only the follow-ups assigned to the contact that is them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from networks.access import network_member_required
from networks.models import Membership

from . import contact_selectors as selectors
from . import contact_services as services
from .access import (
    contact_for_owner,
    follow_up_for_member,
    is_police,
    owner_store,
    police_required,
)
from .contact_forms import ContactForm, MeetingForm


def _membership(request: HttpRequest) -> Membership:
    return request.membership  # type: ignore[attr-defined]


def _user(request: HttpRequest) -> Any:
    return request.user  # the access decorator let in a logged-in member only


def _refused(form: forms.Form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


# --- Contacts ---------------------------------------------------------------------------------


@require_GET
@network_member_required()
def contact_list(request: HttpRequest) -> HttpResponse:
    store = owner_store(membership=_membership(request))
    return render(
        request,
        "police/contacts/list.html",
        {"store": store, "contacts": list(selectors.contacts_of(store=store))},
    )


@require_http_methods(["GET", "POST"])
@network_member_required()
def contact_new(request: HttpRequest) -> HttpResponse:
    store = owner_store(membership=_membership(request))
    form = ContactForm(request.POST or None, region=store.country)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_create(
                store=store, by=_user(request), fields=form.cleaned_data
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("%(name)s is in your contacts.") % {"name": contact.name})
            return redirect("police_contacts")
    return render(
        request, "police/contacts/form.html", {"store": store, "form": form, "contact": None}
    )


@require_http_methods(["GET", "POST"])
@network_member_required()
def contact_edit(request: HttpRequest, contact_id: int) -> HttpResponse:
    membership = _membership(request)
    contact = contact_for_owner(membership=membership, contact_id=contact_id)
    store = owner_store(membership=membership)
    form = ContactForm(
        request.POST or None, region=store.country, initial=ContactForm.initial_of(contact)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(contact=contact, by=_user(request), fields=form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The contact is saved."))
            return redirect("police_contacts")
    return render(
        request, "police/contacts/form.html", {"store": store, "form": form, "contact": contact}
    )


@require_http_methods(["GET", "POST"])
@network_member_required()
def contact_delete(request: HttpRequest, contact_id: int) -> HttpResponse:
    membership = _membership(request)
    contact = contact_for_owner(membership=membership, contact_id=contact_id)
    if request.method == "POST":
        name = contact.name
        services.contact_delete(contact=contact)
        messages.success(request, _("%(name)s is removed from your contacts.") % {"name": name})
        return redirect("police_contacts")
    return render(
        request,
        "police/contacts/delete.html",
        {"contact": contact, "meeting_count": contact.meetings.count()},
    )


# --- Meetings and follow-ups ------------------------------------------------------------------


@require_GET
@network_member_required()
def meeting_list(request: HttpRequest) -> HttpResponse:
    store = owner_store(membership=_membership(request))
    return render(
        request,
        "police/contacts/meetings.html",
        {
            "store": store,
            "open_follow_ups": list(selectors.open_follow_ups_of(store=store)),
            "meetings": list(selectors.meetings_of(store=store)[:200]),
            "today": services.network_today(),
        },
    )


@require_http_methods(["GET", "POST"])
@network_member_required()
def meeting_new(request: HttpRequest) -> HttpResponse:
    store = owner_store(membership=_membership(request))
    form = MeetingForm(
        request.POST or None, store=store, initial={"held_on": services.network_today()}
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.MEETING_FIELDS}
        try:
            services.meeting_create(
                store=store,
                by=_user(request),
                fields=fields,
                contacts=list(form.cleaned_data["contacts"]),
                follow_ups=form.follow_ups(),
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The meeting is in your log."))
            return redirect("police_meetings")
    return render(
        request,
        "police/contacts/meeting_form.html",
        {"store": store, "form": form, "has_contacts": form.fields["contacts"].queryset.exists()},  # type: ignore[attr-defined]
    )


@require_POST
@network_member_required()
def follow_up_done(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    membership = _membership(request)
    follow_up = follow_up_for_member(membership=membership, follow_up_id=follow_up_id)
    if services.follow_up_done(follow_up=follow_up, by=_user(request)):
        messages.success(request, _("Marked done: %(text)s") % {"text": follow_up.text})
    else:
        messages.info(request, _("This follow-up was already done."))
    if is_police(membership=membership):
        return redirect("police_follow_ups_mine")
    return redirect("police_meetings")


@require_GET
@network_member_required()
def follow_ups_mine(request: HttpRequest) -> HttpResponse:
    """A law-enforcement member's follow-ups: those assigned to the contacts that are them."""
    membership = _membership(request)
    police_required(membership=membership)
    assigned = selectors.follow_ups_assigned_to(user_id=membership.user_id)
    return render(
        request,
        "police/contacts/follow_ups_mine.html",
        {"open": assigned.open, "done": assigned.done, "today": services.network_today()},
    )
