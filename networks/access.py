"""Who may see what inside a network. Views call these first thing.

Every refusal inside a network is a 404, the same as for something that does not exist,
so nobody learns what another network or store holds.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .models import Invitation, Membership, Network, Store
from .selectors import membership_of

if TYPE_CHECKING:
    from accounts.models import User

View = TypeVar("View", bound=Callable[..., HttpResponse])


def mfa_required_for(*, user: User, role: str | None = None) -> bool:
    if user.email in settings.PORTAL_MFA_EXEMPT_EMAILS:
        return False
    if role in settings.PORTAL_MFA_REQUIRED_ROLES:
        return True
    return bool(user.is_staff and settings.PORTAL_MFA_REQUIRED_FOR_PLATFORM_ADMINS)


def has_totp(*, user: User) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def needs_mfa_setup(*, user: User, role: str | None = None) -> bool:
    return mfa_required_for(user=user, role=role) and not has_totp(user=user)


def mfa_setup_redirect(request: HttpRequest) -> HttpResponse:
    messages.warning(
        request,
        _("Your role needs two-factor authentication. Set up an authenticator app to continue."),
    )
    return redirect("mfa_activate_totp")


def membership_for_request(request: HttpRequest, *roles: str) -> Membership:
    """The requester's membership in this network, holding one of `roles` (any if none)."""
    user: Any = request.user
    tenant = getattr(request, "tenant", None)
    if tenant is None or tenant.is_public:
        raise Http404
    membership = membership_of(user=user)
    if membership is None:
        raise Http404
    if roles and membership.role not in roles:
        raise Http404
    return membership


def network_member_required(*roles: str) -> Callable[[View], View]:
    """Let in members of this network holding one of `roles`; everyone else gets a 404.

    Anonymous visitors are sent to log in first, so that a member following a link
    from an email is not told the page does not exist.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = membership_for_request(request, *roles)
            user: Any = request.user
            if needs_mfa_setup(user=user, role=membership.role):
                return mfa_setup_redirect(request)
            request.membership = membership  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


def platform_admin_required(view: View) -> View:
    """Platform admins only, on the public site; others get a 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        user: Any = request.user
        if not user.is_staff:
            raise Http404
        if needs_mfa_setup(user=user):
            return mfa_setup_redirect(request)
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def store_for_user(*, membership: Membership, store_id: int) -> Store:
    """A store the member may look at in detail: their own, or any for coordinators and police."""
    # The pledge's status comes along (None when the store has not pledged) for the page.
    store = Store.objects.annotate(pledge_status=F("pledge__status")).filter(pk=store_id).first()
    if store is None:
        raise Http404
    if membership.is_store_member and membership.store_id != store.pk:
        raise Http404
    return store


def staff_membership_for_owner(*, membership: Membership, membership_id: int) -> Membership:
    """A staff member of the owner's own store, for the owner to manage."""
    if membership.role != Membership.Role.STORE_OWNER:
        raise Http404
    staff = Membership.objects.filter(
        pk=membership_id, store=membership.store, role=Membership.Role.STORE_STAFF
    ).first()
    if staff is None:
        raise Http404
    return staff


def invitation_for_owner(*, membership: Membership, invitation_id: int) -> Invitation:
    """An invitation to the owner's own store."""
    if membership.role != Membership.Role.STORE_OWNER:
        raise Http404
    invitation = Invitation.objects.filter(pk=invitation_id, store=membership.store).first()
    if invitation is None:
        raise Http404
    return invitation


def network_for_platform_admin(*, slug: str) -> Network:
    """Any network, open or closed, for a platform admin (the view's decorator has checked
    who asks); the public site's own row is not one."""
    network = Network.objects.filter(slug=slug).exclude(schema_name="public").first()
    if network is None:
        raise Http404
    return network


def membership_for_coordinator(*, membership: Membership, membership_id: int) -> Membership:
    """A member whose role a coordinator may take away: anyone active here but themselves."""
    if membership.role != Membership.Role.COORDINATOR:
        raise Http404
    target = Membership.objects.filter(pk=membership_id, is_active=True).first()
    if target is None:
        raise Http404
    if target.pk == membership.pk:
        raise Http404
    return target
