"""Reads for the toolkit: what each item is, what a store's toolkit is drawn from, content
keys, the stores a coordinator can open, and the ZIP job for a selection.

Everything here is pure or a read; storing files and counting downloads are in services.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from networks.models import Network, Store
from networks.schemas import current_schema
from networks.templatetags.portal import public_origin
from pledges.models import PartnerListing, Pledge, PledgeStatus
from toolkit.render import (
    BADGE_SIZES,
    LANGUAGES,
    PAPERS,
    RENDER_VERSION,
    SOCIAL_FORMATS,
    Language,
    Paper,
    PartnerArtwork,
    SignKind,
    SocialFormat,
    social_caption,
)

from .models import ToolkitBundle

logger = logging.getLogger(__name__)

# A bundle job that has not moved for this long is taken to be lost and may be restarted.
BUNDLE_STALE_AFTER = timedelta(minutes=10)

# Bump when the serving side changes what a file holds (names inside the ZIP, thumbnails):
# every content key changes with it, so nothing stale is ever served.
TEMPLATE_VERSION = "1"

ItemKind = Literal["badge", "badge_svg", "social", "banner", "sign"]


@dataclass(frozen=True, slots=True)
class Item:
    slug: str
    kind: ItemKind
    label: str | Promise
    ext: str
    content_type: str
    params: frozenset[str]
    social: SocialFormat | None = None
    sign: SignKind | None = None

    @property
    def dimensions(self) -> str:
        if self.social:
            width, height = SOCIAL_FORMATS[self.social]
            return f"{width} \u00d7 {height}"
        if self.kind == "banner":
            return "600 \u00d7 100"
        return ""


_IMAGE = frozenset({"lang"})
_SIGN = frozenset({"lang", "paper"})
PDF = "application/pdf"
ITEMS: dict[str, Item] = {
    item.slug: item
    for item in (
        Item("badge", "badge", _("Badge"), "png", "image/png", frozenset({"size", "lang"})),
        Item("badge-svg", "badge_svg", _("Badge (SVG)"), "svg", "image/svg+xml", _IMAGE),
        Item("social-square", "social", _("Square post"), "png", "image/png", _IMAGE, "square"),
        Item("social-story", "social", _("Story"), "png", "image/png", _IMAGE, "story"),
        Item("social-link", "social", _("Link card"), "png", "image/png", _IMAGE, "link"),
        Item("social-wide", "social", _("Wide banner"), "png", "image/png", _IMAGE, "wide"),
        Item("banner", "banner", _("Email signature"), "png", "image/png", _IMAGE),
        Item("sign-window", "sign", _("Window sign"), "pdf", PDF, _SIGN, sign="window"),
        Item(
            "sign-window-full",
            "sign",
            _("Window sign, full colour"),
            "pdf",
            PDF,
            _SIGN,
            sign="window-full",
        ),
        Item("sign-counter", "sign", _("Counter card"), "pdf", PDF, _SIGN, sign="counter"),
        Item("sign-poster", "sign", _("Staff-room poster"), "pdf", PDF, _SIGN, sign="poster"),
    )
}
SIGN_ITEMS = tuple(item for item in ITEMS.values() if item.kind == "sign")
GRAPHIC_ITEMS = tuple(item for item in ITEMS.values() if item.kind != "sign")
DEFAULT_BADGE_SIZE = 512


@dataclass(frozen=True, slots=True)
class Variant:
    """One file of the toolkit: an item in one size, language and paper."""

    item: Item
    lang: Language
    size: int | None = None
    paper: Paper | None = None

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(f"unknown language {self.lang!r}")
        if (self.size is not None) != (self.item.kind == "badge"):
            raise ValueError(f"size does not fit {self.item.slug}")
        if self.size is not None and self.size not in BADGE_SIZES:
            raise ValueError(f"unknown badge size {self.size}")
        if (self.paper is not None) != (self.item.kind == "sign"):
            raise ValueError(f"paper does not fit {self.item.slug}")
        if self.paper is not None and self.paper not in PAPERS:
            raise ValueError(f"unknown paper {self.paper!r}")

    @property
    def code(self) -> str:
        """ "512-en", "letter-fr", "en": for file names and the download counter."""
        return "-".join(str(part) for part in (self.size, self.paper, self.lang) if part)

    def query(self) -> dict[str, str]:
        params: dict[str, str] = {"lang": self.lang}
        if self.size is not None:
            params["size"] = str(self.size)
        if self.paper is not None:
            params["paper"] = self.paper
        return params


def variant_default(item: Item, *, lang: Language, paper: Paper) -> Variant:
    return Variant(
        item=item,
        lang=lang,
        size=DEFAULT_BADGE_SIZE if item.kind == "badge" else None,
        paper=paper if item.kind == "sign" else None,
    )


# --- What is drawn ---------------------------------------------------------------------------

_logo_digests: dict[tuple[str, str], str] = {}
_LOGO_DIGESTS_MAX = 4096


def logo_digest(name: str) -> str:
    """SHA-256 of a stored logo, read once per process: stored files are never overwritten
    (a new logo gets a new name), so the name within its schema stands for the bytes."""
    if not name:
        return ""
    memo_key = (current_schema(), name)
    digest = _logo_digests.get(memo_key)
    if digest is None:
        try:
            with default_storage.open(name, "rb") as stored:
                digest = hashlib.sha256(stored.read()).hexdigest()
        except OSError:
            return "missing"
        if len(_logo_digests) >= _LOGO_DIGESTS_MAX:
            _logo_digests.clear()
        _logo_digests[memo_key] = digest
    return digest


@dataclass(frozen=True, slots=True)
class ToolkitSource:
    """Everything a store's toolkit is drawn from, as plain values (see toolkit.selectors)."""

    display_name: str
    network_name: str
    partner_since_year: int
    verification_code: str
    verify_url: str
    logo_name: str = ""
    logo_sha: str = ""

    def artwork(self, language: Language, *, with_logo: bool = True) -> PartnerArtwork:
        logo_png = None
        if with_logo and self.logo_name:
            try:
                with default_storage.open(self.logo_name, "rb") as stored:
                    logo_png = stored.read()
            except OSError:
                logger.warning("Logo %s is missing; drawing without it", self.logo_name)
        return PartnerArtwork(
            display_name=self.display_name,
            network_name=self.network_name,
            partner_since_year=self.partner_since_year,
            verification_code=self.verification_code,
            verify_url=self.verify_url,
            logo_png=logo_png,
            language=language,
        )

    def caption(self, language: Language) -> str:
        return social_caption(art=self.artwork(language, with_logo=False), language=language)


def content_key(source: ToolkitSource, variant: Variant, *, purpose: str = "file") -> str:
    parts = (
        TEMPLATE_VERSION,
        RENDER_VERSION,
        purpose,
        variant.item.slug,
        str(variant.size or ""),
        variant.lang,
        variant.paper or "",
        source.display_name,
        source.network_name,
        str(source.partner_since_year),
        source.verification_code,
        source.verify_url,
        source.logo_sha,
    )
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def storage_name(key: str, ext: str, *, folder: str = "toolkit") -> str:
    return f"{folder}/{key[:2]}/{key}.{ext}"


def download_filename(*, store_name: str, variant: Variant) -> str:
    """ASCII only: "maison-laurent-joaillerie-sign-window-letter-fr.pdf"."""
    store = slugify(store_name)[:60].strip("-") or "store"
    return f"{store}-{variant.item.slug}-{variant.code}.{variant.item.ext}"


# --- Where a toolkit comes from --------------------------------------------------------------


def verify_url(code: str) -> str:
    """The verification page as printed and encoded in QR codes: built from settings, not
    from the request, so that every request (and the worker) draws the same thing."""
    return f"{public_origin()}/verify/{code}/"


def toolkit_source(*, pledge: Pledge, network: Network) -> ToolkitSource:
    store = pledge.store
    since = pledge.activated_at or pledge.signed_at
    logo_name = store.logo.name or ""
    return ToolkitSource(
        display_name=store.display_name,
        network_name=network.name,
        partner_since_year=since.year,
        verification_code=pledge.verification_code,
        verify_url=verify_url(pledge.verification_code),
        logo_name=logo_name,
        logo_sha=logo_digest(logo_name),
    )


def listing_source(*, listing: PartnerListing) -> ToolkitSource:
    """The public badge of a verification page: the listing's name, no logo (the public
    schema never opens a network's files)."""
    since = listing.partner_since or listing.updated_at
    return ToolkitSource(
        display_name=listing.display_name,
        network_name=listing.network.name,
        partner_since_year=since.year,
        verification_code=listing.verification_code,
        verify_url=verify_url(listing.verification_code),
    )


def network_language(network: Network) -> Language:
    for language in LANGUAGES:
        if network.language == language:
            return language
    return "en"


def paper_default(network: Network) -> Paper:
    return "letter" if network.country.upper() in ("US", "CA", "MX") else "a4"


def toolkit_pledges() -> QuerySet[Pledge]:
    """Stores whose pledge is active, for the coordinator's list."""
    return (
        Pledge.objects.filter(status=PledgeStatus.ACTIVE)
        .select_related("store")
        .order_by("store__display_name", "pk")
    )


def active_pledge_of_store(*, store_id: int) -> Pledge | None:
    return (
        Pledge.objects.select_related("store")
        .filter(store_id=store_id, status=PledgeStatus.ACTIVE)
        .first()
    )


# --- Download all ----------------------------------------------------------------------------


def bundle_members(
    *, languages: tuple[Language, ...], paper: Paper
) -> list[tuple[str, Variant | None]]:
    """(name inside the ZIP, variant) for every file; None stands for the captions file of the
    language named in the path. Graphics come in the first language, signs in each."""
    first = languages[0]
    members: list[tuple[str, Variant | None]] = []
    for size in BADGE_SIZES:
        members.append((f"badge/badge-{size}.png", Variant(ITEMS["badge"], first, size=size)))
    members.append(("badge/badge.svg", Variant(ITEMS["badge-svg"], first)))
    for item in GRAPHIC_ITEMS:
        if item.kind == "social" and item.social is not None:
            width, height = SOCIAL_FORMATS[item.social]
            members.append((f"social/{item.social}-{width}x{height}.png", Variant(item, first)))
    for lang in languages:
        members.append((f"social/caption-{lang}.txt", None))
    members.append(("email/signature-banner-600x100.png", Variant(ITEMS["banner"], first)))
    for lang in languages:
        for item in SIGN_ITEMS:
            name = f"signs/{item.sign}-{paper}-{lang}.pdf"
            members.append((name, Variant(item, lang, paper=paper)))
    return members


def bundle_key(*, source: ToolkitSource, languages: tuple[Language, ...], paper: Paper) -> str:
    digest = hashlib.sha256(f"bundle\0{TEMPLATE_VERSION}".encode())
    for name, variant in bundle_members(languages=languages, paper=paper):
        key = (
            content_key(source, variant) if variant else content_key(source, caption_variant(name))
        )
        digest.update(f"\0{name}={key}".encode())
    return digest.hexdigest()


def caption_variant(name: str) -> Variant:
    lang = name.rsplit("-", 1)[1].removesuffix(".txt")
    return Variant(ITEMS["social-square"], lang)  # type: ignore[arg-type]


def bundle_for(*, store: Store, key: str) -> ToolkitBundle | None:
    return ToolkitBundle.objects.filter(store=store, key=key).first()


def bundle_restartable(bundle: ToolkitBundle) -> bool:
    """Failed, lost (no progress for a while) or ready with its file gone: ask again."""
    Status = ToolkitBundle.Status
    if bundle.status == Status.FAILED:
        return True
    if bundle.status == Status.READY:
        return not bundle.file_name or not default_storage.exists(bundle.file_name)
    return bundle.updated_at < timezone.now() - BUNDLE_STALE_AFTER
