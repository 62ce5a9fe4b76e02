"""Pages of a network about pledges: taking it, the store's page and team, joining a store by
invitation, and the coordinators' list, export, decisions and pledge text."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.selectors import email_verified
from networks.access import (
    invitation_for_owner,
    needs_mfa_setup,
    network_member_required,
    staff_membership_for_owner,
)
from networks.models import Membership, Network, Store
from networks.selectors import invitation_sender, membership_of
from networks.services import (
    InvitationError,
    InvitationNeedsMfa,
    invitation_accept,
    invitation_for_token,
    invitation_revoke,
    membership_remove,
)

from .access import (
    pledge_for_coordinator,
    pledge_of_own_store,
    pledge_of_own_store_if_any,
    pledge_owned_by,
)
from .forms import (
    COORDINATOR_ACTIONS,
    ListingForm,
    PledgeFilterForm,
    PledgeForm,
    PledgeTextForm,
    ReaffirmForm,
    StaffInviteForm,
    TransitionForm,
    WithdrawForm,
    add_service_errors,
    store_initial,
    version_initial,
)
from .models import Pledge, PledgeStatus
from .selectors import (
    PledgeFilters,
    acknowledgement_of,
    allowed_actions,
    commitment_texts,
    current_pledge_version,
    open_invitations,
    pledge_cities,
    pledge_csv_rows,
    pledge_history,
    pledge_is_outdated,
    pledge_list,
    pledge_signers,
    pledge_status_change,
    pledge_status_counts,
    pledge_waits_for,
    pledges_on_older_versions,
    store_of_returning_owner,
    store_team,
)
from .services import (
    PledgeError,
    StoreAlreadyPledged,
    acknowledgement_record,
    current_version,
    pledge_listing_set,
    pledge_reaffirm,
    pledge_staff_invite,
    pledge_take,
    pledge_transition,
    pledge_version_publish,
)

if TYPE_CHECKING:
    from accounts.models import User

Role = Membership.Role
PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    return cast("User", request.user)


def _membership(request: HttpRequest) -> Membership:
    return cast(Membership, request.membership)  # type: ignore[attr-defined]


def _network(request: HttpRequest) -> Network:
    return cast(Network, request.tenant)  # type: ignore[attr-defined]


def _post_data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


# --- Taking the pledge -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def pledge_start(request: HttpRequest) -> HttpResponse:
    """The one flow: account first (allauth), then the store and the pledge on one page."""
    if not request.user.is_authenticated:
        return render(request, "pledges/pledge_intro.html")
    user = _user(request)
    if not email_verified(user_id=user.pk, email=user.email):
        return render(request, "pledges/pledge_verify_email.html")
    membership = membership_of(user=user)
    if membership is not None and not membership.is_store_member:
        return render(request, "pledges/pledge_not_for_role.html", {"role": membership})
    if membership is not None:
        if pledge_of_own_store_if_any(membership=membership) is not None:
            messages.info(request, _("Your store has already taken the pledge; here it is."))
            return redirect("store_home")
        if membership.role == Role.STORE_STAFF:
            messages.info(
                request,
                _("You are on the team of %(store)s. The store's owner takes its pledge.")
                % {"store": membership.store},
            )
            return redirect("store_home")

    network = _network(request)
    version = current_version()
    returning = store_of_returning_owner(user=user)
    initial: dict[str, object] = store_initial(returning) if returning is not None else {}
    initial.setdefault("region", network.region)
    initial["signature_name"] = user.full_name
    form = PledgeForm(
        _post_data(request),
        request.FILES if request.method == "POST" else None,
        initial=initial,
        pledge_version=version,
        country=network.country,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pledge = pledge_take(
                user=user,
                store=form.store_details(),
                commitments=form.ticked_commitments(),
                signature_name=data["signature_name"],
                consented=data["consent"],
                listed_publicly=data["listed_publicly"],
                logo=data["logo"],
            )
        except StoreAlreadyPledged as taken:
            if taken.yours:
                messages.info(request, str(taken))
                return redirect("store_home")
            # Its code and status are the store's own business: only its team sees them.
            own_team = membership is not None and membership.store_id == taken.pledge.store_id
            return render(
                request,
                "pledges/pledge_exists.html",
                {"pledge": taken.pledge if own_team else None, "message": taken},
            )
        except PledgeError as refused:
            form.add_error(None, str(refused))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _taken_message(pledge, network))
            return redirect("store_home")
    return render(request, "pledges/pledge_form.html", {"form": form, "version": version})


def _taken_message(pledge: Pledge, network: Network) -> str:
    if pledge.status == PledgeStatus.ACTIVE:
        return _("Thank you. %(store)s is now a Partner for Protection.") % {
            "store": pledge.store.display_name
        }
    if pledge_waits_for(pledge=pledge, network=network) == "approval":
        return _(
            "Thank you. The network's coordinator reviews new pledges; we will email you "
            "when yours is approved."
        )
    return _("Thank you. Confirm your email address to make your pledge active.")


# --- The store's page ------------------------------------------------------------------------


def _store_context(
    request: HttpRequest,
    pledge: Pledge,
    *,
    invite_form: StaffInviteForm | None = None,
) -> dict[str, Any]:
    membership = _membership(request)
    is_owner = membership.role == Role.STORE_OWNER
    context: dict[str, Any] = {
        "pledge": pledge,
        "store": pledge.store,
        "is_owner": is_owner,
        "outdated": pledge_is_outdated(pledge=pledge),
        "waits_for": pledge_waits_for(pledge=pledge, network=_network(request)),
        "status_change": pledge_status_change(pledge=pledge),
        "commitments": commitment_texts(pledge.version),
    }
    if is_owner:
        context["team"] = store_team(pledge=pledge)
        context["invitations"] = open_invitations(store=pledge.store)
        context["invite_form"] = invite_form or StaffInviteForm()
    else:
        context["acknowledgement"] = acknowledgement_of(pledge=pledge, user=_user(request))
    return context


@require_GET
@network_member_required(Role.STORE_OWNER, Role.STORE_STAFF)
def store_home(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    pledge = pledge_of_own_store_if_any(membership=membership)
    if pledge is None:
        if membership.role == Role.STORE_OWNER:
            messages.info(request, _("Your store has not taken the pledge yet. Here it is."))
            return redirect("pledge_start")
        return render(request, "pledges/store_no_pledge.html", {"store": membership.store})
    return render(request, "pledges/store.html", _store_context(request, pledge))


@require_GET
@network_member_required(Role.STORE_OWNER, Role.STORE_STAFF)
def store_logo(request: HttpRequest) -> HttpResponse:
    return _logo_response(_membership(request).store)


def _logo_response(store: Store | None) -> HttpResponse:
    if store is None or not store.logo:
        raise Http404
    try:
        with store.logo.open("rb") as handle:
            content = handle.read()
    except OSError:
        raise Http404 from None
    # Logos are stored re-encoded as small PNGs (pledges.services.logo_prepare).
    response = HttpResponse(content, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
@network_member_required(Role.STORE_OWNER)
def store_invite(request: HttpRequest) -> HttpResponse:
    pledge = pledge_owned_by(membership=_membership(request))
    form = StaffInviteForm(request.POST)
    if form.is_valid():
        try:
            invitation = pledge_staff_invite(
                pledge=pledge, email=form.cleaned_data["email"], by=_user(request)
            )
        except PledgeError as refused:
            form.add_error(None, str(refused))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s. The link works once, within 7 days.")
                % {"email": invitation.email},
            )
            return redirect("store_home")
    return render(request, "pledges/store.html", _store_context(request, pledge, invite_form=form))


@require_POST
@network_member_required(Role.STORE_OWNER)
def store_invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = invitation_for_owner(membership=_membership(request), invitation_id=invitation_id)
    invitation_revoke(invitation=invitation)
    messages.success(
        request,
        _("The invitation to %(email)s is withdrawn; its link no longer works.")
        % {"email": invitation.email},
    )
    return redirect("store_home")


@require_POST
@network_member_required(Role.STORE_OWNER)
def store_staff_remove(request: HttpRequest, membership_id: int) -> HttpResponse:
    staff = staff_membership_for_owner(membership=_membership(request), membership_id=membership_id)
    membership_remove(
        membership=staff, by=_user(request), how=gettext_noop("removed by the store owner")
    )
    messages.success(request, _("%(person)s is no longer on your team.") % {"person": staff.user})
    return redirect("store_home")


@require_POST
@network_member_required(Role.STORE_OWNER)
def store_listing(request: HttpRequest) -> HttpResponse:
    pledge = pledge_owned_by(membership=_membership(request))
    form = ListingForm(request.POST)
    listed = form.is_valid() and form.cleaned_data["listed_publicly"]
    pledge_listing_set(pledge=pledge, listed_publicly=listed, by=_user(request))
    if listed:
        messages.success(request, _("Your store is shown on the public wall of partners."))
    else:
        messages.success(request, _("Your store is no longer shown on the public wall."))
    return redirect("store_home")


@require_POST
@network_member_required(Role.STORE_OWNER, Role.STORE_STAFF)
def store_acknowledge(request: HttpRequest) -> HttpResponse:
    pledge = pledge_of_own_store(membership=_membership(request))
    try:
        acknowledgement_record(pledge=pledge, user=_user(request))
    except PledgeError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Thank you. Your acknowledgement of the pledge is recorded."))
    return redirect("store_home")


@require_http_methods(["GET", "POST"])
@network_member_required(Role.STORE_OWNER)
def store_reaffirm(request: HttpRequest) -> HttpResponse:
    pledge = pledge_owned_by(membership=_membership(request))
    version = current_version()
    if pledge.version_id == version.pk:
        messages.info(request, _("Your pledge already follows the current text."))
        return redirect("store_home")
    form = ReaffirmForm(
        _post_data(request),
        initial={"signature_name": _user(request).full_name},
        pledge_version=version,
    )
    if request.method == "POST" and form.is_valid():
        try:
            pledge_reaffirm(
                pledge=pledge,
                by=_user(request),
                signature_name=form.cleaned_data["signature_name"],
                commitments=form.ticked_commitments(),
                consented=form.cleaned_data["consent"],
            )
        except PledgeError as refused:
            form.add_error(None, str(refused))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. Your pledge now follows the current text."))
            return redirect("store_home")
    return render(
        request, "pledges/store_reaffirm.html", {"form": form, "version": version, "pledge": pledge}
    )


@require_http_methods(["GET", "POST"])
@network_member_required(Role.STORE_OWNER)
def store_withdraw(request: HttpRequest) -> HttpResponse:
    pledge = pledge_owned_by(membership=_membership(request))
    form = WithdrawForm(_post_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            pledge_transition(
                pledge=pledge,
                action="withdrawn",
                by=_user(request),
                reason=form.cleaned_data["reason"],
            )
        except PledgeError as refused:
            form.add_error(None, str(refused))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your pledge is withdrawn. You can take it again at any time."),
            )
            return redirect("home")
    return render(request, "pledges/store_withdraw.html", {"form": form, "pledge": pledge})


# --- Joining a store by invitation -----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def invitation_join(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_for_token(token)
    except InvitationError as refused:
        return render(request, "pledges/join.html", {"error": str(refused)})
    context: dict[str, Any] = {
        "invitation": invitation,
        "inviter": invitation_sender(invitation=invitation),
    }
    if not request.user.is_authenticated:
        return render(request, "pledges/join.html", context)
    user = _user(request)
    context["email_matches"] = email_verified(user_id=user.pk, email=invitation.email)
    # Coordinators and police set up their authenticator before the role is theirs.
    context["needs_mfa"] = needs_mfa_setup(user=user, role=invitation.role)
    if request.method == "POST":
        try:
            membership = invitation_accept(token=token, user=user)
        except InvitationNeedsMfa:
            context["needs_mfa"] = True
        except InvitationError as refused:
            context["error"] = str(refused)
        else:
            if membership.store is not None:
                messages.success(
                    request,
                    _("Welcome to the team of %(store)s. Read the pledge and acknowledge it below.")
                    % {"store": membership.store},
                )
                return redirect("store_home")
            messages.success(request, _("Welcome to the network."))
            return redirect("dashboard")
    return render(request, "pledges/join.html", context)


# --- Coordinators ----------------------------------------------------------------------------


def _filters(form: PledgeFilterForm) -> PledgeFilters:
    """The filters that are valid; those that are not are shown with their message."""
    if not form.is_bound:
        return PledgeFilters()
    form.is_valid()
    data = form.cleaned_data
    return PledgeFilters(
        status=data.get("status") or "",
        signed_from=data.get("signed_from"),
        signed_to=data.get("signed_to"),
        city=data.get("city") or "",
    )


@require_GET
@network_member_required(Role.COORDINATOR)
def coordinator_pledge_list(request: HttpRequest) -> HttpResponse:
    form = PledgeFilterForm(request.GET or None)
    pledges = pledge_list(filters=_filters(form), zone=_network(request).zone)
    page = Paginator(pledges, PAGE_SIZE).get_page(request.GET.get("page"))
    signers = pledge_signers(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "pledges/coordinator_list.html",
        {
            "form": form,
            "page": page,
            "rows": [(pledge, signers.get(pledge.signed_by_id)) for pledge in page],
            "counts": pledge_status_counts(),
            "cities": pledge_cities(),
            "query": query.urlencode(),
        },
    )


@require_GET
@network_member_required(Role.COORDINATOR)
def coordinator_pledge_export(request: HttpRequest) -> HttpResponse:
    network = _network(request)
    zone = network.zone
    pledges = pledge_list(filters=_filters(PledgeFilterForm(request.GET or None)), zone=zone)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # lets spreadsheets read the file as UTF-8 (names in any script)
    writer = csv.writer(buffer)
    writer.writerows(pledge_csv_rows(pledges=pledges, zone=zone))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"pledges-{network.slug}-{timezone.now().astimezone(zone):%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _detail_context(
    pledge: Pledge, *, bound: tuple[str, TransitionForm] | None = None
) -> dict[str, Any]:
    forms = {action: TransitionForm(action=action) for action in COORDINATOR_ACTIONS}
    if bound is not None:
        forms[bound[0]] = bound[1]
    actions = allowed_actions(pledge=pledge, actions=COORDINATOR_ACTIONS)
    return {
        "pledge": pledge,
        "store": pledge.store,
        "signer": pledge_signers([pledge]).get(pledge.signed_by_id),
        "history": pledge_history(pledge=pledge),
        "outdated": pledge_is_outdated(pledge=pledge),
        "team": store_team(pledge=pledge),
        "actions": [(action, COORDINATOR_ACTIONS[action], forms[action]) for action in actions],
        "refused": bound is not None,
    }


@require_GET
@network_member_required(Role.COORDINATOR)
def coordinator_pledge_detail(request: HttpRequest, pledge_id: int) -> HttpResponse:
    pledge = pledge_for_coordinator(membership=_membership(request), pledge_id=pledge_id)
    return render(request, "pledges/coordinator_detail.html", _detail_context(pledge))


@require_POST
@network_member_required(Role.COORDINATOR)
def coordinator_pledge_decide(request: HttpRequest, pledge_id: int) -> HttpResponse:
    pledge = pledge_for_coordinator(membership=_membership(request), pledge_id=pledge_id)
    action = request.POST.get("action", "")
    if action not in COORDINATOR_ACTIONS:
        messages.error(request, _("Choose what to do with this pledge."))
        return redirect("coordinator_pledge_detail", pledge_id=pledge.pk)
    form = TransitionForm(request.POST, action=action)
    if form.is_valid():
        try:
            pledge = pledge_transition(
                pledge=pledge, action=action, by=_user(request), reason=form.cleaned_data["reason"]
            )
        except PledgeError as refused:
            messages.error(request, str(refused))
            return redirect("coordinator_pledge_detail", pledge_id=pledge.pk)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if action == "declined":
                done = _("%(store)s: the pledge is declined; the store is told why.")
                messages.success(request, done % {"store": pledge.store})
            else:
                messages.success(
                    request,
                    _("%(store)s: the pledge is now %(status)s.")
                    % {"store": pledge.store, "status": pledge.get_status_display().lower()},
                )
            return redirect("coordinator_pledge_detail", pledge_id=pledge.pk)
    return render(
        request, "pledges/coordinator_detail.html", _detail_context(pledge, bound=(action, form))
    )


@require_GET
@network_member_required(Role.COORDINATOR)
def coordinator_pledge_logo(request: HttpRequest, pledge_id: int) -> HttpResponse:
    pledge = pledge_for_coordinator(membership=_membership(request), pledge_id=pledge_id)
    return _logo_response(pledge.store)


@require_http_methods(["GET", "POST"])
@network_member_required(Role.COORDINATOR)
def coordinator_pledge_text(request: HttpRequest) -> HttpResponse:
    current = current_pledge_version()
    form = PledgeTextForm(_post_data(request), initial=version_initial(current))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = pledge_version_publish(
                introduction=data["introduction"],
                commitments=data["commitments"],
                data_terms=data["data_terms"],
                by=_user(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Version %(number)s is published. New pledges sign it; stores that signed "
                    "an earlier version are asked to re-affirm."
                )
                % {"number": version.number},
            )
            return redirect("coordinator_pledge_text")
    return render(
        request,
        "pledges/coordinator_text.html",
        {"form": form, "current": current, "older": pledges_on_older_versions()},
    )
