"""How many text messages (segments) a text costs, and in which encoding it travels.

A text goes as GSM-7 when every character is in the GSM 03.38 alphabet: 160 characters in
one message, 153 per part once it must be split (the rest carries the header that joins the
parts). The extension table ({ } [ ] ~ \\ ^ | € and the form feed) takes two places each, and
an escaped pair is never split between two parts. One character outside the alphabet (an
emoji, most accented capitals, curly quotes) turns the whole text into UCS-2: 70 UTF-16
units in one message, 67 per part, and a surrogate pair (an emoji) is never split either.
"""

from __future__ import annotations

from dataclasses import dataclass

GSM7 = "GSM-7"
UCS2 = "UCS-2"

GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = frozenset("\f^{}\\[~]|€")

LIMITS = {GSM7: (160, 153), UCS2: (70, 67)}


@dataclass(frozen=True, slots=True)
class SmsCount:
    encoding: str  # GSM7 or UCS2
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int
    single_limit: int  # what fits in one message in this encoding
    # Units left in the last segment before the text needs another one.
    remaining: int

    @property
    def is_multipart(self) -> bool:
        return self.segments > 1


def encoding_of(text: str) -> str:
    return GSM7 if all(c in GSM_BASIC or c in GSM_EXTENDED for c in text) else UCS2


def _costs(text: str, encoding: str) -> list[int]:
    if encoding == GSM7:
        return [2 if c in GSM_EXTENDED else 1 for c in text]
    return [2 if ord(c) > 0xFFFF else 1 for c in text]


def count(text: str) -> SmsCount:
    """The encoding, length and number of segments of `text`."""
    encoding = encoding_of(text)
    single, part = LIMITS[encoding]
    costs = _costs(text, encoding)
    units = sum(costs)
    if units <= single:
        segments = 0 if units == 0 else 1
        return SmsCount(encoding, units, segments, single, single - units)
    # Filled part by part: a character that does not fit whole starts the next part.
    segments, used = 1, 0
    for cost in costs:
        if used + cost > part:
            segments += 1
            used = 0
        used += cost
    return SmsCount(encoding, units, segments, single, part - used)
