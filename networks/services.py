"""Writes for networks: creating the public site, the template schema, networks, stores, members."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_exists

from .models import Domain, Membership, Network, Store
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
    if Network.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("A network with this address already exists.")})
    if not schema_exists(settings.TENANT_BASE_SCHEMA):
        template_schema_ensure()
    with transaction.atomic():
        network = Network(
            name=name.strip(),
            slug=slug,
            schema_name=schema_for_slug(slug),
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
    latitude: Decimal | float | None = None,
    longitude: Decimal | float | None = None,
) -> Store:
    store = Store(
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
