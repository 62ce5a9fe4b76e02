"""`manage.py seed_demo` builds the demo networks once; running it again changes nothing."""

import pytest
from django.core.management import CommandError, call_command
from django_tenants.utils import schema_context

from accounts.models import User
from networks.models import Membership, Network, Store
from networks.schemas import current_schema
from pledges.models import NetworkRequest, Pledge, PledgeEvent

pytestmark = pytest.mark.usefixtures("demo_settings")


def snapshot() -> dict[str, tuple[int, list[str]]]:
    counts: dict[str, tuple[int, list[str]]] = {
        "users": (User.objects.count(), []),
        "requests": (0, sorted(NetworkRequest.objects.values_list("slug", flat=True))),
    }
    for slug in ("socal", "gta"):
        network = Network.objects.get(slug=slug)
        with schema_context(network.schema_name):
            counts[slug] = (
                Store.objects.count(),
                sorted(Membership.objects.values_list("role", flat=True)),
            )
            counts[f"{slug}-pledges"] = (
                PledgeEvent.objects.count(),
                sorted(Pledge.objects.values_list("status", flat=True)),
            )
    return counts


def test_seed_demo_refuses_to_run_without_debug(db, settings) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only with DEBUG on"):
        call_command("seed_demo")
    assert not User.objects.filter(email__endswith=".example").exists()


def test_seed_demo_is_idempotent(db) -> None:
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first
    assert current_schema() == "public"


def test_seed_demo_has_the_promised_networks_and_logins(db) -> None:
    call_command("seed_demo")
    assert Network.objects.get(slug="socal").name == "Southern California Jewelers Network"
    assert Network.objects.get(slug="gta").name == "Greater Toronto Jewellers Network"
    counts = snapshot()
    for slug in ("socal", "gta"):
        stores, roles = counts[slug]
        assert stores >= 5
        assert {"coordinator", "law_enforcement", "store_owner", "store_staff"} <= set(roles)
        _events, statuses = counts[f"{slug}-pledges"]
        assert {"active", "pending"} <= set(statuses)
    every_status = {status for slug in ("socal", "gta") for status in counts[f"{slug}-pledges"][1]}
    assert every_status == {"active", "pending", "suspended", "revoked", "withdrawn"}
    emails = set(User.objects.values_list("email", flat=True))
    expected = {"admin@partners.example"} | {
        f"{role}@{slug}.example"
        for slug in ("socal", "gta")
        for role in ("coordinator", "owner", "staff", "police")
    }
    assert expected <= emails
    assert User.objects.get(email="admin@partners.example").is_staff
    assert NetworkRequest.objects.get(slug="phoenix").status == NetworkRequest.Status.PENDING
    assert User.objects.get(email="owner@socal.example").check_password("partner-demo-2026")


def test_the_socal_coordinator_has_a_pledge_waiting_for_a_decision(db) -> None:
    from pledges.selectors import pledges_awaiting_decision

    call_command("seed_demo")
    with schema_context(Network.objects.get(slug="socal").schema_name):
        assert pledges_awaiting_decision().count() == 1
