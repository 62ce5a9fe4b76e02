"""Reads for the public site: the partner count and wall, verification codes, the network finder.

Everything here reads the public schema only (PartnerListing, Network), so no page of the
public site ever opens a network's own schema.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from networks.models import Network
from networks.selectors import network_list

from .models import PartnerListing, PledgeStatus
from .services import CODE_ALPHABET

# The wall shows this many names at most; the count above it is always the full number.
PARTNER_WALL_SIZE = 120
# Longer input cannot be a code or a place name; it is dropped before any work is done.
MAX_QUERY_LENGTH = 100


# --- Partners --------------------------------------------------------------------------------


def partner_listings() -> QuerySet[PartnerListing]:
    """Active partners of active networks: who counts as a partner on the public site."""
    return PartnerListing.objects.filter(status=PledgeStatus.ACTIVE, network__is_active=True)


def partner_count() -> int:
    return partner_listings().count()


def partner_wall(*, limit: int | None = None) -> list[PartnerListing]:
    """Active partners that chose to be shown publicly, oldest partners first."""
    listed = partner_listings().filter(listed_publicly=True).select_related("network")
    ordered = listed.order_by("partner_since", "display_name", "pk")
    return list(ordered[: limit or PARTNER_WALL_SIZE])


def landing_partner_context() -> dict[str, object]:
    """What templates/pledges/public/_partners.html needs, for the landing page's context."""
    wall = partner_wall()
    listed_total = partner_listings().filter(listed_publicly=True).count()
    return {
        "partner_count": partner_count(),
        "partner_wall": wall,
        "partner_wall_more": max(listed_total - len(wall), 0),
    }


# --- Verification ----------------------------------------------------------------------------

_CODE_CHARS = frozenset(CODE_ALPHABET)


def verification_code_normalise(raw: str) -> str | None:
    """ "abcd efgh", "ABCD-EFGH", "abcdefgh" and full-width letters all give "ABCD-EFGH";
    anything that cannot be a code gives None."""
    if not raw or len(raw) > MAX_QUERY_LENGTH:
        return None
    folded = unicodedata.normalize("NFKC", raw).upper()
    bare = "".join(ch for ch in folded if ch.isalnum())
    if len(bare) != 8 or not set(bare) <= _CODE_CHARS:
        return None
    return f"{bare[:4]}-{bare[4:]}"


def listing_for_code(code: str) -> PartnerListing | None:
    """The listing holding this (normalised) code, whatever its state."""
    return PartnerListing.objects.select_related("network").filter(verification_code=code).first()


NETWORK_CLOSED = "network_closed"


def verification_status(listing: PartnerListing) -> str:
    """The pledge's status as the verification page tells it; an active pledge of a network
    that has closed is not vouched for."""
    if listing.status == PledgeStatus.ACTIVE and not listing.network.is_active:
        return NETWORK_CLOSED
    return listing.status


# --- Network finder --------------------------------------------------------------------------


# Names for the countries networks are likely to be in; any other code shows as itself.
COUNTRY_NAMES = {"US": _("United States"), "CA": _("Canada"), "MX": _("Mexico")}


def country_name(code: str) -> str:
    return str(COUNTRY_NAMES.get(code, code))


def _fold(text: str) -> str:
    """Lower case, without accents or punctuation, one space between words: "Montréal" and
    "Tri-County" give "montreal" and "tri county"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(re.split(r"\W+", bare)).strip()


def _starts_a_word(words: str, text: str) -> bool:
    # "beach" finds "Long Beach" and "jewel" finds "Jewellers", but "on" does not find
    # "Toronto": a search box is read from the start of words.
    return f" {words}" in f" {_fold(text)}"


def _postal(text: str) -> str:
    """A postal code as its letters and digits only, upper case: "m5a 3c4" gives "M5A3C4"."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalnum()).upper()


@dataclass(frozen=True)
class _Term:
    words: str
    postal: str


def _terms(query: str) -> list[_Term]:
    # "Long Beach, CA" is two terms, and a network must match both.
    terms = []
    for part in re.split(r"[,;]", query[:MAX_QUERY_LENGTH]):
        words = _fold(part)
        if words:
            # Only a term with a digit is read as a postal code, so that "Mississauga" does
            # not match a network whose prefixes include "M".
            postal = _postal(part) if any(ch.isdigit() for ch in part) else ""
            terms.append(_Term(words=words, postal=postal))
    return terms


def _matches(network: Network, term: _Term) -> bool:
    if _starts_a_word(term.words, network.name) or _starts_a_word(term.words, network.region):
        return True
    if term.words == network.country.casefold():
        return True
    if _starts_a_word(term.words, country_name(network.country)):
        return True
    if any(_starts_a_word(term.words, city) for city in network.cities):
        return True
    if term.postal:
        prefixes = (_postal(prefix) for prefix in network.postal_prefixes)
        return any(prefix and term.postal.startswith(prefix) for prefix in prefixes)
    return False


def network_countries() -> list[str]:
    """The countries that have at least one active network, for the finder's filter."""
    return sorted(set(network_list().values_list("country", flat=True)) - {""})


def network_search(*, query: str = "", country: str = "") -> list[Network]:
    """Active networks matching every comma-separated part of `query` (name, region, country
    code, a city, or a postal code by prefix), within `country` if given.

    Matching runs in Python: there are tens of networks, not millions, and folding accents
    and postal codes is clearer here than in SQL.
    """
    networks = network_list()
    country = country.strip().upper()
    if country:
        networks = networks.filter(country=country)
    terms = _terms(query)
    return [n for n in networks if all(_matches(n, term) for term in terms)]
