"""Writes for networks: creating the public site, the template schema, networks, stores, members."""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_exists

from .models import Domain, Invitation, Membership, Network, Store
from .schemas import use_public_schema

if TYPE_CHECKING:
    from accounts.models import User

SLUG_RE = re.compile(r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$")
RESERVED_SLUGS = frozenset({"public", "www", "admin", "api", "static", "media", "mail"})


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
    slug = slug.strip().lower()
    if not SLUG_RE.match(slug) or slug in RESERVED_SLUGS:
        raise ValidationError(
            {"slug": _("Use 3 to 40 lowercase letters, digits or hyphens, starting with a letter.")}
        )
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


@transaction.atomic
def membership_grant(*, user: User, role: str, store: Store | None = None) -> Membership:
    """Give a person their role in the current network (one role per person per network)."""
    if role in Membership.STORE_ROLES and store is None:
        raise ValidationError({"store": _("Store owners and staff belong to a store.")})
    if role not in Membership.STORE_ROLES:
        store = None
    membership, _created = Membership.objects.update_or_create(
        user=user, defaults={"role": role, "store": store, "is_active": True}
    )
    return membership


INVITATION_LIFETIME = timedelta(days=7)
# A store's owner may send this many invitations a day: a team, not a mailing list.
INVITATIONS_PER_STORE_PER_DAY = 30
INVITATION_EMAIL_MAX_LENGTH = 254  # Invitation.email's column


class InvitationError(Exception):
    """An invitation link that cannot be used; the message says why, for its holder."""


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(
    *, email: str, role: str, by: User | None, store: Store | None = None
) -> tuple[Invitation, str]:
    """A single-use link for `email`; returns the invitation and its token (sent by email,
    never stored). Any earlier open invitation for the same address and store is withdrawn."""
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
        team = Membership.objects.filter(store=store, is_active=True).values_list(
            "user_id", flat=True
        )
        if get_user_model().objects.filter(pk__in=list(team), email__iexact=email).exists():
            raise ValidationError({"email": _("This person is already on the store's team.")})
        sent_today = Invitation.objects.filter(
            store=store, created_at__gte=now - timedelta(days=1)
        ).count()
        if sent_today >= INVITATIONS_PER_STORE_PER_DAY:
            raise ValidationError(
                {"email": _("That is a lot of invitations for one day. Try again tomorrow.")}
            )
    Invitation.objects.filter(
        email=email, store=store, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        role=role,
        store=store,
        token_hash=invitation_token_hash(token),
        invited_by_id=by.pk if by is not None else None,
        expires_at=now + INVITATION_LIFETIME,
    )
    from .tasks import invitation_send

    transaction.on_commit(lambda: invitation_send.delay(invitation_id=invitation.pk, token=token))
    return invitation, token


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
    from accounts.selectors import email_verified

    invitation = invitation_for_token(token)
    if not email_verified(user_id=user.pk, email=invitation.email):
        raise InvitationError(
            _("This invitation was sent to %(email)s. Log in with that address to accept it.")
            % {"email": invitation.email}
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
    return membership_grant(user=user, role=invitation.role, store=invitation.store)


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> Invitation:
    Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    invitation.refresh_from_db()
    return invitation


@transaction.atomic
def membership_remove(*, membership: Membership) -> Membership:
    """The person loses their role here; their account and history stay."""
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    return membership
