"""Background work for pledges: mail about a pledge's state, and building a new network.
Thin: each task loads by id and calls a service."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from config.celery import network_task, platform_task
from networks.mail import mail_send
from networks.models import Membership
from networks.schemas import current_network
from networks.templatetags.portal import network_origin, public_origin

from .models import NetworkRequest, Pledge
from .network_requests import network_request_build


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
        mail_send(
            template="pledge_status", context=context, to=[signer.email], language=network.language
        )
    if pledge.status == Pledge.Status.PENDING and network.requires_pledge_approval:
        coordinator_ids = Membership.objects.filter(
            role=Membership.Role.COORDINATOR, is_active=True
        ).values_list("user_id", flat=True)
        emails = list(
            User.objects.filter(pk__in=list(coordinator_ids)).values_list("email", flat=True)
        )
        if emails:
            mail_send(
                template="pledge_to_review", context=context, to=emails, language=network.language
            )


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
    mail_send(
        template="network_request_status",
        context=context,
        to=[request.organiser_email],
        language=settings.LANGUAGE_CODE,
    )


@platform_task(name="pledges.network_request_provision")
def network_request_provision(*, request_id: int) -> None:
    """Build the network an admin approved (pledges.network_requests does the work)."""
    if network_request_build(request_id=request_id):
        transaction.on_commit(lambda: network_request_notify.delay(request_id=request_id))
