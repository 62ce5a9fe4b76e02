"""Export, import and delete one network: the commands an operator runs on a network's data.

pg_dump sees only committed data, so these tests commit (`live_db`) and work on a network of
their own, `seaside`, dropped at the end whatever happens; `north` and `lakeshore` are left
alone.
"""

from __future__ import annotations

import io
import json
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import BigIntegerField, IntegerField
from django.test import Client
from django_tenants.utils import schema_context, schema_exists
from PIL import Image

from accounts.models import User
from networks.models import Domain, Membership, Network, Store
from networks.operations import (
    NOT_USER_ID_FIELDS,
    PUBLIC_ROWS_DERIVED,
    PUBLIC_ROWS_EXPORTED,
    PUBLIC_ROWS_KEPT,
    USER_ID_FIELDS,
    network_models,
    pg_program,
    public_models_linked_to_networks,
)
from networks.schemas import use_public_schema
from networks.services import membership_grant, network_create, public_site_ensure
from pledges.models import PartnerListing, Pledge
from pledges.services import (
    StoreDetails,
    current_version,
    logo_prepare,
    pledge_take,
    pledge_transition,
)
from tests.conftest import client_for
from tests.factories import MembershipFactory, UserFactory

SLUG = "seaside"


def _reset_storage_root() -> None:
    default_storage.__dict__.pop("relative_media_root", None)
    wrapped = getattr(default_storage, "_wrapped", None)
    if wrapped is not None and hasattr(wrapped, "__dict__"):
        wrapped.__dict__.pop("relative_media_root", None)


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "media"
    settings.MEDIA_ROOT = str(root)
    _reset_storage_root()
    yield root
    _reset_storage_root()


@dataclass
class Seaside:
    network: Network
    store: Store
    owner: User
    staff: User
    coordinator: User
    pledge: Pledge
    logo: bytes


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), color=(200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def seaside(live_db: None, media_root: Path) -> Iterator[Seaside]:
    """A network with a store that pledged (with a logo), its staff and a coordinator."""
    try:
        network = network_create(slug=SLUG, name="Seaside Jewelers Network", country="US")
        owner = UserFactory.create(email="owner@seaside.test", full_name="Ada Owner")
        staff = UserFactory.create(email="staff@seaside.test", full_name="Sam Staff")
        coordinator = UserFactory.create(email="coordinator@seaside.test")
        with schema_context(network.schema_name):
            MembershipFactory.create(user=coordinator, role=Membership.Role.COORDINATOR, store=None)
            logo = logo_prepare(upload=SimpleUploadedFile("logo.png", _png(), "image/png"))
            pledge = pledge_take(
                user=owner,
                store=StoreDetails(
                    legal_name="Seaside Gems LLC",
                    display_name="Seaside Gems",
                    address_line1="1 Harbor Road",
                    city="Santa Cruz",
                    country="US",
                    region="CA",
                    postal_code="95060",
                    phone="+1 831-555-0142",
                    staff_count=2,
                ),
                commitments=[item["key"] for item in current_version().commitments],
                signature_name="Ada Owner",
                consented=True,
                logo=logo,
            )
            pledge = pledge_transition(pledge=pledge, action="approved", by=coordinator)
            store = pledge.store
            membership_grant(user=staff, role=Membership.Role.STORE_STAFF, store=store)
            with default_storage.open(str(store.logo.name), "rb") as stored:
                logo_bytes = stored.read()
        yield Seaside(network, store, owner, staff, coordinator, pledge, logo_bytes)
    finally:
        use_public_schema()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{SLUG}" CASCADE')


def _rows_in_schema(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT count(*) FROM "{SLUG}"."{table}"')  # noqa: S608
        return int(cursor.fetchone()[0])


def test_a_network_exported_deleted_and_imported_is_whole_again(
    seaside: Seaside, tmp_path: Path, media_root: Path
) -> None:
    archive = tmp_path / "seaside.tar.gz"
    call_command("network_export", SLUG, str(archive))
    call_command("network_delete", SLUG, yes_i_typed=SLUG)
    assert not Network.objects.filter(slug=SLUG).exists()
    # The staff member's account went with the old portal; the owner's came back with a new id.
    old_owner_id = seaside.owner.pk
    User.objects.filter(pk__in=[seaside.owner.pk, seaside.staff.pk]).delete()
    owner = UserFactory.create(email="owner@seaside.test", full_name="Ada Owner")
    assert owner.pk != old_owner_id

    call_command("network_import", str(archive))

    network = Network.objects.get(slug=SLUG)
    assert Domain.objects.get(tenant=network).domain == f"{SLUG}.localhost"
    listing = PartnerListing.objects.get(network=network)
    assert listing.verification_code == seaside.pledge.verification_code
    staff = User.objects.get(email="staff@seaside.test")
    assert not staff.has_usable_password()
    assert not staff.is_staff
    assert EmailAddress.objects.get(user=staff).verified
    with schema_context(network.schema_name):
        pledge = Pledge.objects.select_related("store").get()
        assert pledge.signed_by_id == owner.pk
        assert pledge.store.display_name == "Seaside Gems"
        members = dict(Membership.objects.values_list("user_id", "role"))
        assert members == {
            owner.pk: Membership.Role.STORE_OWNER,
            staff.pk: Membership.Role.STORE_STAFF,
            seaside.coordinator.pk: Membership.Role.COORDINATOR,
        }

    client = client_for(network, owner)
    assert "Seaside Gems" in client.get("/store/").content.decode()
    logo = client.get("/store/logo/")
    assert logo.status_code == 200
    assert logo.getvalue() == seaside.logo
    # An earlier transactional test may have flushed the public site; the requests above
    # left this network's schema active.
    use_public_schema()
    public_site_ensure()
    public = Client(HTTP_HOST="localhost")
    assert "Seaside Gems" in public.get(f"/verify/{listing.verification_code}/").content.decode()


def test_the_archive_holds_the_dump_the_files_and_accounts_without_passwords(
    seaside: Seaside, tmp_path: Path
) -> None:
    archive = tmp_path / "seaside.tar.gz"
    call_command("network_export", SLUG, str(archive))
    assert archive.stat().st_mode & 0o077 == 0
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
    assert "schema.dump" in names
    assert f"media/{seaside.store.logo.name}" in names
    emails = {person["email"] for person in manifest["users"]}
    assert emails == {"owner@seaside.test", "staff@seaside.test", "coordinator@seaside.test"}
    assert all(
        set(person) == {"id", "email", "full_name", "is_active", "email_verified"}
        for person in manifest["users"]
    )
    assert "password" not in json.dumps(manifest)
    assert [row["fields"]["domain"] for row in manifest["public_rows"]["networks.domain"]] == [
        f"{SLUG}.localhost"
    ]


def test_importing_a_network_this_portal_has_is_refused(seaside: Seaside, tmp_path: Path) -> None:
    archive = tmp_path / "seaside.tar.gz"
    call_command("network_export", SLUG, str(archive))
    with pytest.raises(CommandError, match="already has a network"):
        call_command("network_import", str(archive))
    with schema_context(SLUG):
        assert Store.objects.count() == 1


def test_an_archive_with_a_path_outside_its_folder_is_refused(
    live_db: None, tmp_path: Path
) -> None:
    archive = tmp_path / "evil.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        body = b"owned"
        info = tarfile.TarInfo("media/../../escaped.txt")
        info.size = len(body)
        tar.addfile(info, io.BytesIO(body))
    with pytest.raises(CommandError, match="unsafe path"):
        call_command("network_import", str(archive))
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_deleting_a_network_removes_schema_files_listings_domains_and_cache(
    seaside: Seaside, media_root: Path
) -> None:
    from django.core.cache import cache

    with schema_context(SLUG):
        cache.set("toolkit-progress", 42)
    assert (media_root / SLUG).is_dir()
    call_command("network_delete", SLUG, yes_i_typed=SLUG)
    assert not schema_exists(SLUG)
    assert not (media_root / SLUG).exists()
    assert not Network.objects.filter(slug=SLUG).exists()
    assert not Domain.objects.filter(domain=f"{SLUG}.localhost").exists()
    assert not PartnerListing.objects.filter(
        verification_code=seaside.pledge.verification_code
    ).exists()
    with schema_context(SLUG):
        assert cache.get("toolkit-progress") is None
    # Accounts are people's, not the network's.
    assert User.objects.filter(pk=seaside.owner.pk).exists()


def test_deleting_a_network_refuses_anything_but_its_slug_typed(seaside: Seaside) -> None:
    for typed in ("", "seaside ", "north", "SEASIDE", "yes"):
        with pytest.raises(CommandError, match="Type the network's address"):
            call_command("network_delete", SLUG, yes_i_typed=typed)
    assert schema_exists(SLUG)
    assert Network.objects.filter(slug=SLUG).exists()


def test_deleting_without_a_terminal_or_confirmation_is_refused(seaside: Seaside) -> None:
    with pytest.raises(CommandError, match="yes-i-typed"):
        call_command("network_delete", SLUG)
    assert schema_exists(SLUG)


def test_the_public_site_cannot_be_deleted_or_exported(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no network 'public'"):
        call_command("network_delete", "public", yes_i_typed="public")
    with pytest.raises(CommandError, match="no network 'public'"):
        call_command("network_export", "public", str(tmp_path / "public.tar.gz"))


def test_pg_dump_is_the_one_of_the_servers_version_or_newer(db: None) -> None:
    import subprocess

    server = connection.cursor().connection.info.server_version // 10000
    output = subprocess.run(
        [str(pg_program("pg_dump")), "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert int(output.split(")")[1].split(".")[0]) >= server


def test_every_integer_id_column_of_a_network_table_is_known_to_be_an_account_or_not(
    db: None,
) -> None:
    # A new column holding an account id must be listed, or an import would point it at
    # whoever has that id in the other portal.
    unknown = []
    for model in network_models():
        label = model._meta.label_lower
        known = set(USER_ID_FIELDS.get(label, ())) | set(NOT_USER_ID_FIELDS.get(label, ()))
        for field in model._meta.concrete_fields:
            is_id = isinstance(field, IntegerField | BigIntegerField) and field.name.endswith("_id")
            if is_id and not field.is_relation and field.name not in known:
                unknown.append(f"{label}.{field.name}")
    assert unknown == []


def test_every_public_model_linked_to_a_network_is_exported_or_kept_on_purpose(
    db: None,
) -> None:
    classified = set(PUBLIC_ROWS_EXPORTED) | PUBLIC_ROWS_KEPT | PUBLIC_ROWS_DERIVED
    linked = {model._meta.label_lower for model in public_models_linked_to_networks()}
    assert linked - classified == set()
