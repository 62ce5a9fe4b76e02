"""Two test networks and the named people of each.

`north` (US) and `lakeshore` (CA) are created once per session by cloning the template
schema, like production does. Each has an owner and a staff member of one store, a second
store, a coordinator and a police officer; `outsider` has an account and no membership.
"""

from __future__ import annotations

import gc
import importlib
import socket
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope
from django.apps import apps as django_apps
from django.conf import settings
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context

from accounts.models import User
from networks.models import Domain, Membership, Network, Store
from networks.schemas import use_public_schema
from networks.services import network_create, public_site_ensure, template_schema_ensure
from tests.factories import PASSWORD, MembershipFactory, StoreFactory, UserFactory

Role = Membership.Role
NETWORK_SPECS = {
    "north": {"name": "North Valley Jewelers Network", "country": "US", "region": "California"},
    "lakeshore": {"name": "Lakeshore Jewellers Network", "country": "CA", "region": "Ontario"},
}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> None:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        public_site_ensure()
        template_schema_ensure()
        for slug, spec in NETWORK_SPECS.items():
            network_create(slug=slug, **spec)


def _network(slug: str) -> Network:
    """The session's network; recreated (its schema kept) after a transactional test's flush."""
    network = Network.objects.filter(slug=slug).first()
    if network is None:
        public_site_ensure()
        spec = NETWORK_SPECS[slug]
        network = Network(slug=slug, schema_name=slug, **spec)
        network.save(verbosity=0)
        Domain.objects.create(domain=f"{slug}.{settings.PORTAL_DOMAIN}", tenant=network)
    return network


@pytest.fixture
def north(db: None) -> Network:
    return _network("north")


@pytest.fixture
def lakeshore(db: None) -> Network:
    return _network("lakeshore")


@dataclass
class People:
    network: Network
    store: Store
    other_store: Store
    owner: User
    staff: User
    other_store_owner: User
    coordinator: User
    police: User


def _people(network: Network) -> People:
    slug = network.slug
    with schema_context(network.schema_name):
        store = StoreFactory.create(display_name=f"{slug.title()} Gems")
        other_store = StoreFactory.create(display_name=f"{slug.title()} Gold")

        def member(local: str, role: str, member_store: Store | None) -> User:
            user = UserFactory.create(email=f"{local}@{slug}.test")
            MembershipFactory.create(user=user, role=role, store=member_store)
            return user

        return People(
            network=network,
            store=store,
            other_store=other_store,
            owner=member("owner", Role.STORE_OWNER, store),
            staff=member("staff", Role.STORE_STAFF, store),
            other_store_owner=member("owner2", Role.STORE_OWNER, other_store),
            coordinator=member("coordinator", Role.COORDINATOR, None),
            police=member("police", Role.LAW_ENFORCEMENT, None),
        )


@pytest.fixture
def north_people(north: Network) -> People:
    return _people(north)


@pytest.fixture
def lakeshore_people(lakeshore: Network) -> People:
    return _people(lakeshore)


@pytest.fixture
def outsider(db: None) -> User:
    return UserFactory.create(email="outsider@example.test")


@pytest.fixture(autouse=True)
def _no_mfa_exemptions(settings: pytest.FixtureRequest) -> None:
    # Tests see production's rule: nobody is spared MFA unless a test says so.
    settings.PORTAL_MFA_EXEMPT_EMAILS = []  # type: ignore[attr-defined]


@pytest.fixture
def mfa_exempt(settings: pytest.FixtureRequest) -> None:
    """Spare the test people MFA so a test can look at pages behind it."""
    settings.PORTAL_MFA_EXEMPT_EMAILS = [  # type: ignore[attr-defined]
        f"{role}@{slug}.test" for slug in NETWORK_SPECS for role in ("coordinator", "police")
    ]


def host_of(network: Network | None) -> str:
    return settings.PORTAL_DOMAIN if network is None else f"{network.slug}.{settings.PORTAL_DOMAIN}"


def client_for(network: Network | None, user: User | None = None) -> Client:
    """A browser-like client on a network's host (or the public site for None)."""
    client = Client(HTTP_HOST=host_of(network))
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def public_client(db: None) -> Client:
    public_site_ensure()
    return client_for(None)


@pytest.fixture
def live_db(transactional_db: None) -> Iterator[None]:
    """Committed data that another thread or process (live server, worker) can see.

    Django's flush only empties the public schema; the networks' own tables are emptied here
    and given back what their migrations put in.
    """
    yield
    # A request to a network's host leaves its schema active, and the flush that follows lists
    # the tables of the active schema: it must be the public one, or the flush would empty the
    # network's tables (its first pledge text too) instead of the public ones.
    use_public_schema()
    with connection.cursor() as cursor:
        for slug in NETWORK_SPECS:
            cursor.execute(
                "SELECT string_agg(format('%%I.%%I', schemaname, tablename), ', ') "
                "FROM pg_tables WHERE schemaname = %s "
                "AND tablename NOT IN ('django_migrations', 'django_content_type')",
                [slug],
            )
            tables = cursor.fetchone()[0]
            if tables:
                cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    # Put back the rows the migrations seed (the first pledge text), as a new network has.
    seed_first_version = importlib.import_module(
        "pledges.migrations.0002_first_pledge_version"
    ).first_version
    for slug in NETWORK_SPECS:
        with schema_context(slug):
            seed_first_version(django_apps, None)


__all__ = ["PASSWORD", "People", "client_for", "host_of"]


# --- The isolation crawler's summary line, whichever process ran the crawl ---------------------
# Under pytest-xdist the crawl runs in a worker while the controller, which may never load
# tests/security/conftest.py, writes the summary: each worker hands its counts over at the end.
_from_workers = {"patterns": 0, "roles": 0, "requests": 0}


def _crawled_here() -> dict[str, int]:
    module = sys.modules.get("tests.security.conftest")  # only where the crawl was collected
    return getattr(module, "STATS", {})


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["isolation_crawler"] = dict(_crawled_here())


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    counts = getattr(node, "workeroutput", {}).get("isolation_crawler", {})
    for key in ("patterns", "roles"):
        _from_workers[key] = max(_from_workers[key], counts.get(key, 0))
    _from_workers["requests"] += counts.get("requests", 0)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    counts = [_from_workers, _crawled_here()]
    requests = sum(count.get("requests", 0) for count in counts)
    if requests:
        patterns = max(count.get("patterns", 0) for count in counts)
        roles = max(count.get("roles", 0) for count in counts)
        terminalreporter.write_line(
            f"isolation crawler: {patterns} URL patterns, {roles} roles, {requests} requests"
        )


@pytest.fixture(autouse=True)
def _public_schema_first() -> None:
    # Every test starts on the public schema, whatever the previous one left active
    # (this only sets the search path for the next query; it does not touch the database).
    use_public_schema()


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # Rate-limit counters live in Redis; one test's failed logins must not throttle the next.
    # The in-memory page chrome too: a test may change settings its key does not hold.
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@dataclass
class Outbox:
    messages: list[Message]


class _Collector:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: object, session: object, envelope: Envelope) -> str:
        self.messages.append(message_from_bytes(envelope.original_content or b""))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_outbox(settings: pytest.FixtureRequest) -> Iterator[Outbox]:
    """A real SMTP server on localhost; Django's SMTP backend delivers to it."""
    collector = _Collector()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # type: ignore[attr-defined]
    settings.EMAIL_HOST = "127.0.0.1"  # type: ignore[attr-defined]
    settings.EMAIL_PORT = port  # type: ignore[attr-defined]
    settings.EMAIL_USE_TLS = False  # type: ignore[attr-defined]
    try:
        yield Outbox(messages=collector.messages)
    finally:
        controller.stop()


@pytest.fixture
def demo_settings(settings: Any, tmp_path: Path) -> Iterator[None]:
    """What `make seed` has (the local settings: debug on, the demo logins spared MFA), with
    the demo's photos in a temporary media folder."""
    from django.core.files.storage import default_storage

    from config.settings import local

    settings.DEBUG = True
    settings.PORTAL_MFA_EXEMPT_EMAILS = local.PORTAL_MFA_EXEMPT_EMAILS
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # The storage remembers its media root: forget it on the way in and on the way out.
    holders = (default_storage, getattr(default_storage, "_wrapped", None))

    def forget() -> None:
        for holder in holders:
            if holder is not None and hasattr(holder, "__dict__"):
                holder.__dict__.pop("relative_media_root", None)

    forget()
    yield
    forget()


@pytest.fixture
def celery_worker(live_db: None) -> Iterator[None]:
    """A real Celery worker thread consuming from Redis, with tasks no longer run eagerly."""
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    app.conf.task_always_eager = False
    # An idle worker waits on Redis up to brpop_timeout (1s by default) before it notices that
    # it is to stop; a shorter wait makes each stop quick and changes nothing a test looks at.
    transport_options = app.conf.broker_transport_options
    app.conf.broker_transport_options = {**transport_options, "polling_interval": 0.1}
    try:
        # The same queues as the Procfile's worker: alerts, default, render.
        with start_worker(
            app,
            pool="solo",
            perform_ping_check=False,
            shutdown_timeout=10,
            queues=["alerts", "default", "render"],
        ):
            yield
    finally:
        app.conf.task_always_eager = True
        app.conf.broker_transport_options = transport_options
        # Results (groups, chords) and retries (published from the worker's thread) leave
        # Redis sockets that only the garbage collector closes: collect them here, where
        # they belong, rather than let a later test trip over their ResourceWarning.
        app.backend.client.connection_pool.disconnect()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()
