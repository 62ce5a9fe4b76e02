"""How the isolation crawler (tests/security/) attacks the pledge pages, public and network,
and the private details of a pledge it plants to watch for leaks."""

from __future__ import annotations

import re

from django.core import mail
from django.test import TestCase
from django_tenants.utils import schema_context

from pledges.models import NetworkRequest
from pledges.network_requests import network_request_create
from pledges.services import pledge_staff_invite, pledge_transition
from tests.pledges.conftest import details_of, sign
from tests.security.crawler import MEMBER, OBJECT, PLATFORM, PUBLIC, Probe, Side


def plant(side: Side) -> None:
    tag = side.tag
    with schema_context(side.network.schema_name):
        pledge = sign(side.owner, details_of(side.store), signature_name=side.mark(f"Signer {tag}"))
        pledge = pledge_transition(pledge=pledge, action="approved", by=side.coordinator)
        pledge = pledge_transition(
            pledge=pledge,
            action="suspended",
            by=side.coordinator,
            reason=side.mark(f"Reason {tag} kept between store and coordinator"),
        )
        side.objects["pledge"] = pledge_transition(
            pledge=pledge, action="reinstated", by=side.coordinator
        )
        _invitation(side)
    side.objects["network_request"] = _network_request(side)


def _invitation(side: Side) -> None:
    """A pending invitation to the store, and the token of its link as the invitee got it."""
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        invitation = pledge_staff_invite(
            pledge=side.pledge,
            email=side.mark(f"invitee-{side.tag.lower()}@example.test"),
            by=side.owner,
        )
    link = re.search(r"/join/([^/\s]+)/", str(mail.outbox[-1].body))
    assert link is not None, "the invitation email carries its link"
    side.objects["invitation"] = invitation
    side.objects["invitation_token"] = link.group(1)


def _network_request(side: Side) -> NetworkRequest:
    tag = side.tag.lower()
    return network_request_create(
        organiser_name="Pat Organiser",
        organiser_email=side.mark(f"organiser-{tag}@example.test"),
        network_name=f"Request {tag} network",
        slug=f"req{tag}",
        country="US",
        expected_members=5,
        message=side.mark(f"Message {tag} for the platform admins"),
    )


def _pledge(side: Side) -> dict[str, int]:
    return {"pledge_id": side.pledge.pk}


def _code(side: Side) -> dict[str, str]:
    return {"code": side.pledge.verification_code}


PROBES = {
    # Network hosts.
    # The way in for a jeweler who is not a member yet.
    "tenant:pledge_start": Probe(PUBLIC),
    "tenant:store_home": Probe(MEMBER),
    "tenant:store_logo": Probe(MEMBER),
    "tenant:store_acknowledge": Probe(MEMBER),
    "tenant:store_reaffirm": Probe(MEMBER),
    "tenant:store_listing": Probe(MEMBER),
    "tenant:store_withdraw": Probe(MEMBER),
    "tenant:store_invite": Probe(MEMBER),
    "tenant:store_invitation_revoke": Probe(
        OBJECT, lambda side: {"invitation_id": side.invitation.pk}
    ),
    "tenant:store_staff_remove": Probe(OBJECT, lambda side: {"membership_id": side.teammate.pk}),
    # Whoever holds the link may open it; a foreign or used token shows nothing of its store.
    "tenant:invitation_join": Probe(
        PUBLIC, lambda side: {"token": side.invitation_token}, secret=True
    ),
    "tenant:coordinator_pledge_list": Probe(MEMBER),
    "tenant:coordinator_pledge_export": Probe(MEMBER),
    "tenant:coordinator_pledge_text": Probe(MEMBER),
    "tenant:coordinator_pledge_detail": Probe(OBJECT, _pledge),
    "tenant:coordinator_pledge_decide": Probe(OBJECT, _pledge),
    "tenant:coordinator_pledge_logo": Probe(OBJECT, _pledge),
    # Public site.
    "public:network_finder": Probe(PUBLIC),
    "public:network_request_new": Probe(PUBLIC),
    "public:network_request_thanks": Probe(PUBLIC),
    "public:verify": Probe(PUBLIC),
    "public:verify_code": Probe(PUBLIC, _code),
    "public:verify_badge_svg": Probe(PUBLIC, _code),
    "public:verify_badge_png": Probe(PUBLIC, lambda side: {**_code(side), "size": "256"}),
    "public:network_request_slug_check": Probe(PUBLIC),
    "public:platform_requests": Probe(PLATFORM),
    # A closed network's data, for platform admins only.
    "public:platform_network_export_json": Probe(
        PLATFORM, lambda side: {"slug": side.network.slug}
    ),
    "public:platform_network_export_csv": Probe(
        PLATFORM, lambda side: {"slug": side.network.slug, "kind": "members"}
    ),
    "public:platform_request_detail": Probe(
        PLATFORM, lambda side: {"request_id": side.network_request.pk}
    ),
}
