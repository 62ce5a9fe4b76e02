"""The words an alert goes out with, filled from its eight details by its severity's template:
`message` (email and portal) and `sms_text`. The sender may change both afterwards; "fill
from details" writes them again.

The text message keeps to one segment where it can: after the headline, time and place,
each further detail goes in only while the whole still fits (alerts.sms_segments), and it
keeps to the GSM-7 alphabet of its own accord (plain hyphens, no typographic dashes).
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from incidents.models import IncidentType

from . import sms_segments
from .models import Alert, Severity

SMS_MAX = 1000  # Alert.sms_text
MESSAGE_MAX = 6000  # Alert.message


def severity_word(severity: str) -> str:
    """How a message opens: loud for urgent alerts, plain for the rest."""
    return (
        {
            Severity.URGENT: _("URGENT"),
            Severity.ADVISORY: _("Advisory"),
            Severity.UPDATE: _("Update"),
            Severity.ALL_CLEAR: _("All clear"),
        }.get(Severity(severity), "")
        if severity in Severity.values
        else ""
    )


def closing_line(severity: str) -> str:
    return (
        {
            Severity.URGENT: _(
                "If you see these people or this vehicle, do not intervene: call the police "
                "first, then tell the coordinator."
            ),
            Severity.ADVISORY: _(
                "Please share this with everyone on the floor and tell the coordinator if you "
                "see anything like it."
            ),
            Severity.UPDATE: _("This updates an earlier alert; the rest of it still stands."),
            Severity.ALL_CLEAR: _(
                "The situation is over: no further action is needed. Thank you for staying alert."
            ),
        }.get(Severity(severity), "")
        if severity in Severity.values
        else ""
    )


def when_text(occurred_at: dt.datetime | None, zone: dt.tzinfo, *, short: bool) -> str:
    if occurred_at is None:
        return ""
    local = timezone.localtime(occurred_at, zone)
    return formats.date_format(local, "j M H:i" if short else "D j M Y, H:i")


def type_text(crime_type: str) -> str:
    return str(IncidentType(crime_type).label) if crime_type in IncidentType.values else ""


def detail_lines(alert: Alert, zone: dt.tzinfo) -> list[tuple[str, str]]:
    """The eight details that have something in them, labelled, in the movement's order."""
    lines = [
        (_("When"), when_text(alert.occurred_at, zone, short=False)),
        (_("Where"), alert.place),
        (_("Type of crime"), type_text(alert.crime_type)),
        (
            _("Number of suspects"),
            "" if alert.suspect_count is None else str(alert.suspect_count),
        ),
        (_("Suspects"), alert.suspects),
        (_("Method"), alert.method),
        (_("Property taken"), alert.property_taken),
        (_("Vehicle"), alert.vehicle),
    ]
    return [(label, value.strip()) for label, value in lines if value and value.strip()]


def fill_message(alert: Alert, zone: dt.tzinfo) -> str:
    parts = [f"{severity_word(alert.severity)}: {alert.headline.strip()}".strip(": "), ""]
    for label, value in detail_lines(alert, zone):
        if "\n" in value:
            parts.extend([f"{label}:", value, ""])
        else:
            parts.append(f"{label}: {value}")
    parts.extend(["", closing_line(alert.severity)])
    text = "\n".join(parts)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()[:MESSAGE_MAX]


def _one_line(value: str, limit: int) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "..."


def _sentence(text: str) -> str:
    """`text` ending as a sentence: one full stop, never after a cut-short "..."."""
    return text if text.endswith((".", "!", "?")) else f"{text}."


def fill_sms(alert: Alert, zone: dt.tzinfo) -> str:
    """The headline, what, when and where, then details while one segment holds them. The
    severity is not repeated: the sender (alerts.messages) opens every text with it."""
    headline = _one_line(alert.headline, 100).rstrip(".")
    kind = type_text(alert.crime_type)
    where = [
        _one_line(part, 60)
        for part in (
            "" if kind.lower() in headline.lower() else kind,
            when_text(alert.occurred_at, zone, short=True),
            alert.place,
        )
        if part
    ]
    text = _sentence(headline) if headline else ""
    if where:
        text = f"{text} {_sentence(', '.join(where))}".strip()
    extras: list[str] = []
    if alert.suspect_count:
        extras.append(_("%(count)s suspect(s).") % {"count": alert.suspect_count})
    if alert.vehicle.strip():
        extras.append(_("Vehicle: %(vehicle)s.") % {"vehicle": _one_line(alert.vehicle, 80)})
    if alert.suspects.strip():
        extras.append(_("Suspects: %(who)s.") % {"who": _one_line(alert.suspects, 100)})
    for extra in extras:
        candidate = f"{text} {extra}".strip()
        if sms_segments.count(candidate).segments <= 1:
            text = candidate
    return text[:SMS_MAX]


def fill(alert: Alert, zone: dt.tzinfo) -> tuple[str, str]:
    """(message, sms_text) from the alert's severity, headline and details."""
    return fill_message(alert, zone), fill_sms(alert, zone)
