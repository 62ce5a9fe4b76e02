"""Writes for pledges: taking the pledge, every change of its state, the public directory,
pledge versions, staff acknowledgements and requests for new networks.

Pledge services run inside the network's schema; PartnerListing and NetworkRequest live in
public and are reachable from there too (a network's search path ends with public).
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.selectors import email_verified
from networks.closure import network_open_required
from networks.models import Invitation, Membership, Store
from networks.schemas import current_network, current_schema
from networks.services import (
    membership_grant,
    membership_remove,
    store_create,
    store_identity_key,
)
from toolkit.logos import LogoError, logo_normalise

from .models import (
    Acknowledgement,
    PartnerListing,
    Pledge,
    PledgeEvent,
    PledgeStatus,
    PledgeVersion,
)
from .selectors import current_pledge_version

if TYPE_CHECKING:
    from accounts.models import User

Status = PledgeStatus

# Unambiguous letters and digits (no 0/O, 1/I/L, U): easy to read off a sticker and type.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
# Store.identity_key's column width.
IDENTITY_KEY_MAX_LENGTH = 600

# Which states each action leaves from, and where it goes.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "approved": (frozenset({Status.PENDING}), Status.ACTIVE),
    "suspended": (frozenset({Status.ACTIVE}), Status.SUSPENDED),
    "reinstated": (frozenset({Status.SUSPENDED}), Status.ACTIVE),
    # A new pledge is declined; one that was in force is revoked. Both end at "revoked".
    "declined": (frozenset({Status.PENDING}), Status.REVOKED),
    "revoked": (frozenset({Status.ACTIVE, Status.SUSPENDED}), Status.REVOKED),
    "withdrawn": (frozenset({Status.PENDING, Status.ACTIVE, Status.SUSPENDED}), Status.WITHDRAWN),
}
REASON_REQUIRED = frozenset({"declined", "suspended", "revoked"})
# A pledge still in force, or on its way to it.
LIVE_STATUSES = frozenset({Status.PENDING, Status.ACTIVE, Status.SUSPENDED})
ACTION_LABELS = {
    "approved": gettext_lazy("approved"),
    "declined": gettext_lazy("declined"),
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
    address_line2: str = ""


def current_version() -> PledgeVersion:
    version = current_pledge_version()
    if version is None:  # pragma: no cover - the first version comes with the migrations
        raise PledgeError(_("This network has no pledge text yet."))
    return version


def verification_code_new() -> str:
    while True:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        code = f"{raw[:4]}-{raw[4:]}"
        if not PartnerListing.objects.filter(verification_code=code).exists():
            return code


def _signer_gone(pledge: Pledge) -> bool:
    """Its signer's account was deleted: someone else may sign for the store again."""
    from accounts.models import User

    return not User.objects.filter(pk=pledge.signed_by_id).exists()


def _signer_verified(pledge: Pledge) -> bool:
    from accounts.models import User

    signer = User.objects.filter(pk=pledge.signed_by_id).first()
    return signer is not None and email_verified(user_id=signer.pk, email=signer.email)


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
    if not _signer_verified(pledge):
        return
    pledge.status = Status.ACTIVE
    pledge.activated_at = pledge.activated_at or timezone.now()
    pledge.save(update_fields=["status", "activated_at", "updated_at"])
    _record(pledge, kind="activated", by=by, from_status=Status.PENDING)


def notify_on_commit(task_name: str, **ids: Any) -> None:
    from . import tasks

    task = getattr(tasks, task_name)
    transaction.on_commit(lambda: task.delay(**ids))


def _lock(name: str) -> None:
    """Serialise work on one name until the transaction ends: two taps on "Sign" or two
    people pledging the same store at once cannot both create it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [name])


def _store_apply(target: Store, details: StoreDetails, *, key: str) -> Store:
    """Bring a store's row in line with what its owner just typed."""
    for field, value in asdict(details).items():
        setattr(target, field, value)
    target.country = details.country.upper()
    target.identity_key = key
    target.full_clean()
    target.save()
    return target


def _store_for_pledge(details: StoreDetails, *, key: str) -> Store:
    fields = asdict(details)
    address_line2 = fields.pop("address_line2")
    store = store_create(**fields)
    if address_line2:
        store.address_line2 = address_line2
        store.save(update_fields=["address_line2", "updated_at"])
    return store


def _logo_attach(store: Store, logo: File[bytes] | None) -> None:
    if logo is not None:
        store.logo.save(logo.name or "logo.png", logo, save=False)
        store.save(update_fields=["logo", "updated_at"])


@transaction.atomic
def pledge_take(
    *,
    user: User,
    store: StoreDetails,
    commitments: list[str],
    signature_name: str,
    consented: bool,
    listed_publicly: bool = True,
    logo: File[bytes] | None = None,
) -> Pledge:
    """Sign the pledge for a store and make its signer the store owner.

    Raises StoreAlreadyPledged when the store (same name and address) or this owner already
    has a pledge, so nobody ever ends up with two; PledgeError when this account cannot sign
    for a store; ValidationError for missing or impossible pieces. `logo` is expected to come
    from `logo_prepare`.
    """
    network_open_required()
    version = current_version()
    _check_signature(version, commitments, signature_name, consented)
    key = store_identity_key(
        name=store.display_name,
        address_line1=store.address_line1,
        city=store.city,
        postal_code=store.postal_code,
    )
    if len(key) > IDENTITY_KEY_MAX_LENGTH:
        raise ValidationError(
            {"display_name": _("The name and address are too long together. Shorten them.")}
        )
    schema = current_schema()
    _lock(f"pledge-user:{schema}:{user.pk}")
    _lock(f"pledge-store:{schema}:{key}")

    membership = Membership.objects.filter(user_id=user.pk).select_related("store").first()
    own_store: Store | None = None
    if membership is not None and membership.role == Membership.Role.STORE_OWNER:
        existing = Pledge.objects.filter(store=membership.store).first()
        if existing is not None and existing.status != Status.WITHDRAWN:
            raise StoreAlreadyPledged(existing, yours=True)
        if existing is None and membership.is_active:
            # A store the coordinator registered before its owner came to pledge.
            own_store = membership.store
    elif membership is not None and membership.is_active:
        raise PledgeError(
            _(
                "Your account already has a role in this network (%(role)s). "
                "A store's pledge needs the account of its owner."
            )
            % {"role": membership.get_role_display()}
        )

    same_store = Store.objects.filter(identity_key=key).first()
    if same_store is not None:
        existing = Pledge.objects.filter(store=same_store).first()
        if existing is not None:
            yours = existing.signed_by_id == user.pk
            if existing.status == Status.WITHDRAWN and (yours or _signer_gone(existing)):
                return _renew(
                    existing,
                    user=user,
                    version=version,
                    details=store,
                    key=key,
                    signature_name=signature_name,
                    listed_publicly=listed_publicly,
                    logo=logo,
                )
            raise StoreAlreadyPledged(existing, yours=yours)
        if own_store is not None and same_store.pk != own_store.pk:
            raise PledgeError(
                _(
                    "Another store in this network is registered with this name and address. "
                    "Check the details, or ask the network's coordinator for help."
                )
            )
        other_owner = (
            Membership.objects.filter(
                store=same_store, role=Membership.Role.STORE_OWNER, is_active=True
            )
            .exclude(user_id=user.pk)
            .exists()
        )
        if other_owner:
            raise PledgeError(
                _(
                    "This store is already registered in this network with another owner. "
                    "If you work there, ask its owner to invite you."
                )
            )

    target = own_store or same_store
    if target is None:
        target = _store_for_pledge(store, key=key)
    else:
        _store_apply(target, store, key=key)
    _logo_attach(target, logo)
    membership_grant(
        user=user,
        role=Membership.Role.STORE_OWNER,
        store=target,
        by=user,
        how=gettext_noop("signed the store's pledge"),
    )
    pledge = Pledge.objects.create(
        store=target,
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


def _renew(
    pledge: Pledge,
    *,
    user: User,
    version: PledgeVersion,
    details: StoreDetails,
    key: str,
    signature_name: str,
    listed_publicly: bool,
    logo: File[bytes] | None,
) -> Pledge:
    """A store that withdrew signs again: the same pledge (and code) starts over."""
    previous = pledge.status
    if pledge.signed_by_id != user.pk:
        # A new owner: window signs and badges carrying the old code stop vouching for them.
        pledge.verification_code = verification_code_new()
    store = _store_apply(pledge.store, details, key=key)
    _logo_attach(store, logo)
    pledge.status = Status.PENDING
    pledge.version = version
    pledge.signed_by_id = user.pk
    pledge.signature_name = signature_name.strip()
    pledge.signed_at = timezone.now()
    pledge.consented_to_terms = True
    pledge.listed_publicly = listed_publicly
    # "Partner since" counts from the renewal, not from the pledge that was withdrawn.
    pledge.activated_at = None
    pledge.save()
    membership_grant(
        user=user,
        role=Membership.Role.STORE_OWNER,
        store=store,
        by=user,
        how=gettext_noop("renewed the store's pledge"),
    )
    _record(pledge, kind="renewed", by=user, from_status=previous)
    _activate_if_ready(pledge, by=None)
    listing_sync(pledge=pledge)
    notify_on_commit("pledge_notify", pledge_id=pledge.pk)
    return pledge


@transaction.atomic
def pledge_transition(*, pledge: Pledge, action: str, by: User, reason: str = "") -> Pledge:
    """approved, declined, suspended, reinstated, revoked or withdrawn; the row is locked
    meanwhile."""
    network_open_required()
    if action not in TRANSITIONS:
        raise PledgeError(_("This is not something that can happen to a pledge."))
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
    if action == "approved" and not _signer_verified(locked):
        raise PledgeError(
            _(
                "The person who signed has not confirmed their email address yet. "
                "Approve the pledge once they have."
            )
        )
    previous = locked.status
    locked.status = target
    fields = ["status", "updated_at"]
    if target == Status.ACTIVE and locked.activated_at is None:
        locked.activated_at = timezone.now()
        fields.append("activated_at")
    locked.save(update_fields=fields)
    if target in (Status.WITHDRAWN, Status.REVOKED):
        _close_store_doors(locked.store, team_too=action == "withdrawn")
    _record(locked, kind=action, by=by, from_status=previous, reason=reason)
    listing_sync(pledge=locked)
    notify_on_commit("pledge_notify", pledge_id=locked.pk)
    return locked


def _close_store_doors(store: Store, *, team_too: bool) -> None:
    # Links already sent must not let anyone join a store that has left the network.
    Invitation.objects.filter(
        store=store, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if team_too:
        # The store's people lose their roles with the pledge; the history stays.
        for membership in Membership.objects.filter(store=store, is_active=True).select_related(
            "user"
        ):
            membership_remove(
                membership=membership, by=None, how=gettext_noop("the store left the network")
            )


@transaction.atomic
def pledges_signer_leave(*, user: User) -> list[Pledge]:
    """`user`'s account is being deleted (accounts.services.user_delete calls this in each
    network): a pledge they signed passes to another active owner of the store, or else is
    withdrawn, each with the reason recorded; the invitations they sent stop working. No
    public listing is left vouching for a store nobody answers for."""
    Invitation.objects.filter(
        invited_by_id=user.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    changed = []
    for pledge in (
        Pledge.objects.select_for_update()
        .select_related("store")
        .filter(signed_by_id=user.pk, status__in=LIVE_STATUSES)
    ):
        heir = (
            Membership.objects.filter(
                store=pledge.store, role=Membership.Role.STORE_OWNER, is_active=True
            )
            .exclude(user_id=user.pk)
            .order_by("created_at", "pk")
            .first()
        )
        if heir is not None:
            pledge.signed_by_id = heir.user_id
            pledge.save(update_fields=["signed_by_id", "updated_at"])
            _record(
                pledge,
                kind="handed_over",
                by=None,
                from_status=pledge.status,
                reason=_(
                    "The account of the person who signed was deleted; another owner of the "
                    "store now answers for the pledge."
                ),
            )
        else:
            previous = pledge.status
            pledge.status = Status.WITHDRAWN
            pledge.save(update_fields=["status", "updated_at"])
            _close_store_doors(pledge.store, team_too=True)
            _record(
                pledge,
                kind="withdrawn",
                by=None,
                from_status=previous,
                reason=_("The account of the person who signed was deleted."),
            )
            listing_sync(pledge=pledge)
        changed.append(pledge)
    return changed


@transaction.atomic
def pledge_reaffirm(
    *,
    pledge: Pledge,
    by: User,
    signature_name: str,
    commitments: list[str],
    consented: bool,
) -> Pledge:
    """Sign the network's current pledge text again (after it changed)."""
    network_open_required()
    version = current_version()
    locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
    if locked.status not in LIVE_STATUSES:
        raise PledgeError(
            _("This pledge is %(status)s; it cannot be signed again.")
            % {"status": locked.get_status_display().lower()}
        )
    if locked.version_id == version.pk:
        raise PledgeError(_("Your pledge already follows the current text."))
    _check_signature(version, commitments, signature_name, consented)
    locked.version = version
    locked.signed_by_id = by.pk
    locked.signature_name = signature_name.strip()
    locked.signed_at = timezone.now()
    locked.consented_to_terms = True
    locked.save(
        update_fields=[
            "version",
            "signed_by_id",
            "signature_name",
            "signed_at",
            "consented_to_terms",
            "updated_at",
        ]
    )
    _record(locked, kind="reaffirmed", by=by, from_status=locked.status)
    return locked


@transaction.atomic
def pledge_listing_set(*, pledge: Pledge, listed_publicly: bool, by: User) -> Pledge:
    network_open_required()
    locked = Pledge.objects.select_for_update().select_related("store").get(pk=pledge.pk)
    locked.listed_publicly = listed_publicly
    locked.save(update_fields=["listed_publicly", "updated_at"])
    listing_sync(pledge=locked)
    return locked


@transaction.atomic
def pledge_version_publish(
    *, introduction: str, commitments: list[dict[str, str]], data_terms: str, by: User
) -> PledgeVersion:
    """A new wording of the pledge; existing pledges keep the version they signed."""
    network_open_required()
    introduction = introduction.strip()
    data_terms = data_terms.strip()
    cleaned = [
        {"key": str(item.get("key", "")).strip(), "text": str(item.get("text", "")).strip()}
        for item in commitments
    ]
    errors: dict[str, str] = {}
    if not introduction:
        errors["introduction"] = _("Write the introduction to the commitments.")
    if not cleaned or not all(item["key"] and item["text"] for item in cleaned):
        errors["commitments"] = _("Write at least one commitment, none of them empty.")
    elif len({item["key"] for item in cleaned}) != len(cleaned):
        errors["commitments"] = _("Each commitment needs its own key.")
    if not data_terms:
        errors["data_terms"] = _("Write the network's data terms.")
    if errors:
        raise ValidationError(errors)
    latest = PledgeVersion.objects.select_for_update().order_by("-number").first()
    if (
        latest is not None
        and latest.introduction == introduction
        and latest.data_terms == data_terms
        and [item["text"] for item in latest.commitments] == [item["text"] for item in cleaned]
    ):
        raise ValidationError(_("Nothing changed: this is the text partners sign today."))
    number = 1 if latest is None else latest.number + 1
    return PledgeVersion.objects.create(
        number=number,
        introduction=introduction,
        commitments=cleaned,
        data_terms=data_terms,
        published_by_id=by.pk,
    )


@transaction.atomic
def acknowledgement_record(*, pledge: Pledge, user: User) -> Acknowledgement:
    """A member of the store's team reads the pledge and commits to it themselves."""
    network_open_required()
    if pledge.status != Status.ACTIVE:
        raise PledgeError(_("Only an active pledge can be acknowledged."))
    if not Membership.objects.filter(user_id=user.pk, store=pledge.store, is_active=True).exists():
        raise PledgeError(_("Only the store's own team can acknowledge its pledge."))
    ack, _created = Acknowledgement.objects.update_or_create(
        pledge=pledge, user_id=user.pk, defaults={"version": pledge.version}
    )
    return ack


@transaction.atomic
def pledge_staff_invite(*, pledge: Pledge, email: str, by: User) -> Invitation:
    """The owner invites someone to the store's team (single-use link, sent by email)."""
    network_open_required()
    from networks.services import invitation_create

    pledge = Pledge.objects.select_related("store").get(pk=pledge.pk)
    if pledge.status != Status.ACTIVE:
        # The email names the store: only a pledge the network has accepted earns that.
        raise PledgeError(
            _("This pledge is %(status)s; the store can invite its team once it is active.")
            % {"status": pledge.get_status_display().lower()}
        )
    return invitation_create(
        email=email, role=Membership.Role.STORE_STAFF, by=by, store=pledge.store
    )


@transaction.atomic
def pledge_email_confirmed(*, user: User) -> list[Pledge]:
    """Activate what waited only for this person's email address to be confirmed. Meant for
    allauth's `email_confirmed` signal; harmless to call twice."""
    activated = []
    for pledge in (
        Pledge.objects.select_for_update()
        .select_related("store")
        .filter(signed_by_id=user.pk, status=Status.PENDING)
    ):
        _activate_if_ready(pledge, by=user)
        if pledge.status == Status.ACTIVE:
            listing_sync(pledge=pledge)
            notify_on_commit("pledge_notify", pledge_id=pledge.pk)
            activated.append(pledge)
    return activated


# --- Logos -----------------------------------------------------------------------------------


def logo_prepare(*, upload: UploadedFile) -> ContentFile[bytes]:
    """A logo we can safely keep and show, checked once at upload by toolkit.logos (size,
    format by content, pixel count from the header before decoding, complete file, upright,
    sRGB, no metadata), stored as PNG named by its content hash.

    Raises ValidationError({"logo": ...}) with a message for the person uploading.
    """
    upload.seek(0)
    try:
        # The stream, not its bytes: toolkit.logos reads no more than its size limit.
        logo = logo_normalise(upload)
    except LogoError as error:
        raise ValidationError({"logo": error.message}) from None
    return ContentFile(logo.png, name=f"{logo.sha256[:32]}.png")
