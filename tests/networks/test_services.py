"""Creating networks, stores and memberships."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.utils import translation
from django_tenants.utils import schema_context, schema_exists

from networks.models import Domain, Membership, Network, Store
from networks.services import membership_grant, network_create, public_site_ensure, store_create
from tests.factories import StoreFactory, UserFactory


def tables_in(schema: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", [schema])
        return {row[0] for row in cursor.fetchall()}


def test_network_create_clones_the_template_schema(db) -> None:
    network = network_create(slug="bay-area", name="Bay Area Jewelers", country="us")
    assert network.schema_name == "bay_area"
    assert network.country == "US"
    assert schema_exists("bay_area")
    assert tables_in("bay_area") == tables_in("network_template")
    assert {"networks_store", "networks_membership"} <= tables_in("bay_area")
    assert "networks_network" not in tables_in("bay_area")
    assert Domain.objects.get(tenant=network).domain == "bay-area.localhost"
    with connection.cursor() as cursor:
        # Cloned, then its migrations recorded: nothing left to apply.
        cursor.execute("SELECT count(*) FROM bay_area.django_migrations")
        assert cursor.fetchone()[0] > 0


def test_public_schema_holds_no_network_tables(db) -> None:
    assert "networks_store" not in tables_in("public")
    assert "networks_membership" not in tables_in("public")
    assert "accounts_user" in tables_in("public")
    assert "accounts_user" not in tables_in("network_template")
    assert "django_session" not in tables_in("network_template")


@pytest.mark.parametrize("slug", ["", "a", "Has Space", "-dash", "public", "www", "x" * 50, "é"])
def test_network_create_refuses_bad_addresses(db, slug: str) -> None:
    with pytest.raises(ValidationError):
        network_create(slug=slug, name="Bad", country="US")


RESERVED = [
    *("accounts", "login", "verify", "support", "api", "static", "media", "mail", "www"),
    *("admin", "platform", "smtp", "ftp", "help", "status", "docs", "blog"),
]
LOOK_ALIKES = ["xn--80ak6aa92e", "xn--jwelers-b1a", "ab--cd"]


@pytest.mark.parametrize("slug", [*RESERVED, *LOOK_ALIKES])
def test_network_create_refuses_reserved_and_look_alike_addresses(db, slug: str) -> None:
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        network_create(slug=slug, name="Lookalike", country="US")
    assert refused.value.message_dict == {"slug": ["This address is reserved. Choose another."]}
    assert not Network.objects.filter(slug=slug).exists()
    assert not schema_exists(slug.replace("-", "_"))


def test_network_create_refuses_a_taken_address(north: Network) -> None:
    with pytest.raises(ValidationError):
        network_create(slug="north", name="Again", country="US")


def test_public_site_ensure_is_idempotent(db) -> None:
    first = public_site_ensure()
    second = public_site_ensure()
    assert first.pk == second.pk
    assert Domain.objects.filter(domain="localhost").count() == 1


def test_store_create_rounds_coordinates(north: Network) -> None:
    with schema_context(north.schema_name):
        store = store_create(
            legal_name="Gem LLC",
            display_name="Gem",
            address_line1="1 Main St",
            city="Fresno",
            country="us",
            latitude=36.737797123456,
            longitude=-119.787125987654,
        )
        store.refresh_from_db()
        assert str(store.latitude) == "36.737797"
        assert store.country == "US"


def test_store_people_need_a_store(north: Network) -> None:
    with schema_context(north.schema_name), pytest.raises(ValidationError):
        membership_grant(user=UserFactory.create(), role=Membership.Role.STORE_STAFF)


def test_a_person_has_one_role_per_network(north: Network) -> None:
    user = UserFactory.create()
    TOTP.activate(user, generate_totp_secret())
    with schema_context(north.schema_name):
        store = StoreFactory.create()
        membership_grant(user=user, role=Membership.Role.STORE_STAFF, store=store)
        membership_grant(user=user, role=Membership.Role.COORDINATOR, store=store)
        membership = Membership.objects.get(user=user)
        assert membership.role == Membership.Role.COORDINATOR
        assert membership.store is None


@pytest.mark.parametrize("role", [Membership.Role.COORDINATOR, Membership.Role.LAW_ENFORCEMENT])
def test_no_privileged_role_goes_to_an_account_without_an_authenticator(
    north: Network, role: str
) -> None:
    user = UserFactory.create()
    with schema_context(north.schema_name):
        with pytest.raises(ValidationError, match="authenticator app"):
            membership_grant(user=user, role=role)
        assert not Membership.objects.filter(user_id=user.pk).exists()


def test_database_refuses_a_coordinator_tied_to_a_store(north: Network) -> None:
    with schema_context(north.schema_name), pytest.raises(IntegrityError):
        Membership.objects.create(
            user=UserFactory.create(), role=Membership.Role.COORDINATOR, store=StoreFactory.create()
        )


def test_network_data_stays_in_its_schema(north: Network, lakeshore: Network) -> None:
    with schema_context(north.schema_name):
        StoreFactory.create(display_name="North Only")
    with schema_context(lakeshore.schema_name):
        assert not Store.objects.filter(display_name="North Only").exists()
    assert Network.objects.filter(slug__in=["north", "lakeshore"]).count() == 2
