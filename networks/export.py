"""A network's data as platform admins download it from their pages (open or closed): its
stores, members and pledges, as one JSON file or one CSV per kind, read inside the network's
own schema. Moving a whole network to another portal is networks.operations' archive."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django_tenants.utils import schema_context

from .models import Membership, Network, Store

EXPORT_KINDS = ("stores", "members", "pledges")

STORE_FIELDS = (
    "id",
    "display_name",
    "legal_name",
    "address_line1",
    "address_line2",
    "city",
    "region",
    "postal_code",
    "country",
    "phone",
    "website",
    "staff_count",
    "latitude",
    "longitude",
    "created_at",
)

MEMBER_FIELDS = ("email", "name", "role", "store_id", "store", "active", "since")
PLEDGE_FIELDS = (
    "verification_code",
    "status",
    "store_id",
    "store",
    "signed_as",
    "signer_email",
    "signed_at",
    "activated_at",
    "version",
    "listed_publicly",
)


def _value(value: object) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def _stores() -> list[dict[str, Any]]:
    return [
        {field: _value(getattr(store, field)) for field in STORE_FIELDS}
        for store in Store.objects.order_by("pk")
    ]


def _members() -> list[dict[str, Any]]:
    memberships = Membership.objects.select_related("user", "store").order_by("role", "pk")
    return [
        {
            "email": membership.user.email,
            "name": membership.user.full_name,
            "role": membership.role,
            "store_id": membership.store_id,
            "store": membership.store.display_name if membership.store else "",
            "active": membership.is_active,
            "since": _value(membership.created_at),
        }
        for membership in memberships
    ]


def _pledges() -> list[dict[str, Any]]:
    from pledges.models import Pledge
    from pledges.selectors import pledge_signers

    pledges = list(Pledge.objects.select_related("store", "version").order_by("pk"))
    signers = pledge_signers(pledges)
    rows = []
    for pledge in pledges:
        signer = signers.get(pledge.signed_by_id)
        rows.append(
            {
                "verification_code": pledge.verification_code,
                "status": pledge.status,
                "store_id": pledge.store_id,
                "store": pledge.store.display_name,
                "signed_as": pledge.signature_name,
                "signer_email": signer.email if signer is not None else "",
                "signed_at": _value(pledge.signed_at),
                "activated_at": _value(pledge.activated_at),
                "version": pledge.version.number,
                "listed_publicly": pledge.listed_publicly,
            }
        )
    return rows


_READS = {"stores": _stores, "members": _members, "pledges": _pledges}


def network_data(*, network: Network) -> dict[str, Any]:
    """Everything the export holds, as plain values (dates in ISO 8601, UTC)."""
    with schema_context(network.schema_name):
        return {
            "network": {
                "name": network.name,
                "slug": network.slug,
                "country": network.country,
                "region": network.region,
                "active": network.is_active,
                "contact_email": network.contact_email,
            },
            "exported_at": _value(timezone.now()),
            **{kind: read() for kind, read in _READS.items()},
        }


def network_data_rows(*, network: Network, kind: str) -> Iterator[list[str]]:
    """One kind (stores, members or pledges) as spreadsheet rows: the header, then the rows,
    each cell neutralised against formulas."""
    from networks.csv import csv_cell

    if kind not in _READS:
        raise ValueError(kind)
    with schema_context(network.schema_name):
        rows = _READS[kind]()
    header = list(rows[0]) if rows else _empty_header(kind)
    yield [csv_cell(title) for title in header]
    for row in rows:
        yield [csv_cell(row[title]) for title in header]


def _empty_header(kind: str) -> list[str]:
    # No rows to take the header from: the columns are named all the same.
    return list({"stores": STORE_FIELDS, "members": MEMBER_FIELDS, "pledges": PLEDGE_FIELDS}[kind])
