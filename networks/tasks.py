"""Mail about memberships, sent by the worker in the network's own schema."""

from config.celery import network_task

from .mail import mail_send
from .schemas import current_network
from .selectors import invitation_sender
from .services import invitation_link_issue
from .templatetags.portal import network_origin


@network_task(name="networks.invitation_send")
def invitation_send(*, invitation_id: int) -> None:
    """Mail the invitation. Its token is made here, so the link never sits in the broker."""
    network = current_network()
    issued = invitation_link_issue(invitation_id=invitation_id)
    if issued is None:
        return
    invitation, token = issued
    inviter = invitation_sender(invitation=invitation)
    mail_send(
        template="invitation",
        context={
            "network": network,
            "invitation": invitation,
            # What the sender typed about themselves and their store is their claim, and the
            # email says so; only the portal's own facts are told in its voice.
            "inviter_name": inviter.get_full_name() if inviter is not None else "",
            "inviter_email": inviter.email if inviter is not None else "",
            "accept_url": f"{network_origin(network)}/join/{token}/",
        },
        to=[invitation.email],
        language=network.language,
    )
