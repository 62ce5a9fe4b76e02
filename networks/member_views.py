"""The coordinator's side of membership: inviting police partners and fellow coordinators,
taking a role away, and the record of every role granted or revoked in the network.

Roles only ever come from here (a coordinator), from a platform admin, from the invitation a
store owner sends for their own staff, or from taking a store's pledge; never from a form a
person fills in for themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .access import membership_for_coordinator, network_member_required
from .models import Membership

if TYPE_CHECKING:
    from accounts.models import User
from .selectors import role_events
from .services import invitation_create, membership_remove

Role = Membership.Role


def _user(request: HttpRequest) -> User:
    user: Any = request.user  # the access decorator let in a logged-in member only
    return user


class NetworkRoleInviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Their email address"), max_length=254)
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        choices=[
            (Role.LAW_ENFORCEMENT, gettext_lazy("Law enforcement partner")),
            (Role.COORDINATOR, gettext_lazy("Coordinator")),
        ],
        widget=forms.RadioSelect,
    )


@require_http_methods(["GET", "POST"])
@network_member_required(Role.COORDINATOR)
def member_invite(request: HttpRequest) -> HttpResponse:
    form = NetworkRoleInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_create(
                email=form.cleaned_data["email"], role=form.cleaned_data["role"], by=_user(request)
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(
                request,
                _("The invitation is on its way to %(email)s. It works once, for 7 days.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("member_list")
    return render(request, "networks/member_invite.html", {"form": form})


@require_POST
@network_member_required(Role.COORDINATOR)
def member_revoke(request: HttpRequest, membership_id: int) -> HttpResponse:
    coordinator: Any = request.membership  # type: ignore[attr-defined]
    target = membership_for_coordinator(membership=coordinator, membership_id=membership_id)
    membership_remove(
        membership=target, by=_user(request), how=gettext_noop("removed by a coordinator")
    )
    messages.success(
        request, _("%(person)s no longer has a role in this network.") % {"person": target.user}
    )
    return redirect("member_list")


@require_GET
@network_member_required(Role.COORDINATOR)
def member_history(request: HttpRequest) -> HttpResponse:
    return render(request, "networks/member_history.html", {"events": role_events()})
