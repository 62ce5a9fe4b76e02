"""Pledges for the named people: their store pledges in the tests that need it, through the
same services the pages use. Uploads land in a temporary MEDIA_ROOT."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django_tenants.utils import schema_context
from PIL import Image

from accounts.models import User
from networks.models import Network, Store
from pledges.models import Pledge
from pledges.services import StoreDetails, current_version, pledge_take, pledge_transition
from tests.conftest import People


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Path) -> Iterator[None]:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    default_storage.__dict__.pop("relative_media_root", None)
    wrapped = getattr(default_storage, "_wrapped", None)
    if wrapped is not None and hasattr(wrapped, "__dict__"):
        wrapped.__dict__.pop("relative_media_root", None)
    yield
    if wrapped is not None and hasattr(wrapped, "__dict__"):
        wrapped.__dict__.pop("relative_media_root", None)


def details_of(store: Store, **overrides: Any) -> StoreDetails:
    fields: dict[str, Any] = {
        "legal_name": store.legal_name,
        "display_name": store.display_name,
        "address_line1": store.address_line1,
        "city": store.city,
        "country": store.country,
        "region": store.region,
        "postal_code": store.postal_code,
        "phone": "+1 562-555-0142",
        "staff_count": 4,
    }
    fields.update(overrides)
    return StoreDetails(**fields)


def new_store_details(**overrides: Any) -> StoreDetails:
    fields: dict[str, Any] = {
        "legal_name": "Harbor Gems LLC",
        "display_name": "Harbor Gems",
        "address_line1": "412 Pine Avenue",
        "city": "Long Beach",
        "country": "US",
        "region": "CA",
        "postal_code": "90802",
        "phone": "+1 562-555-0142",
        "staff_count": 3,
    }
    fields.update(overrides)
    return StoreDetails(**fields)


def all_commitments() -> list[str]:
    return [item["key"] for item in current_version().commitments]


def sign(user: User, details: StoreDetails, **kwargs: Any) -> Pledge:
    """Take the pledge as `user` for `details`, in the active schema."""
    options: dict[str, Any] = {
        "commitments": all_commitments(),
        "signature_name": user.full_name or "Test Signer",
        "consented": True,
    }
    options.update(kwargs)
    return pledge_take(user=user, store=details, **options)


def pledge_for(people: People, *, active: bool = True) -> Pledge:
    """The owner's store takes the pledge; a coordinator approves it unless `active` is False."""
    with schema_context(people.network.schema_name):
        pledge = sign(people.owner, details_of(people.store))
        if active:
            pledge = pledge_transition(pledge=pledge, action="approved", by=people.coordinator)
        return pledge


@pytest.fixture
def north_pledge(north_people: People) -> Pledge:
    return pledge_for(north_people)


@pytest.fixture
def lakeshore_pledge(lakeshore_people: People) -> Pledge:
    return pledge_for(lakeshore_people)


def set_approval(network: Network, required: bool) -> None:
    Network.objects.filter(pk=network.pk).update(requires_pledge_approval=required)
    network.refresh_from_db()


def form_data(
    version_number: int | None = None, schema: str = "north", **overrides: Any
) -> dict[str, Any]:
    """Everything the pledge form asks for, filled in as a person would."""
    with schema_context(schema):
        version = current_version()
    data: dict[str, Any] = {
        "version": version_number or version.number,
        "legal_name": "Harbor Gems LLC",
        "display_name": "Harbor Gems",
        "address_line1": "412 Pine Avenue",
        "address_line2": "",
        "city": "Long Beach",
        "region": "CA",
        "postal_code": "90802",
        "phone": "(562) 555-0142",
        "website": "harborgems.example",
        "staff_count": "3",
        "signature_name": "James Okafor",
        "consent": "on",
        "listed_publicly": "on",
    }
    for index in range(1, len(version.commitments) + 1):
        data[f"commitment_{index}"] = "on"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def image_file(
    fmt: str = "PNG", size: tuple[int, int] = (64, 48), mode: str = "RGB", name: str = ""
) -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new(mode, size, color=0).save(buffer, format=fmt)
    buffer.seek(0)
    buffer.name = name or f"logo.{fmt.lower()}"
    return buffer
