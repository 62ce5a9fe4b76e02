"""Writes for networks: creating the public site, the template schema, networks, stores, members."""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tenants.utils import get_public_schema_name, schema_exists

from .closure import network_open_required
from .models import Domain, Invitation, Membership, Network, RoleEvent, Store
from .schemas import use_public_schema

if TYPE_CHECKING:
    from accounts.models import User

SLUG_RE = re.compile(r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$")
# Host names people would take for the movement's own (a "login" or "support" network could
# collect passwords in its name), and names of services a domain usually runs.
RESERVED_SLUGS = frozenset(
    {
        *("public", "www", "admin", "administrator", "root", "platform", "portal", "partners"),
        *("accounts", "account", "login", "logout", "signin", "signup", "register", "auth"),
        *("sso", "oauth", "mfa", "password", "verify", "verification", "secure", "security"),
        *("support", "help", "helpdesk", "contact", "abuse", "postmaster", "hostmaster"),
        *("webmaster", "noreply", "no-reply", "billing", "legal", "privacy", "terms"),
        *("api", "static", "assets", "cdn", "media", "files", "uploads", "images", "img"),
        *("mail", "email", "smtp", "imap", "pop", "pop3", "mx", "webmail", "autoconfig"),
        *("autodiscover", "ftp", "sftp", "ssh", "vpn", "ns", "ns1", "ns2", "dns", "git"),
        *("status", "health", "healthz", "docs", "blog", "news", "dev", "test", "staging"),
        *("demo", "beta", "app", "dashboard", "police", "network", "networks", "toolkit"),
    }
)


def network_slug_check(slug: str) -> str:
    """A network address (slug) anyone may be given, normalised; ValidationError otherwise.

    Labels with a hyphen in their third and fourth places are the IDNA form ("xn--…"): such
    an address shows in browsers as a look-alike of another name, so none is handed out.
    """
    slug = slug.strip().lower()
    if slug in RESERVED_SLUGS or slug[2:4] == "--":
        raise ValidationError(_("This address is reserved. Choose another."), code="reserved")
    if not SLUG_RE.match(slug):
        raise ValidationError(
            _(
                "Use 3 to 40 lowercase letters, digits or hyphens, starting with a letter "
                "and ending with a letter or digit."
            ),
            code="invalid",
        )
    return slug


def network_domain(*, slug: str) -> str:
    return f"{slug}.{settings.PORTAL_DOMAIN}"


def schema_for_slug(slug: str) -> str:
    # PostgreSQL identifiers cannot hold a hyphen unquoted; django-tenants checks the result.
    return slug.replace("-", "_")


@transaction.atomic
def public_site_ensure() -> Network:
    """The public schema's own row and host: the movement's site at PORTAL_DOMAIN."""
    public, _created = Network.objects.get_or_create(
        schema_name=get_public_schema_name(),
        defaults={"name": settings.PORTAL_NAME, "slug": "public", "country": ""},
    )
    Domain.objects.update_or_create(
        domain=settings.PORTAL_DOMAIN, defaults={"tenant": public, "is_primary": True}
    )
    return public


def template_schema_ensure(*, verbosity: int = 0) -> None:
    """Create (if needed) and migrate the schema every new network is cloned from."""
    template = settings.TENANT_BASE_SCHEMA
    if not schema_exists(template):
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{template}"')
    call_command("migrate_schemas", schema_name=template, interactive=False, verbosity=verbosity)
    use_public_schema()


def network_create(
    *,
    name: str,
    slug: str,
    country: str,
    region: str = "",
    timezone: str = "UTC",
    language: str = "en",
    contact_email: str = "",
) -> Network:
    """A new network: its row, its schema cloned from the template, and its host."""
    try:
        slug = network_slug_check(slug)
    except ValidationError as error:
        raise ValidationError({"slug": error.messages}) from error
    schema = schema_for_slug(slug)
    if (
        Network.objects.filter(slug=slug).exists()
        or schema_exists(schema)
        or schema == settings.TENANT_BASE_SCHEMA
        or schema.startswith("pg_")
    ):
        # An existing schema would be adopted instead of cloned: refuse the address.
        raise ValidationError({"slug": _("A network with this address already exists.")})
    if not schema_exists(settings.TENANT_BASE_SCHEMA):
        template_schema_ensure()
    with transaction.atomic():
        network = Network(
            name=name.strip(),
            slug=slug,
            schema_name=schema,
            country=country.upper(),
            region=region,
            timezone=timezone,
            language=language,
            contact_email=contact_email,
        )
        network.full_clean()
        network.save(verbosity=0)
        Domain.objects.create(domain=network_domain(slug=slug), tenant=network, is_primary=True)
    return network


def store_identity_key(*, name: str, address_line1: str, city: str, postal_code: str) -> str:
    """The same store written twice ("Harbor Gems, 412 Pine Ave." / "harbor gems 412 pine
    ave") gives the same key: accents, case, punctuation and spacing do not count."""
    parts = []
    for value in (name, address_line1, city, postal_code):
        decomposed = unicodedata.normalize("NFKD", value)
        bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
        parts.append(" ".join(re.findall(r"\w+", bare)))
    return "|".join(parts)


def _coordinate(value: Decimal | float | None) -> Decimal | None:
    # Six decimals is about 10 cm: more than a store needs, and what the column holds.
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.000001"))


@transaction.atomic
def store_create(
    *,
    legal_name: str,
    display_name: str,
    address_line1: str,
    city: str,
    country: str,
    region: str = "",
    postal_code: str = "",
    phone: str = "",
    website: str = "",
    staff_count: int | None = None,
    latitude: Decimal | float | None = None,
    longitude: Decimal | float | None = None,
) -> Store:
    network_open_required()
    store = Store(
        identity_key=store_identity_key(
            name=display_name, address_line1=address_line1, city=city, postal_code=postal_code
        ),
        website=website,
        staff_count=staff_count,
        legal_name=legal_name,
        display_name=display_name,
        address_line1=address_line1,
        city=city,
        region=region,
        postal_code=postal_code,
        country=country.upper(),
        phone=phone,
        latitude=_coordinate(latitude),
        longitude=_coordinate(longitude),
    )
    store.full_clean()
    store.save()
    return store


def role_event_record(
    *, membership: Membership, change: str, by: User | None, how: str
) -> RoleEvent:
    """Keep the record a coordinator reads of who got or lost which role, and through whom.
    Callers looping over memberships load them with `select_related("user")`."""
    return RoleEvent.objects.create(
        user_id=membership.user_id,
        email=membership.user.email,
        role=membership.role,
        store_id=membership.store_id,
        change=change,
        by_id=by.pk if by is not None else None,
        by_email=by.email if by is not None else "",
        how=how[:200],
    )


@transaction.atomic
def membership_grant(
    *, user: User, role: str, store: Store | None = None, by: User | None = None, how: str = ""
) -> Membership:
    """Give a person their role in the current network (one role per person per network).

    `by` is who granted it (None: the portal itself, e.g. the demo data), `how` the way it
    came (an invitation, a pledge); both go to the network's record of role changes."""
    network_open_required()
    if role in Membership.STORE_ROLES and store is None:
        raise ValidationError({"store": _("Store owners and staff belong to a store.")})
    if role not in Membership.STORE_ROLES:
        store = None
    from .access import needs_mfa_setup

    if needs_mfa_setup(user=user, role=role):
        # Whoever knows the password of an account holding such a role could otherwise
        # enrol their own authenticator on first use: the role comes after the app.
        raise ValidationError(
            {"role": _("This role needs an authenticator app: the person sets one up first.")}
        )
    before = Membership.objects.filter(user=user).values("role", "store_id", "is_active").first()
    membership, _created = Membership.objects.update_or_create(
        user=user, defaults={"role": role, "store": store, "is_active": True}
    )
    unchanged = before == {"role": role, "store_id": membership.store_id, "is_active": True}
    if not unchanged:
        role_event_record(
            membership=membership,
            change=RoleEvent.Change.GRANTED,
            by=by,
            how=how,
        )
    return membership


INVITATION_LIFETIME = timedelta(days=7)
# Invitations are email the portal sends to addresses someone else typed, so each sender is
# capped. A jewelry store's team is a handful of people: ten a day lets an owner bring a
# whole counter staff in at once, twenty waiting for an answer covers a large store, and
# neither is worth much to someone using the portal as a mailer (sending again to the same
# address counts too). The store's own cap holds when it has more than one owner.
INVITATIONS_PER_ACCOUNT_PER_DAY = 10
INVITATIONS_OPEN_PER_ACCOUNT = 20
INVITATIONS_PER_STORE_PER_DAY = 30
INVITATION_EMAIL_MAX_LENGTH = 254  # Invitation.email's column
# Until the worker sending the email issues the real link, the stored value matches no token
# (a SHA-256 digest never holds a colon).
UNISSUED_TOKEN_PREFIX = "unissued:"  # noqa: S105 (a marker, not a secret)


class InvitationError(Exception):
    """An invitation link that cannot be used; the message says why, for its holder."""


class InvitationNeedsMfa(InvitationError):
    """The invited role needs an authenticator app, and the account has none yet."""


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _store_may_invite(store: Store) -> bool:
    from pledges.models import Pledge, PledgeStatus

    return Pledge.objects.filter(store=store, status=PledgeStatus.ACTIVE).exists()


def _check_sender_caps(*, by: User, store: Store | None, now: datetime) -> None:
    day_ago = now - timedelta(days=1)
    too_many_today = _("That is a lot of invitations for one day. Try again tomorrow.")
    sent = Invitation.objects.filter(invited_by_id=by.pk)
    if sent.filter(created_at__gte=day_ago).count() >= INVITATIONS_PER_ACCOUNT_PER_DAY:
        raise ValidationError({"email": too_many_today})
    waiting = sent.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)
    if waiting.count() >= INVITATIONS_OPEN_PER_ACCOUNT:
        raise ValidationError(
            {
                "email": _(
                    "%(count)s of your invitations are still waiting for an answer. Withdraw "
                    "the ones nobody will use, or wait until they are accepted or expire."
                )
                % {"count": INVITATIONS_OPEN_PER_ACCOUNT}
            }
        )
    if store is not None:
        store_today = Invitation.objects.filter(store=store, created_at__gte=day_ago)
        if store_today.count() >= INVITATIONS_PER_STORE_PER_DAY:
            raise ValidationError({"email": too_many_today})


@transaction.atomic
def invitation_create(
    *, email: str, role: str, by: User | None, store: Store | None = None
) -> Invitation:
    """A single-use link for `email`, mailed by a task that makes the link's token itself, so
    the token never passes through the broker. Any earlier open invitation for the same
    address and store is withdrawn.

    A store invites only while its pledge is active: the email carries the store's name,
    and only a pledge the network accepted has earned that."""
    network_open_required()
    from django.contrib.auth import get_user_model

    email = email.strip().lower()
    try:
        if len(email) > INVITATION_EMAIL_MAX_LENGTH:
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid email address.")}) from None
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    if role in Membership.STORE_ROLES and store is None:
        raise ValidationError({"store": _("Store owners and staff belong to a store.")})
    now = timezone.now()
    if store is not None:
        if not _store_may_invite(store):
            raise ValidationError(
                {"email": _("A store can invite its team once its pledge is active.")}
            )
        team = Membership.objects.filter(store=store, is_active=True).values_list(
            "user_id", flat=True
        )
        if get_user_model().objects.filter(pk__in=list(team), email__iexact=email).exists():
            raise ValidationError({"email": _("This person is already on the store's team.")})
    if by is not None:
        # One sender at a time, so two quick submissions cannot both slip under the caps.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"invite:{by.pk}"])
        _check_sender_caps(by=by, store=store, now=now)
    Invitation.objects.filter(
        email=email, store=store, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    invitation = Invitation.objects.create(
        email=email,
        role=role,
        store=store,
        token_hash=UNISSUED_TOKEN_PREFIX + secrets.token_hex(16),
        invited_by_id=by.pk if by is not None else None,
        expires_at=now + INVITATION_LIFETIME,
    )
    from .tasks import invitation_send

    transaction.on_commit(lambda: invitation_send.delay(invitation_id=invitation.pk))
    return invitation


@transaction.atomic
def invitation_link_issue(*, invitation_id: int) -> tuple[Invitation, str] | None:
    """A new token for an open invitation, made by the worker that mails it; a link issued
    before stops working. None when the invitation is used, withdrawn or expired."""
    token = secrets.token_urlsafe(32)
    issued = Invitation.objects.filter(
        pk=invitation_id,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).update(token_hash=invitation_token_hash(token))
    if issued != 1:
        return None
    return Invitation.objects.select_related("store").get(pk=invitation_id), token


def invitation_for_token(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("store")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )
    if invitation is None or invitation.revoked_at is not None:
        raise InvitationError(_("This invitation link is not valid. Ask for a new one."))
    if invitation.accepted_at is not None:
        raise InvitationError(_("This invitation has already been used."))
    if invitation.expires_at <= timezone.now():
        raise InvitationError(_("This invitation has expired. Ask for a new one."))
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    """Use the link: the person becomes a member with the invited role. Single use."""
    network_open_required()
    from accounts.selectors import email_verified

    from .access import needs_mfa_setup

    invitation = invitation_for_token(token)
    if not email_verified(user_id=user.pk, email=invitation.email):
        raise InvitationError(
            _("This invitation was sent to %(email)s. Log in with that address to accept it.")
            % {"email": invitation.email}
        )
    if needs_mfa_setup(user=user, role=invitation.role):
        # The role must never be active on an account anyone holding its password could
        # still enrol: the authenticator comes first, proven by the emailed link.
        raise InvitationNeedsMfa(
            _("This role needs an authenticator app. Set one up, then accept the invitation.")
        )
    existing = Membership.objects.filter(user_id=user.pk, is_active=True).first()
    if existing is not None and existing.role != invitation.role:
        raise InvitationError(
            _("Your account already has a role in this network (%(role)s).")
            % {"role": existing.get_role_display()}
        )
    if existing is not None and existing.store_id != invitation.store_id:
        raise InvitationError(
            _("Your account already belongs to another store's team in this network.")
        )
    claimed = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(accepted_at=timezone.now(), accepted_by_id=user.pk)
    if claimed != 1:
        raise InvitationError(_("This invitation has already been used."))
    from django.contrib.auth import get_user_model

    inviter = (
        get_user_model().objects.filter(pk=invitation.invited_by_id).first()
        if invitation.invited_by_id is not None
        else None
    )
    return membership_grant(
        user=user,
        role=invitation.role,
        store=invitation.store,
        by=inviter,
        how=gettext_noop("accepted an invitation"),
    )


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> Invitation:
    Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    invitation.refresh_from_db()
    return invitation


@transaction.atomic
def membership_remove(*, membership: Membership, by: User | None, how: str) -> Membership:
    """The person loses their role here; their account and history stay."""
    if not membership.is_active:
        return membership
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    role_event_record(membership=membership, change=RoleEvent.Change.REVOKED, by=by, how=how)
    return membership
