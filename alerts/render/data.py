"""What the printed calling tree is drawn from: plain values, already translated and
formatted (times in the network's zone, phone numbers as people dial them)."""

from __future__ import annotations

from dataclasses import dataclass

from incidents.render.data import Paper


@dataclass(frozen=True, slots=True)
class CallLine:
    order: int  # in this volunteer's list, from 1
    name: str
    store_name: str
    phone: str
    phone_is_store: bool = False
    unreached: bool = False  # no email or text message reached them: called first


@dataclass(frozen=True, slots=True)
class VolunteerSheet:
    number: int
    lines: tuple[CallLine, ...]


@dataclass(frozen=True, slots=True)
class CallingTreeData:
    language: str
    paper: Paper
    network_name: str
    movement_name: str
    alert_number: int
    headline: str
    severity: str  # translated label
    severity_key: str  # Alert.Severity value, for the banner's colour
    follow_up_of: str  # the headline of the alert this one updates, or ""
    sent: str
    occurred: str
    place: str
    say: str  # what to tell people: the text message, else the headline
    generated: str
    zone_name: str
    sheets: tuple[VolunteerSheet, ...]
    calls: int
    unreached: int
    acknowledged: int
