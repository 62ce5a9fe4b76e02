"""How the isolation crawler (tests/security/) attacks the networks app's pages, and the
private details it plants in a store to watch for leaks."""

from __future__ import annotations

from django_tenants.utils import schema_context

from networks.models import Membership, Store
from tests.factories import MembershipFactory, UserFactory
from tests.security.crawler import MEMBER, OBJECT, PUBLIC, Probe, Side


def plant(side: Side) -> None:
    tag = side.tag
    with schema_context(side.network.schema_name):
        Store.objects.filter(pk=side.store.pk).update(
            legal_name=side.mark(f"Legalname {tag} Holdings"),
            address_line1=side.mark(f"{tag} Secret Lane"),
        )
        side.store.refresh_from_db()
        teammate = UserFactory.create(
            email=side.mark(f"teammate-{tag.lower()}@example.test"),
            full_name=side.mark(f"Teammate {tag}"),
        )
        side.objects["teammate"] = MembershipFactory.create(
            user=teammate, role=Membership.Role.STORE_STAFF, store=side.store
        )


PROBES = {
    "tenant:home": Probe(PUBLIC),
    "tenant:dashboard": Probe(MEMBER),
    "tenant:store_list": Probe(MEMBER),
    "tenant:member_list": Probe(MEMBER),
    "tenant:store_detail": Probe(OBJECT, lambda side: {"store_id": side.store.pk}),
}
PROBES.update(
    {
        "tenant:member_invite": Probe(MEMBER),
        "tenant:member_history": Probe(MEMBER),
        "tenant:member_revoke": Probe(OBJECT, lambda side: {"membership_id": side.teammate.pk}),
    }
)
