"""Requests to start a network (public schema): create, decline, approve, retry, and the reads
the platform admins' pages need.

Approval hands the building of the network to a task (pledges.tasks), which runs
`network_request_build` here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tenants.utils import schema_exists

from networks.mail import one_line
from networks.models import Membership, Network
from networks.services import network_slug_check, schema_for_slug

from .models import NetworkRequest
from .services import PledgeError, notify_on_commit

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

Status = NetworkRequest.Status

SLUG_MIN_LENGTH, SLUG_MAX_LENGTH = 3, 40  # as networks.services.SLUG_RE

# A request holding one of these states keeps its address for itself.
OPEN_STATES = frozenset({Status.PENDING, Status.PROVISIONING})


def cities_from_text(text: str) -> list[str]:
    """ "Long Beach, Pasadena; Santa Monica" as three cities, each once, in the given order."""
    cities: list[str] = []
    for part in re.split(r"[,;\n]", text):
        city = " ".join(part.split())[:100]
        if city and city.casefold() not in {c.casefold() for c in cities}:
            cities.append(city)
    return cities


def network_slug_suggest(name: str) -> str:
    """A web address made from a network's name: "Réseau des bijoutiers de l'Estrie" gives
    "reseau-des-bijoutiers-de-lestrie", cut at a word to fit 40 characters. Empty when the
    name has no Latin letters to make one from."""
    words = slugify(name.replace("_", " ")).replace("_", "-").split("-")
    slug = ""
    for word in (word for word in words if word):
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_MAX_LENGTH:
            break
        slug = candidate
    if not slug and words:
        slug = "".join(words)[:SLUG_MAX_LENGTH]
    # An address starts with a letter: "3 Rivers Jewelers" becomes "rivers-jewelers".
    slug = slug.lstrip("-0123456789").strip("-")
    return slug if len(slug) >= SLUG_MIN_LENGTH else ""


def network_slug_availability(*, slug: str) -> tuple[str, str]:
    """For the request form's live check: the address, normalised, and "" if it can be asked
    for, or the reason it cannot."""
    if not slug.strip():
        return "", _("Choose a web address for the network.")
    try:
        return network_request_slug_check(slug), ""
    except ValidationError as error:
        return slug.strip().lower()[:SLUG_MAX_LENGTH], " ".join(error.messages)


def network_request_slug_check(slug: str) -> str:
    """The address (slug) a request may ask for, normalised; ValidationError otherwise."""
    slug = network_slug_check(slug)
    schema = schema_for_slug(slug)
    if (
        schema == settings.TENANT_BASE_SCHEMA
        or schema.startswith("pg_")
        or Network.objects.filter(slug=slug).exists()
        or schema_exists(schema)
    ):
        raise ValidationError(_("This address is already taken."), code="taken")
    if NetworkRequest.objects.filter(slug=slug, status__in=OPEN_STATES).exists():
        raise ValidationError(
            _("Someone has already asked for a network at this address; it awaits a decision."),
            code="requested",
        )
    return slug


@transaction.atomic
def network_request_create(
    *,
    organiser_name: str,
    organiser_email: str,
    network_name: str,
    slug: str,
    country: str,
    expected_members: int,
    organiser_phone: str = "",
    region: str = "",
    cities: str = "",
    message: str = "",
) -> NetworkRequest:
    """A new request, waiting for the platform admins. ValidationError if anything is off."""
    slug = slug.strip().lower()
    # Two people asking for the same address at the same moment: the second waits here and
    # then sees the first one's request.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"network_request:{slug}"])
    try:
        slug = network_request_slug_check(slug)
    except ValidationError as error:
        raise ValidationError({"slug": error.messages}) from error
    request = NetworkRequest(
        organiser_name=one_line(organiser_name),
        organiser_email=organiser_email.strip(),
        organiser_phone=one_line(organiser_phone),
        network_name=one_line(network_name),
        slug=slug,
        country=country.strip().upper(),
        region=one_line(region),
        cities=", ".join(cities_from_text(cities)),
        expected_members=expected_members,
        message=message.strip(),
    )
    request.full_clean()
    request.save()
    return request


def _locked(request: NetworkRequest) -> NetworkRequest:
    return NetworkRequest.objects.select_for_update().get(pk=request.pk)


@transaction.atomic
def network_request_decline(*, request: NetworkRequest, by: User, reason: str) -> NetworkRequest:
    """Say no, with a reason the organiser reads in their email."""
    locked = _locked(request)
    if locked.status != Status.PENDING:
        raise PledgeError(_("This request has already been decided."))
    if not reason.strip():
        raise ValidationError({"reason": _("Tell the organiser why.")})
    locked.status = Status.DECLINED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.decline_reason = reason.strip()
    locked.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    notify_on_commit("network_request_notify", request_id=locked.pk)
    return locked


@transaction.atomic
def network_request_approve(*, request: NetworkRequest, by: User) -> NetworkRequest:
    """Approve now; the network itself is built by a background task that reports progress."""
    claimed = NetworkRequest.objects.filter(pk=request.pk, status=Status.PENDING).update(
        status=Status.PROVISIONING,
        decided_by=by,
        decided_at=timezone.now(),
        progress=5,
        progress_note=_("Queued"),
    )
    if claimed != 1:
        raise PledgeError(_("This request has already been decided."))
    notify_on_commit("network_request_provision", request_id=request.pk)
    return NetworkRequest.objects.get(pk=request.pk)


@transaction.atomic
def network_request_retry(*, request: NetworkRequest, by: User) -> NetworkRequest:
    """Start the building of an approved network again after it failed; it picks up where it
    stopped (pledges.tasks.network_request_provision is safe to run twice)."""
    claimed = NetworkRequest.objects.filter(pk=request.pk, status=Status.FAILED).update(
        status=Status.PROVISIONING, progress=5, progress_note=_("Queued again")
    )
    if claimed != 1:
        raise PledgeError(_("Only a request whose set-up failed can be tried again."))
    notify_on_commit("network_request_provision", request_id=request.pk)
    return NetworkRequest.objects.get(pk=request.pk)


# --- Reads for the platform admins' pages ----------------------------------------------------


def network_request_list(*, status: str = "") -> QuerySet[NetworkRequest]:
    requests = NetworkRequest.objects.select_related("network", "decided_by")
    if status:
        requests = requests.filter(status=status)
    return requests.order_by("-created_at", "-pk")


def network_request_counts() -> dict[str, int]:
    """How many requests are in each state (every state present, zero if none)."""
    rows = NetworkRequest.objects.values("status").annotate(n=Count("pk")).order_by()
    counts = {value: 0 for value in Status.values}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def network_request_for_admin(*, request_id: int) -> NetworkRequest:
    """One request, for a platform admin (the view's decorator has checked who asks)."""
    request = (
        NetworkRequest.objects.select_related("network", "decided_by").filter(pk=request_id).first()
    )
    if request is None:
        raise Http404
    return request


# --- Building an approved network (run by pledges.tasks) --------------------------------


class ProvisionError(Exception):
    """A reason the network cannot be built that an admin must act on; shown on their page."""


def _progress(request_id: int, percent: int, note: str, status: str | None = None) -> None:
    fields: dict[str, object] = {"progress": percent, "progress_note": note[:200]}
    if status is not None:
        fields["status"] = status
    NetworkRequest.objects.filter(pk=request_id).update(**fields)


def _failed(request_id: int, reason: str) -> None:
    # The bar stays where the work stopped; the note says why.
    note = _("Set-up failed: %(reason)s") % {"reason": reason}
    NetworkRequest.objects.filter(pk=request_id).update(
        status=NetworkRequest.Status.FAILED, progress_note=note[:200]
    )


@contextmanager
def _advisory_lock(key: str) -> Iterator[bool]:
    """A PostgreSQL session lock: True if this process holds it, False if another one does.
    It dies with the connection, so a worker that crashes never leaves it behind."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(hashtext(%s))", [key])
        held = bool(cursor.fetchone()[0])
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [key])


def _provision(request: NetworkRequest) -> None:
    from django_tenants.utils import schema_context

    from networks.models import Invitation
    from networks.services import invitation_create, network_create

    network = request.network
    if network is None:
        # The network and the request's link to it are committed together: a run that
        # crashes after this block finds the network here and goes on from it.
        if Network.objects.filter(slug=request.slug).exists():
            raise ProvisionError(
                _("A network at this address already exists. Decline this request instead.")
            )
        _progress(request.pk, 20, _("Creating the network and copying its database schema"))
        with transaction.atomic():
            network = network_create(
                name=request.network_name,
                slug=request.slug,
                country=request.country,
                region=request.region,
                contact_email=request.organiser_email,
            )
            network.cities = cities_from_text(request.cities)
            Network.objects.filter(pk=network.pk).update(cities=network.cities)
            NetworkRequest.objects.filter(pk=request.pk).update(
                network=network, progress=60, progress_note=_("Network created")
            )

    _progress(request.pk, 70, _("Inviting the organiser as coordinator"))
    with schema_context(network.schema_name):
        invited = Invitation.objects.filter(
            email__iexact=request.organiser_email, role=Membership.Role.COORDINATOR
        ).exists()
        if not invited:
            invitation_create(
                email=request.organiser_email, role=Membership.Role.COORDINATOR, by=None
            )


def network_request_build(*, request_id: int) -> bool:
    """Build the network an admin approved, reporting progress the admin's page shows; True
    when it became ready (and the organiser should hear so).

    Safe to run again: after a crash it goes on from where it stopped (the network is not
    created twice, the organiser not invited twice), and on a request that is not being set
    up (already ready, declined) it does nothing. Two workers never build one request at once.
    """
    with _advisory_lock(f"network_request_provision:{request_id}") as mine:
        if not mine:
            return False
        request = (
            NetworkRequest.objects.select_related("network")
            .filter(pk=request_id, status=Status.PROVISIONING)
            .first()
        )
        if request is None:
            return False
        try:
            _provision(request)
        except (ProvisionError, ValidationError) as error:
            reason = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            _failed(request_id, reason)
            return False
        except Exception:
            logger.exception("Provisioning network request %s failed", request_id)
            _failed(request_id, _("The worker's log has the details. You can try again."))
            return False
        ready = NetworkRequest.objects.filter(pk=request_id, status=Status.PROVISIONING).update(
            status=Status.READY, progress=100, progress_note=_("Ready")
        )
    return ready == 1
