"""Requests to start a network (public schema): create, decline, approve, retry, and the reads
the platform admins' pages need.

Approval hands the building of the network to pledges.tasks.network_request_provision.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_exists

from networks.models import Network
from networks.services import RESERVED_SLUGS, SLUG_RE, schema_for_slug

from .models import NetworkRequest
from .services import PledgeError, notify_on_commit

if TYPE_CHECKING:
    from accounts.models import User

Status = NetworkRequest.Status

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


def _one_line(text: str) -> str:
    # Names end up in email subjects, where a line break is refused.
    return " ".join(text.split())


def network_request_slug_check(slug: str) -> str:
    """The address (slug) a request may ask for, normalised; ValidationError otherwise."""
    slug = slug.strip().lower()
    if slug in RESERVED_SLUGS:
        raise ValidationError(_("This address is reserved. Choose another."), code="reserved")
    if not SLUG_RE.match(slug):
        raise ValidationError(
            _(
                "Use 3 to 40 lowercase letters, digits or hyphens, starting with a letter "
                "and ending with a letter or digit."
            ),
            code="invalid",
        )
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
        organiser_name=_one_line(organiser_name),
        organiser_email=organiser_email.strip(),
        organiser_phone=_one_line(organiser_phone),
        network_name=_one_line(network_name),
        slug=slug,
        country=country.strip().upper(),
        region=_one_line(region),
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
