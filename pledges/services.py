"""Writes for pledges: taking the pledge, every change of its state, the public directory,
pledge versions, staff acknowledgements and requests for new networks.

Pledge services run inside the network's schema; PartnerListing and NetworkRequest live in
public and are reachable from there too (a network's search path ends with public).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from networks.models import Membership, Network, Store
from networks.schemas import current_schema
from networks.services import membership_grant, store_create, store_identity_key

from .models import (
    Acknowledgement,
    PartnerListing,
    Pledge,
    PledgeEvent,
    PledgeStatus,
    PledgeVersion,
)

if TYPE_CHECKING:
    from accounts.models import User

Status = PledgeStatus

# Unambiguous letters and digits (no 0/O, 1/I/L, U): easy to read off a sticker and type.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"

# Which states each action leaves from, and where it goes.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "approved": (frozenset({Status.PENDING}), Status.ACTIVE),
    "suspended": (frozenset({Status.ACTIVE}), Status.SUSPENDED),
    "reinstated": (frozenset({Status.SUSPENDED}), Status.ACTIVE),
    "revoked": (frozenset({Status.PENDING, Status.ACTIVE, Status.SUSPENDED}), Status.REVOKED),
    "withdrawn": (frozenset({Status.PENDING, Status.ACTIVE, Status.SUSPENDED}), Status.WITHDRAWN),
}
REASON_REQUIRED = frozenset({"suspended", "revoked"})
ACTION_LABELS = {
    "approved": gettext_lazy("approved"),
    "suspended": gettext_lazy("suspended"),
    "reinstated": gettext_lazy("reinstated"),
    "revoked": gettext_lazy("revoked"),
    "withdrawn": gettext_lazy("withdrawn"),
}


class PledgeError(Exception):
    """A pledge action that cannot happen; the message is for the person who tried."""


class StoreAlreadyPledged(PledgeError):
    def __init__(self, pledge: Pledge, *, yours: bool) -> None:
        self.pledge = pledge
        self.yours = yours
        if yours:
            message = _("Your store has already taken the pledge; here it is.")
        else:
            message = _(
                "A store with this name and address has already taken the pledge in this "
                "network. If you work there, ask its owner to invite you."
            )
        super().__init__(message)


@dataclass(frozen=True)
class StoreDetails:
    legal_name: str
    display_name: str
    address_line1: str
    city: str
    country: str
    region: str = ""
    postal_code: str = ""
    phone: str = ""
    website: str = ""
    staff_count: int | None = None


def current_network() -> Network:
    # connection.tenant can be a stand-in (schema_context); the row is the truth.
    tenant = getattr(connection, "tenant", None)
    if isinstance(tenant, Network):
        return tenant
    return Network.objects.get(schema_name=current_schema())


def current_version() -> PledgeVersion:
    version = PledgeVersion.objects.order_by("-number").first()
    if version is None:  # pragma: no cover - the first version comes with the migrations
        raise PledgeError(_("This network has no pledge text yet."))
    return version


def verification_code_new() -> str:
    while True:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        code = f"{raw[:4]}-{raw[4:]}"
        if not PartnerListing.objects.filter(verification_code=code).exists():
            return code


def _email_verified(user: User) -> bool:
    return EmailAddress.objects.filter(user_id=user.pk, email=user.email, verified=True).exists()


def _record(
    pledge: Pledge, *, kind: str, by: User | None, from_status: str = "", reason: str = ""
) -> None:
    PledgeEvent.objects.create(
        pledge=pledge,
        kind=kind,
        from_status=from_status,
        to_status=pledge.status,
        actor_id=by.pk if by is not None else None,
        reason=reason,
    )


def listing_sync(*, pledge: Pledge) -> PartnerListing:
    """Bring the public directory in line with the pledge (same transaction)."""
    store = pledge.store
    listing, _created = PartnerListing.objects.update_or_create(
        network=current_network(),
        store_id=store.pk,
        defaults={
            "verification_code": pledge.verification_code,
            "display_name": store.display_name,
            "city": store.city,
            "region": store.region,
            "country": store.country,
            "status": pledge.status,
            "partner_since": pledge.activated_at,
            "listed_publicly": pledge.listed_publicly,
        },
    )
    return listing


def _activate_if_ready(pledge: Pledge, *, by: User | None) -> None:
    """A pending pledge becomes active once its signer's email is verified, and, where the
    network asks for it, once a coordinator has approved it."""
    if pledge.status != Status.PENDING or current_network().requires_pledge_approval:
        return
    from accounts.models import User

    signer = User.objects.get(pk=pledge.signed_by_id)
    if not _email_verified(signer):
        return
    pledge.status = Status.ACTIVE
    pledge.activated_at = pledge.activated_at or timezone.now()
    pledge.save(update_fields=["status", "activated_at", "updated_at"])
    _record(pledge, kind="activated", by=by, from_status=Status.PENDING)


def notify_on_commit(task_name: str, **ids: Any) -> None:
    from . import tasks

    task = getattr(tasks, task_name)
    transaction.on_commit(lambda: task.delay(**ids))


@transaction.atomic
def pledge_take(
    *,
    user: User,
    store: StoreDetails,
    commitments: list[str],
    signature_name: str,
    consented: bool,
    listed_publicly: bool = True,
    logo: UploadedFile | None = None,
) -> Pledge:
    """Sign the pledge for a new store and make its signer the store owner.

    Raises StoreAlreadyPledged when the store (same name and address) or this owner already
    has a pledge, so nobody ever ends up with two; ValidationError for missing pieces.
    """
    version = current_version()
    _check_signature(version, commitments, signature_name, consented)

    membership = Membership.objects.filter(user_id=user.pk).select_related("store").first()
    if membership is not None and membership.role == Membership.Role.STORE_OWNER:
        existing = Pledge.objects.filter(store=membership.store).first()
        if existing is not None and existing.status != Status.WITHDRAWN:
            raise StoreAlreadyPledged(existing, yours=True)
    elif membership is not None and membership.is_active:
        raise PledgeError(
            _(
                "Your account already has a role in this network (%(role)s). "
                "A store's pledge needs the account of its owner."
            )
            % {"role": membership.get_role_display()}
        )

    key = store_identity_key(
        name=store.display_name,
        address_line1=store.address_line1,
        city=store.city,
        postal_code=store.postal_code,
    )
    same_store = Store.objects.filter(identity_key=key).first()
    if same_store is not None:
        existing = Pledge.objects.filter(store=same_store).first()
        if existing is not None:
            yours = existing.signed_by_id == user.pk
            if yours and existing.status == Status.WITHDRAWN:
                return _renew(existing, user=user, version=version, signature_name=signature_name)
            raise StoreAlreadyPledged(existing, yours=yours)

    new_store = same_store or store_create(**store.__dict__)
    if logo is not None:
        new_store.logo.save(logo.name or "logo", logo, save=False)
        new_store.save(update_fields=["logo"])
    membership_grant(user=user, role=Membership.Role.STORE_OWNER, store=new_store)
    pledge = Pledge.objects.create(
        store=new_store,
        version=version,
        verification_code=verification_code_new(),
        signed_by_id=user.pk,
        signature_name=signature_name.strip(),
        signed_at=timezone.now(),
        consented_to_terms=True,
        listed_publicly=listed_publicly,
    )
    _record(pledge, kind="signed", by=user)
    _activate_if_ready(pledge, by=None)
    listing_sync(pledge=pledge)
    notify_on_commit("pledge_notify", pledge_id=pledge.pk)
    return pledge


def _check_signature(
    version: PledgeVersion, commitments: list[str], signature_name: str, consented: bool
) -> None:
    errors: dict[str, str] = {}
    required = {item["key"] for item in version.commitments}
    if not required <= set(commitments):
        errors["commitments"] = _("Tick every commitment: the pledge is all of them together.")
    if not signature_name.strip():
        errors["signature_name"] = _("Type your full name to sign.")
    if not consented:
        errors["consent"] = _("Agree to the network's data terms to take the pledge.")
    if errors:
        raise ValidationError(errors)


def _renew(pledge: Pledge, *, user: User, version: PledgeVersion, signature_name: str) -> Pledge:
    previous = pledge.status
    pledge.status = Status.PENDING
    pledge.version = version
    pledge.signature_name = signature_name.strip()
    pledge.signed_at = timezone.now()
    pledge.save(update_fields=["status", "version", "signature_name", "signed_at", "updated_at"])
    membership_grant(user=user, role=Membership.Role.STORE_OWNER, store=pledge.store)
    _record(pledge, kind="renewed", by=user, from_status=previous)
    _activate_if_ready(pledge, by=None)
    listing_sync(pledge=pledge)
    notify_on_commit("pledge_notify", pledge_id=pledge.pk)
    return pledge


@transaction.atomic
def pledge_transition(*, pledge: Pledge, action: str, by: User, reason: str = "") -> Pledge:
    """approved, suspended, reinstated, revoked or withdrawn; the row is locked meanwhile."""
    sources, target = TRANSITIONS[action]
    locked = Pledge.objects.select_for_update().select_related("store").get(pk=pledge.pk)
    reason = reason.strip()
    if action in REASON_REQUIRED and not reason:
        raise ValidationError({"reason": _("Give a reason: the store will see it.")})
    if locked.status not in sources:
        raise PledgeError(
            _("This pledge is %(status)s; it cannot be %(action)s.")
            % {"status": locked.get_status_display().lower(), "action": ACTION_LABELS[action]}
        )
    previous = locked.status
    locked.status = target
    fields = ["status", "updated_at"]
    if target == Status.ACTIVE and locked.activated_at is None:
        locked.activated_at = timezone.now()
        fields.append("activated_at")
    locked.save(update_fields=fields)
    if action == "withdrawn":
        # The store's people lose their roles with the pledge; the history stays.
        Membership.objects.filter(store=locked.store).update(is_active=False)
    _record(locked, kind=action, by=by, from_status=previous, reason=reason)
    listing_sync(pledge=locked)
    notify_on_commit("pledge_notify", pledge_id=locked.pk)
    return locked


@transaction.atomic
def pledge_reaffirm(*, pledge: Pledge, by: User, signature_name: str) -> Pledge:
    """Sign the network's current pledge text again (after it changed)."""
    version = current_version()
    if not signature_name.strip():
        raise ValidationError({"signature_name": _("Type your full name to sign.")})
    if pledge.version_id == version.pk:
        raise PledgeError(_("Your pledge already follows the current text."))
    pledge.version = version
    pledge.signature_name = signature_name.strip()
    pledge.signed_at = timezone.now()
    pledge.save(update_fields=["version", "signature_name", "signed_at", "updated_at"])
    _record(pledge, kind="reaffirmed", by=by, from_status=pledge.status)
    return pledge


@transaction.atomic
def pledge_listing_set(*, pledge: Pledge, listed_publicly: bool, by: User) -> Pledge:
    pledge.listed_publicly = listed_publicly
    pledge.save(update_fields=["listed_publicly", "updated_at"])
    listing_sync(pledge=pledge)
    return pledge


@transaction.atomic
def pledge_version_publish(
    *, introduction: str, commitments: list[dict[str, str]], data_terms: str, by: User
) -> PledgeVersion:
    """A new wording of the pledge; existing pledges keep the version they signed."""
    latest = PledgeVersion.objects.select_for_update().order_by("-number").first()
    number = 1 if latest is None else latest.number + 1
    version = PledgeVersion.objects.create(
        number=number,
        introduction=introduction.strip(),
        commitments=commitments,
        data_terms=data_terms.strip(),
        published_by_id=by.pk,
    )
    return version


@transaction.atomic
def acknowledgement_record(*, pledge: Pledge, user: User) -> Acknowledgement:
    if pledge.status != Status.ACTIVE:
        raise PledgeError(_("Only an active pledge can be acknowledged."))
    ack, _created = Acknowledgement.objects.update_or_create(
        pledge=pledge, user_id=user.pk, defaults={"version": pledge.version}
    )
    return ack
