"""Mail about memberships, sent by the worker in the network's own schema."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from config.celery import network_task

from .models import Invitation, Network
from .templatetags.portal import network_origin


@network_task(name="networks.invitation_send")
def invitation_send(*, invitation_id: int, token: str) -> None:
    from django.db import connection

    network: Network = connection.tenant  # type: ignore[attr-defined]
    invitation = Invitation.objects.select_related("store").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at or invitation.revoked_at:
        return
    context = {
        "network": network,
        "invitation": invitation,
        "accept_url": f"{network_origin(network)}/join/{token}/",
    }
    with translation.override(network.language):
        subject = render_to_string("emails/invitation_subject.txt", context).strip()
        body = render_to_string("emails/invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
