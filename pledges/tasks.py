"""Background work for pledges: mail about a pledge's state, and building a new network."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from config.celery import network_task, platform_task
from networks.models import Membership, Network
from networks.schemas import current_network
from networks.tasks import one_line
from networks.templatetags.portal import network_origin, public_origin

from .models import NetworkRequest, Pledge

logger = logging.getLogger(__name__)


def _mail(template: str, context: dict[str, object], to: list[str], language: str) -> None:
    with translation.override(language):
        subject = one_line(render_to_string(f"emails/{template}_subject.txt", context))
        body = render_to_string(f"emails/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


@network_task(name="pledges.pledge_notify")
def pledge_notify(*, pledge_id: int) -> None:
    """Tell the store what just happened to its pledge; tell coordinators what awaits them."""
    from accounts.models import User

    network = current_network()
    pledge = Pledge.objects.select_related("store", "version").filter(pk=pledge_id).first()
    if pledge is None:
        return
    event = pledge.events.order_by("-at", "-id").first()
    origin = network_origin(network)
    context = {
        "network": network,
        "pledge": pledge,
        "event": event,
        "store_url": f"{origin}/store/",
        "pledge_url": f"{origin}/pledges/{pledge.pk}/",
        "verify_url": f"{public_origin()}/verify/{pledge.verification_code}/",
    }
    signer = User.objects.filter(pk=pledge.signed_by_id).first()
    if signer is not None:
        _mail("pledge_status", context, [signer.email], network.language)
    if pledge.status == Pledge.Status.PENDING and network.requires_pledge_approval:
        coordinator_ids = Membership.objects.filter(
            role=Membership.Role.COORDINATOR, is_active=True
        ).values_list("user_id", flat=True)
        emails = list(
            User.objects.filter(pk__in=list(coordinator_ids)).values_list("email", flat=True)
        )
        if emails:
            _mail("pledge_to_review", context, emails, network.language)


@platform_task(name="pledges.network_request_notify")
def network_request_notify(*, request_id: int) -> None:
    """Tell the organiser the decision: declined (with the reason) or their network is ready.
    The invitation to coordinate it is a separate email, from the network itself."""
    request = NetworkRequest.objects.select_related("network").filter(pk=request_id).first()
    if request is None or request.status not in (
        NetworkRequest.Status.DECLINED,
        NetworkRequest.Status.READY,
    ):
        return
    context = {
        "network_request": request,
        "public_url": public_origin(),
        "network_url": network_origin(request.network) + "/" if request.network else "",
    }
    _mail("network_request_status", context, [request.organiser_email], settings.LANGUAGE_CODE)


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

    from .network_requests import cities_from_text

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


@platform_task(name="pledges.network_request_provision")
def network_request_provision(*, request_id: int) -> None:
    """Build the network an admin approved, reporting progress the admin's page shows.

    Safe to run again: after a crash it goes on from where it stopped (the network is not
    created twice, the organiser not invited twice), and on a request that is not being set
    up (already ready, declined) it does nothing. Two workers never build one request at once.
    """
    with _advisory_lock(f"network_request_provision:{request_id}") as mine:
        if not mine:
            return
        request = (
            NetworkRequest.objects.select_related("network")
            .filter(pk=request_id, status=NetworkRequest.Status.PROVISIONING)
            .first()
        )
        if request is None:
            return
        try:
            _provision(request)
        except (ProvisionError, ValidationError) as error:
            reason = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            _failed(request_id, reason)
            return
        except Exception:
            logger.exception("Provisioning network request %s failed", request_id)
            _failed(request_id, _("The worker's log has the details. You can try again."))
            return
        ready = NetworkRequest.objects.filter(
            pk=request_id, status=NetworkRequest.Status.PROVISIONING
        ).update(status=NetworkRequest.Status.READY, progress=100, progress_note=_("Ready"))
    if ready == 1:
        transaction.on_commit(lambda: network_request_notify.delay(request_id=request_id))
