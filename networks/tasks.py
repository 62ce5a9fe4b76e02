"""Mail about memberships, sent by the worker in the network's own schema."""

from config.celery import network_task

from .mail import mail_send
from .models import Invitation
from .schemas import current_network
from .templatetags.portal import network_origin


@network_task(name="networks.invitation_send")
def invitation_send(*, invitation_id: int, token: str) -> None:
    network = current_network()
    invitation = Invitation.objects.select_related("store").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at or invitation.revoked_at:
        return
    mail_send(
        template="invitation",
        context={
            "network": network,
            "invitation": invitation,
            "accept_url": f"{network_origin(network)}/join/{token}/",
        },
        to=[invitation.email],
        language=network.language,
    )
