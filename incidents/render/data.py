"""What the printed incident documents are drawn from: plain values, already translated,
formatted (times in the network's zone, amounts in its currency) and cut to what the reader
may see. `build.py` makes them from the models; the renderers read nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Paper = Literal["letter", "a4"]


@dataclass(frozen=True, slots=True)
class Picture:
    """A still or thumbnail as the bytes read from storage (None when there is no image to
    show: the page shows a placeholder in its place)."""

    data: bytes | None
    caption: str = ""
    label: str = ""  # what it is ("Photo or still", "Video clip"), for the placeholder


@dataclass(frozen=True, slots=True)
class Detail:
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class SuspectBlock:
    position: int
    details: tuple[Detail, ...]
    is_thin: bool = False


@dataclass(frozen=True, slots=True)
class VehicleBlock:
    position: int
    plate: str  # with "(partial)" and the region when known
    description: str  # colour, make, model, body
    details: tuple[Detail, ...]


@dataclass(frozen=True, slots=True)
class ItemLine:
    position: int
    description: str
    category: str
    quantity: int
    identifiers: tuple[Detail, ...]
    unit_value: str | None = None  # None: left out (redacted) or unknown ("" in the table)
    line_total: str | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: str
    what: str
    who: str = ""  # empty when staff names are left out
    note: str = ""


@dataclass(frozen=True, slots=True)
class IncidentBlock:
    number: int
    kind: str
    store_name: str
    started: str
    ended: str
    location: str  # "Inside the store — by the watch counter"
    summary: str
    narrative: str
    method: str
    facts: tuple[Detail, ...]  # the short key/value table (police, suspects, injuries...)
    suspects: tuple[SuspectBlock, ...] = ()
    vehicles: tuple[VehicleBlock, ...] = ()
    items: tuple[ItemLine, ...] = ()
    loss_total: str | None = None  # None when redacted
    internal_notes: str | None = None  # None when redacted
    logged_by: str | None = None  # None when redacted
    voided: str = ""  # "Voided on … : reason" when voided
    timeline: tuple[TimelineEntry, ...] = ()
    pictures: tuple[Picture, ...] = ()
    redacted: bool = False


@dataclass(frozen=True, slots=True)
class PacketData:
    """The police and insurer packet of one incident."""

    language: str
    paper: Paper
    network_name: str
    store_name: str
    store_address: tuple[str, ...]
    generated: str
    zone_name: str
    currency: str
    incident: IncidentBlock

    @property
    def redacted(self) -> bool:
        return self.incident.redacted


@dataclass(frozen=True, slots=True)
class LogbookData:
    """A logbook for a police review over a period: a cover, then one block per incident."""

    language: str
    paper: Paper
    network_name: str
    store_name: str | None  # None: several stores
    period: str
    generated: str
    zone_name: str
    currency: str
    incidents: tuple[IncidentBlock, ...] = field(default=())
    loss_total: str | None = None  # None when any incident's losses are left out

    @property
    def redacted_count(self) -> int:
        return sum(1 for block in self.incidents if block.redacted)
