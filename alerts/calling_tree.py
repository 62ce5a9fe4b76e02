"""Who to ring about a sent alert, and which volunteer rings whom: the printed calling tree.

Members no email or text message reached are called first (nothing sent to them on those
channels, or all of it failed), then everyone else who has not acknowledged yet, each group in
the alert's calling order. Whoever acknowledged (in the portal, from a link) needs no call.
Law-enforcement contacts and webhooks are not on the tree: it is members ringing members.

The list is dealt out to the volunteers in turn (1, 2, 3, 1, 2, 3, ...) rather than cut into
blocks, so that every volunteer starts with one of the most urgent calls.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from .models import Alert, Channel, Delivery, Recipient

MIN_VOLUNTEERS = 1
MAX_VOLUNTEERS = 10
DEFAULT_VOLUNTEERS = 3
DIGITAL_CHANNELS = (Channel.EMAIL, Channel.SMS)


@dataclass(frozen=True, slots=True)
class Call:
    recipient_id: int
    position: int  # in the whole tree, from 1
    name: str
    store_name: str
    phone: str  # the member's own, else their store's; "" when neither is known
    phone_is_store: bool
    unreached: bool  # no email or text message reached them


@dataclass(frozen=True, slots=True)
class CallingTree:
    calls: tuple[Call, ...]
    volunteers: tuple[tuple[Call, ...], ...]  # one list per volunteer, empty ones left out
    acknowledged: int  # members who acknowledged, so are not on the tree


def volunteers_count(raw: str | None) -> int:
    """The `?volunteers=` of the request, kept within 1..10; the default for anything else."""
    try:
        wanted = int(raw or "")
    except ValueError:
        return DEFAULT_VOLUNTEERS
    return max(MIN_VOLUNTEERS, min(MAX_VOLUNTEERS, wanted))


def calls_for(*, alert: Alert) -> list[Call]:
    """Every member of `alert` still to be called, in the order they are to be called."""
    reached = Delivery.objects.filter(
        recipient=OuterRef("pk"),
        channel__in=DIGITAL_CHANNELS,
        status=Delivery.Status.SENT,
    )
    members = (
        Recipient.objects.filter(
            alert=alert, kind=Recipient.Kind.MEMBER, acknowledged_at__isnull=True
        )
        .select_related("store")
        .annotate(reached=Exists(reached))
        .order_by("reached", "call_order", "id")
    )
    calls = []
    for position, recipient in enumerate(members, start=1):
        store = recipient.store
        store_phone = store.phone if store is not None else ""
        calls.append(
            Call(
                recipient_id=recipient.pk,
                position=position,
                name=recipient.name or recipient.email,
                store_name=store.display_name if store is not None else "",
                phone=recipient.phone or store_phone,
                phone_is_store=not recipient.phone and bool(store_phone),
                unreached=not recipient.reached,
            )
        )
    return calls


def calling_tree(*, alert: Alert, volunteers: int) -> CallingTree:
    """The calls of `alert` dealt out to `volunteers` people (kept within 1..10)."""
    count = max(MIN_VOLUNTEERS, min(MAX_VOLUNTEERS, volunteers))
    calls = calls_for(alert=alert)
    dealt = tuple(tuple(calls[start::count]) for start in range(count))
    acknowledged = Recipient.objects.filter(
        alert=alert, kind=Recipient.Kind.MEMBER, acknowledged_at__isnull=False
    ).count()
    return CallingTree(
        calls=tuple(calls),
        volunteers=tuple(share for share in dealt if share),
        acknowledged=acknowledged,
    )
