"""The store's security profile: the owner writes it and shares it (or not) with the
network's law-enforcement members; they read a shared one after stating why, and every read
goes to the store's access log.

Staff, other stores and the coordinator get a 404 on all of it (police.access).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from incidents.access import needs_purpose, police_purpose, purpose_redirect
from incidents.models import AccessLogEntry
from incidents.services import access_record
from networks.access import network_member_required
from networks.models import Membership

from . import profile_services as services
from .access import owner_store, police_required, profile_for_police
from .profile_forms import ProfileForm


def _membership(request: HttpRequest) -> Membership:
    return request.membership  # type: ignore[attr-defined]


def _user(request: HttpRequest) -> Any:
    return request.user  # the access decorator let in a logged-in member only


def _private(response: HttpResponse) -> HttpResponse:
    # Alarm, safe and home details: no browser or proxy cache keeps them.
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@network_member_required()
def profile_edit(request: HttpRequest) -> HttpResponse:
    store = owner_store(membership=_membership(request))
    profile = services.profile_of(store=store)
    form = ProfileForm(request.POST or None, initial=ProfileForm.initial_of(profile))
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_save(store=store, by=_user(request), fields=form.cleaned_data)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("Your security profile is saved."))
            return redirect("police_profile")
    return _private(
        render(
            request,
            "police/profile/edit.html",
            {"store": store, "profile": profile, "form": form},
        )
    )


@require_POST
@network_member_required()
def profile_share(request: HttpRequest) -> HttpResponse:
    store = owner_store(membership=_membership(request))
    shared = request.POST.get("shared") == "1"
    profile = services.profile_share(
        profile=services.profile_of(store=store), by=_user(request), shared=shared
    )
    if profile.shared_with_police:
        messages.success(
            request,
            _(
                "Your security profile is shared with the network's law-enforcement members. "
                "Each time one of them reads it, your access log says who, when and why."
            ),
        )
    else:
        messages.success(
            request,
            _("Your security profile is no longer shared: only you can see it."),
        )
    return redirect("police_profile")


@require_GET
@network_member_required()
def shared_profiles(request: HttpRequest) -> HttpResponse:
    police_required(membership=_membership(request))
    return render(request, "police/profile/shared.html", {"profiles": services.profiles_shared()})


@require_GET
@network_member_required()
def profile_view(request: HttpRequest, store_id: int) -> HttpResponse:
    membership = _membership(request)
    profile = profile_for_police(membership=membership, store_id=store_id)
    if needs_purpose(membership=membership, request=request):
        return purpose_redirect(request)
    access_record(
        membership=membership,
        user=_user(request),
        action=AccessLogEntry.Action.PROFILE,
        store=profile.store,
        purpose=police_purpose(request),
    )
    return _private(
        render(
            request,
            "police/profile/view.html",
            {"profile": profile, "store": profile.store, "purpose": police_purpose(request)},
        )
    )
