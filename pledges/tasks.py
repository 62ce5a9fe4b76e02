"""Background work for pledges: mail about a pledge's state, and building a new network."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from config.celery import network_task, platform_task
from networks.models import Membership, Network
from networks.templatetags.portal import network_origin, public_origin

from .models import NetworkRequest, Pledge

logger = logging.getLogger(__name__)


def _mail(template: str, context: dict[str, object], to: list[str], language: str) -> None:
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"emails/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


@network_task(name="pledges.pledge_notify")
def pledge_notify(*, pledge_id: int) -> None:
    """Tell the store what just happened to its pledge; tell coordinators what awaits them."""
    from accounts.models import User

    network: Network = connection.tenant  # type: ignore[attr-defined]
    pledge = Pledge.objects.select_related("store").filter(pk=pledge_id).first()
    if pledge is None:
        return
    event = pledge.events.order_by("-at", "-id").first()
    origin = network_origin(network)
    context = {
        "network": network,
        "pledge": pledge,
        "event": event,
        "store_url": f"{origin}/store/",
        "pledges_url": f"{origin}/pledges/",
        "verify_url": f"{public_origin()}/verify/{pledge.verification_code}/",
    }
    signer = User.objects.filter(pk=pledge.signed_by_id).first()
    if signer is not None:
        _mail("pledge_status", context, [signer.email], network.language)
    if pledge.status == Pledge.Status.PENDING:
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
    request = NetworkRequest.objects.filter(pk=request_id).first()
    if request is None:
        return
    _mail(
        "network_request_status",
        {"request": request, "public_url": public_origin()},
        [request.organiser_email],
        settings.LANGUAGE_CODE,
    )


def _progress(request_id: int, percent: int, note: str, status: str | None = None) -> None:
    fields: dict[str, object] = {"progress": percent, "progress_note": note}
    if status is not None:
        fields["status"] = status
    NetworkRequest.objects.filter(pk=request_id).update(**fields)


@platform_task(name="pledges.network_request_provision")
def network_request_provision(*, request_id: int) -> None:
    """Build the network an admin approved, reporting progress the admin's page shows."""
    from django_tenants.utils import schema_context

    from networks.services import invitation_create, network_create

    request = NetworkRequest.objects.filter(
        pk=request_id, status=NetworkRequest.Status.PROVISIONING
    ).first()
    if request is None:
        return
    try:
        network = Network.objects.filter(slug=request.slug).first()
        if network is None:
            _progress(request_id, 20, _("Creating the network's own database schema"))
            network = network_create(
                name=request.network_name,
                slug=request.slug,
                country=request.country,
                region=request.region,
                contact_email=request.organiser_email,
            )
            cities = [c.strip() for c in request.cities.split(",") if c.strip()]
            if cities:
                Network.objects.filter(pk=network.pk).update(cities=cities)
        NetworkRequest.objects.filter(pk=request_id).update(network=network)
        _progress(request_id, 70, _("Inviting the organiser as coordinator"))
        with schema_context(network.schema_name):
            invitation_create(
                email=request.organiser_email, role=Membership.Role.COORDINATOR, by=None
            )
        _progress(request_id, 100, _("Ready"), NetworkRequest.Status.READY)
    except Exception:
        logger.exception("Provisioning network request %s failed", request_id)
        _progress(request_id, 100, _("Set-up failed; see the worker's log."), "failed")
        raise
    network_request_notify.delay(request_id=request_id)
