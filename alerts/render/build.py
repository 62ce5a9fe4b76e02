"""From an alert and its calling tree to the plain data the printed tree draws."""

from __future__ import annotations

import datetime as dt

import phonenumbers
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format

from incidents.render.build import WHEN_FORMAT, paper_for
from networks.models import Network

from ..calling_tree import Call, CallingTree
from ..models import Alert
from .data import CallingTreeData, CallLine, VolunteerSheet


def dialled(phone: str, *, country: str) -> str:
    """A number as people dial it: national within the network's country, international
    otherwise; as it was typed when it cannot be read."""
    if not phone:
        return ""
    try:
        number = phonenumbers.parse(phone, country.upper() or None)
    except phonenumbers.NumberParseException:
        return phone
    if not phonenumbers.is_possible_number(number):
        return phone
    same_country = phonenumbers.region_code_for_number(number) == country.upper()
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if same_country
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def _line(call: Call, *, order: int, country: str) -> CallLine:
    return CallLine(
        order=order,
        name=call.name,
        store_name=call.store_name,
        phone=dialled(call.phone, country=country),
        phone_is_store=call.phone_is_store,
        unreached=call.unreached,
    )


def _when(moment: dt.datetime | None, zone: dt.tzinfo) -> str:
    return "" if moment is None else date_format(moment.astimezone(zone), WHEN_FORMAT)


def calling_tree_data(
    *, alert: Alert, tree: CallingTree, network: Network, language: str | None = None
) -> CallingTreeData:
    language = language or network.language or "en"
    zone = network.zone
    parent = alert.parent if alert.parent_id is not None else None
    with translation.override(language):
        sheets = tuple(
            VolunteerSheet(
                number=number,
                lines=tuple(
                    _line(call, order=order, country=network.country)
                    for order, call in enumerate(share, start=1)
                ),
            )
            for number, share in enumerate(tree.volunteers, start=1)
        )
        return CallingTreeData(
            language=language,
            paper=paper_for(network),
            network_name=network.name,
            movement_name=settings.PORTAL_NAME,
            alert_number=alert.pk,
            headline=alert.headline,
            severity=str(alert.get_severity_display()),
            severity_key=str(alert.severity),
            follow_up_of=parent.headline if parent is not None else "",
            sent=_when(alert.sent_at, zone),
            occurred=_when(alert.occurred_at, zone),
            place=alert.place,
            say=alert.sms_text.strip() or alert.headline,
            generated=_when(timezone.now(), zone),
            zone_name=str(network.timezone),
            sheets=sheets,
            calls=len(tree.calls),
            unreached=sum(1 for call in tree.calls if call.unreached),
            acknowledged=tree.acknowledged,
        )
