"""The partner toolkit: previews and downloads of a store's badge, graphics and signs, for
the people of a store whose pledge is active and for coordinators; a 404 for everyone else."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from networks.access import network_member_required
from networks.models import Membership, Network
from pledges.models import Pledge
from toolkit.render import BADGE_SIZES, Language, Paper, sign_languages_default

from .access import toolkit_pledge_for, toolkit_pledge_of_own_store
from .forms import selection_from_query, selection_query, variant_from_query
from .models import ToolkitBundle
from .responses import serve_file
from .selectors import (
    GRAPHIC_ITEMS,
    ITEMS,
    SIGN_ITEMS,
    Item,
    ToolkitSource,
    Variant,
    bundle_for,
    bundle_key,
    bundle_restartable,
    download_filename,
    paper_default,
    toolkit_pledges,
    toolkit_source,
    variant_default,
)
from .services import (
    toolkit_bundle_request,
    toolkit_download_record,
    toolkit_file_ensure,
    toolkit_thumbnail_ensure,
)

Role = Membership.Role
TOOLKIT_ROLES = (Role.STORE_OWNER, Role.STORE_STAFF, Role.COORDINATOR)
LANGUAGE_NAMES: dict[str, Any] = dict(settings.LANGUAGES)
PAPER_NAMES = {"letter": _("US Letter"), "a4": _("A4")}


@dataclass
class _Toolkit:
    pledge: Pledge
    network: Network
    source: ToolkitSource
    default_langs: tuple[Language, ...]
    default_paper: Paper


def _toolkit(request: HttpRequest, store_id: int) -> _Toolkit:
    membership: Any = request.membership  # type: ignore[attr-defined]
    pledge = toolkit_pledge_for(membership=membership, store_id=store_id)
    network: Network = request.tenant  # type: ignore[attr-defined]
    return _Toolkit(
        pledge=pledge,
        network=network,
        source=toolkit_source(pledge=pledge, network=network),
        default_langs=sign_languages_default(country=network.country),
        default_paper=paper_default(network),
    )


def _variant(request: HttpRequest, kit: _Toolkit, item: str) -> Variant:
    return variant_from_query(
        item_slug=item,
        query=request.GET,
        default_lang=kit.default_langs[0],
        default_paper=kit.default_paper,
    )


@require_GET
@network_member_required(*TOOLKIT_ROLES)
def toolkit_home(request: HttpRequest) -> HttpResponse:
    """Store people go straight to their store's toolkit; coordinators pick a store."""
    membership: Any = request.membership  # type: ignore[attr-defined]
    pledge = toolkit_pledge_of_own_store(membership=membership)
    if pledge is not None:
        return redirect("toolkit_store", store_id=pledge.store_id)
    return render(request, "toolkit/home.html", {"pledges": toolkit_pledges()})


# --- The page --------------------------------------------------------------------------------


@dataclass
class _Link:
    label: Any
    url: str


@dataclass
class _Card:
    item: Item
    title: Any
    preview_url: str
    preview_size: tuple[int, int]
    note: Any = ""
    hint: Any = ""
    downloads: list[_Link] = field(default_factory=list)


def _url(name: str, store_id: int, item: str, variant: Variant) -> str:
    path = reverse(name, kwargs={"store_id": store_id, "item": item})
    query = "&".join(f"{key}={value}" for key, value in variant.query().items())
    return f"{path}?{query}"


# Width and height of each preview as shown (the thumbnails are twice that), for the layout.
_PREVIEW_SIZES = {
    "badge": (240, 240),
    "badge-svg": (240, 240),
    "social-square": (240, 240),
    "social-story": (135, 240),
    "social-link": (240, 126),
    "social-wide": (240, 135),
    "banner": (240, 40),
}
_SIGN_PREVIEW = {"letter": (186, 240), "a4": (170, 240)}
_SIGN_HINTS = {
    "window": _("Ink-saving, for home and office printers."),
    "window-full": _("Navy to the edge with a 3 mm bleed to trim: for a print shop."),
}


def _cards(store_id: int, langs: tuple[Language, ...], paper: Paper) -> dict[str, list[_Card]]:
    first = langs[0]
    graphics: list[_Card] = []
    for item in GRAPHIC_ITEMS:
        if item.slug == "badge-svg":
            continue
        variant = variant_default(item, lang=first, paper=paper)
        card = _Card(
            item=item,
            title=item.label,
            preview_url=_url("toolkit_preview", store_id, item.slug, variant),
            preview_size=_PREVIEW_SIZES[item.slug],
            note=item.dimensions,
        )
        if item.kind == "badge":
            for size in BADGE_SIZES:
                sized = Variant(item=item, lang=first, size=size)
                card.downloads.append(
                    _Link(f"PNG {size}", _url("toolkit_download", store_id, item.slug, sized))
                )
            svg = Variant(item=ITEMS["badge-svg"], lang=first)
            card.downloads.append(
                _Link("SVG", _url("toolkit_download", store_id, "badge-svg", svg))
            )
            card.note = _("Transparent PNG in three sizes, or SVG for any size.")
        else:
            card.downloads.append(
                _Link(_("Download PNG"), _url("toolkit_download", store_id, item.slug, variant))
            )
        graphics.append(card)
    signs: list[_Card] = []
    for lang in langs:
        for item in SIGN_ITEMS:
            variant = Variant(item=item, lang=lang, paper=paper)
            signs.append(
                _Card(
                    item=item,
                    title=item.label,
                    preview_url=_url("toolkit_preview", store_id, item.slug, variant),
                    preview_size=_SIGN_PREVIEW[paper],
                    note=f"{LANGUAGE_NAMES[lang]} · {PAPER_NAMES[paper]}",
                    hint=_SIGN_HINTS.get(item.sign or "", ""),
                    downloads=[
                        _Link(
                            _("Download PDF"),
                            _url("toolkit_download", store_id, item.slug, variant),
                        )
                    ],
                )
            )
    social = [card for card in graphics if card.item.kind == "social"]
    others = [card for card in graphics if card.item.kind != "social"]
    return {"badge": others[:1], "social": social, "email": others[1:], "signs": signs}


@require_GET
@network_member_required(*TOOLKIT_ROLES)
def toolkit_store(request: HttpRequest, store_id: int) -> HttpResponse:
    kit = _toolkit(request, store_id)
    langs, paper = selection_from_query(
        request.GET, default_langs=kit.default_langs, default_paper=kit.default_paper
    )
    store = kit.pledge.store
    bundle = bundle_for(
        store=store, key=bundle_key(source=kit.source, languages=langs, paper=paper)
    )
    return render(
        request,
        "toolkit/store.html",
        {
            "pledge": kit.pledge,
            "store": store,
            "cards": _cards(store.pk, langs, paper),
            "captions": [
                {"lang": lang, "name": LANGUAGE_NAMES[lang], "text": kit.source.caption(lang)}
                for lang in langs
            ],
            "langs": langs,
            "paper": paper,
            "language_choices": [(code, name, code in langs) for code, name in settings.LANGUAGES],
            "paper_choices": [(code, name, code == paper) for code, name in PAPER_NAMES.items()],
            "graphics_language": LANGUAGE_NAMES[langs[0]],
            "bundle": bundle,
            "bundle_open": bundle is not None and not bundle_restartable(bundle),
            "selection": selection_query(langs, paper),
            "verify_url": kit.source.verify_url,
        },
    )


# --- Files -----------------------------------------------------------------------------------


@require_GET
@network_member_required(*TOOLKIT_ROLES)
def toolkit_download(request: HttpRequest, store_id: int, item: str) -> HttpResponse:
    kit = _toolkit(request, store_id)
    store = kit.pledge.store
    if item == "all":
        return _bundle_download(request, kit)
    variant = _variant(request, kit, item)
    name = toolkit_file_ensure(source=kit.source, variant=variant)
    toolkit_download_record(
        store_id=store.pk, item=variant.item.slug, variant=variant.code, user_id=request.user.pk
    )
    return serve_file(
        request,
        name,
        content_type=variant.item.content_type,
        filename=download_filename(store_name=store.display_name, variant=variant),
    )


@require_GET
@network_member_required(*TOOLKIT_ROLES)
def toolkit_preview(request: HttpRequest, store_id: int, item: str) -> HttpResponse:
    kit = _toolkit(request, store_id)
    variant = _variant(request, kit, item)
    name = toolkit_thumbnail_ensure(source=kit.source, variant=variant)
    return serve_file(request, name, content_type="image/png")


# --- Download all ----------------------------------------------------------------------------


def _selection(query: Any, kit: _Toolkit) -> tuple[tuple[Language, ...], Paper]:
    return selection_from_query(
        query, default_langs=kit.default_langs, default_paper=kit.default_paper
    )


def _bundle_download(request: HttpRequest, kit: _Toolkit) -> HttpResponse:
    langs, paper = _selection(request.GET, kit)
    store = kit.pledge.store
    key = bundle_key(source=kit.source, languages=langs, paper=paper)
    bundle = bundle_for(store=store, key=key)
    if bundle is None or bundle.status != ToolkitBundle.Status.READY or not bundle.file_name:
        raise Http404
    variant_code = f"{'+'.join(langs)}-{paper}"
    toolkit_download_record(
        store_id=store.pk, item="all", variant=variant_code, user_id=request.user.pk
    )

    filename = (
        f"{slugify(store.display_name)[:60].strip('-') or 'store'}-toolkit-{variant_code}.zip"
    )
    return serve_file(request, bundle.file_name, content_type="application/zip", filename=filename)


@require_http_methods(["GET", "POST"])
@network_member_required(*TOOLKIT_ROLES)
def toolkit_all(request: HttpRequest, store_id: int) -> HttpResponse:
    """POST starts (or reuses) the ZIP of everything; GET shows its progress, then the link."""
    kit = _toolkit(request, store_id)
    store = kit.pledge.store
    if request.method == "POST":
        langs, paper = _selection(request.POST, kit)
        toolkit_bundle_request(
            store=store, source=kit.source, languages=langs, paper=paper, by_id=request.user.pk
        )
        path = reverse("toolkit_all", kwargs={"store_id": store.pk})
        return redirect(f"{path}?{selection_query(langs, paper)}")
    langs, paper = _selection(request.GET, kit)
    bundle = bundle_for(
        store=store, key=bundle_key(source=kit.source, languages=langs, paper=paper)
    )
    open_ = bundle is not None and not bundle_restartable(bundle)
    ready = open_ and bundle is not None and bundle.status == ToolkitBundle.Status.READY
    return render(
        request,
        "toolkit/bundle.html",
        {
            "store": store,
            "bundle": bundle,
            "running": open_ and not ready,
            "ready": ready,
            "langs": langs,
            "paper": paper,
            "languages_label": ", ".join(str(LANGUAGE_NAMES[lang]) for lang in langs),
            "paper_label": PAPER_NAMES[paper],
            "selection": selection_query(langs, paper),
        },
    )
