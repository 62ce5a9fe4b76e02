"""Mail about memberships, sent by the worker in the network's own schema."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from config.celery import network_task

from .models import Invitation
from .schemas import current_network
from .templatetags.portal import network_origin


def one_line(text: str) -> str:
    """A subject line: a store's name must never break the mail headers."""
    return " ".join(text.split())


@network_task(name="networks.invitation_send")
def invitation_send(*, invitation_id: int, token: str) -> None:
    network = current_network()
    invitation = Invitation.objects.select_related("store").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at or invitation.revoked_at:
        return
    context = {
        "network": network,
        "invitation": invitation,
        "accept_url": f"{network_origin(network)}/join/{token}/",
    }
    with translation.override(network.language):
        subject = one_line(render_to_string("emails/invitation_subject.txt", context))
        body = render_to_string("emails/invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
