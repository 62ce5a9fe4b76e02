"""Serving the toolkit: rendering each file once into storage, thumbnails, counting
downloads, and building the "Download all" ZIP.

Rendering is toolkit.render's job (pure functions); here every rendered file is stored under
its content key (toolkit.selectors.content_key), `toolkit/<key[:2]>/<key>.<ext>` in the
network's own media folder (default_storage is tenant-aware), so a repeat download is a file
read, never a render. The key covers everything drawn: TEMPLATE_VERSION, the render version,
item, size, language, paper, store name, network name, code, verification URL, year and the
logo's hash: a new name, logo or template version gives a new file.
"""

from __future__ import annotations

import io
import logging
import threading
import zipfile
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from PIL import Image

from networks.closure import network_open_required
from networks.models import Store
from networks.schemas import current_network
from toolkit.render import (
    BADGE_SIZES,
    Language,
    Paper,
    render_badge_png,
    render_badge_svg,
    render_banner_png,
    render_sign_pdf,
    render_social_png,
)

from .models import ToolkitBundle, ToolkitDownload
from .selectors import (
    ITEMS,
    ToolkitSource,
    Variant,
    active_pledge_of_store,
    bundle_key,
    bundle_members,
    bundle_restartable,
    caption_variant,
    content_key,
    storage_name,
    toolkit_source,
)

logger = logging.getLogger(__name__)

THUMBNAIL_SIDE = 480


# --- Rendering into storage ------------------------------------------------------------------


def render_variant(*, source: ToolkitSource, variant: Variant) -> bytes:
    item = variant.item
    art = source.artwork(variant.lang)
    if item.kind == "badge" and variant.size is not None:
        return render_badge_png(art=art, size=variant.size)
    if item.kind == "badge_svg":
        return render_badge_svg(art=art).encode()
    if item.kind == "social" and item.social is not None:
        return render_social_png(art=art, format=item.social)
    if item.kind == "banner":
        return render_banner_png(art=art)
    if item.kind == "sign" and item.sign is not None and variant.paper is not None:
        return render_sign_pdf(art=art, kind=item.sign, paper=variant.paper, language=variant.lang)
    raise ValueError(f"nothing renders {variant}")


def _stored(name: str, produce: Callable[[], bytes]) -> str:
    """`name` in storage, produced only if it is not there yet."""
    if default_storage.exists(name):
        return name
    saved = default_storage.save(name, ContentFile(produce()))
    if saved != name:  # a concurrent request stored the same content first
        default_storage.delete(saved)
    return name


def toolkit_file_ensure(*, source: ToolkitSource, variant: Variant) -> str:
    """The storage name of this variant, rendered on the first call only."""
    network_open_required()
    name = storage_name(content_key(source, variant), variant.item.ext)
    return _stored(name, lambda: render_variant(source=source, variant=variant))


_pdfium_lock = threading.Lock()  # PDFium is not thread-safe


def _pdf_first_page(pdf: bytes, side: int) -> Image.Image:
    import pypdfium2

    with _pdfium_lock:
        document = pypdfium2.PdfDocument(pdf)
        try:
            page = document[0]
            width, height = page.get_size()
            bitmap = page.render(scale=side / max(width, height))
            image: Image.Image = bitmap.to_pil().convert("RGB")
            page.close()
        finally:
            document.close()
    return image


def _thumbnail(*, source: ToolkitSource, variant: Variant) -> bytes:
    if variant.item.kind == "badge_svg":
        variant = Variant(item=ITEMS["badge"], lang=variant.lang, size=BADGE_SIZES[0])
    with default_storage.open(toolkit_file_ensure(source=source, variant=variant), "rb") as f:
        data = f.read()
    if variant.item.kind == "sign":
        image = _pdf_first_page(data, THUMBNAIL_SIDE)
    else:
        with Image.open(io.BytesIO(data), formats=["PNG"]) as opened:
            image = opened.copy()
        image.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def toolkit_thumbnail_ensure(*, source: ToolkitSource, variant: Variant) -> str:
    """A small PNG preview of the variant (the first page of a PDF), stored like the files."""
    network_open_required()
    key = content_key(source, variant, purpose=f"thumbnail-{THUMBNAIL_SIDE}")
    name = storage_name(key, "png", folder="toolkit/thumbnails")
    return _stored(name, lambda: _thumbnail(source=source, variant=variant))


# --- Downloads -------------------------------------------------------------------------------


def toolkit_download_record(*, store_id: int, item: str, variant: str, user_id: int | None) -> None:
    network_open_required()
    ToolkitDownload.objects.create(store_id=store_id, item=item, variant=variant, user_id=user_id)


# --- Download all ----------------------------------------------------------------------------


@transaction.atomic
def toolkit_bundle_request(
    *,
    store: Store,
    source: ToolkitSource,
    languages: tuple[Language, ...],
    paper: Paper,
    by_id: int | None,
) -> ToolkitBundle:
    """The ZIP job for this content: reused if it exists, (re)started if new, failed or lost."""
    network_open_required()
    key = bundle_key(source=source, languages=languages, paper=paper)
    fields = {"languages": ",".join(languages), "paper": paper, "requested_by_id": by_id}
    try:
        with transaction.atomic():
            bundle, created = ToolkitBundle.objects.get_or_create(
                store=store, key=key, defaults=fields
            )
    except IntegrityError:  # the same request from another tab, a moment earlier
        bundle, created = ToolkitBundle.objects.get(store=store, key=key), False
    if not created:
        if not bundle_restartable(bundle):
            return bundle
        restarted = ToolkitBundle.objects.filter(
            pk=bundle.pk, status=bundle.status, updated_at=bundle.updated_at
        ).update(status=ToolkitBundle.Status.QUEUED, progress=0, updated_at=timezone.now())
        if restarted != 1:
            return bundle
        bundle.refresh_from_db()
    from .tasks import toolkit_bundle_build

    bundle_id = bundle.pk
    transaction.on_commit(lambda: toolkit_bundle_build.delay(bundle_id=bundle_id))
    return bundle


def toolkit_bundle_build(*, bundle_id: int) -> None:
    """Build a queued bundle: claimed by a conditional update, so a repeat run does nothing."""
    network_open_required()
    Status = ToolkitBundle.Status
    claimed = ToolkitBundle.objects.filter(pk=bundle_id, status=Status.QUEUED).update(
        status=Status.RUNNING, progress=0, updated_at=timezone.now()
    )
    if claimed != 1:
        return
    bundle = ToolkitBundle.objects.select_related("store").get(pk=bundle_id)
    try:
        name = _bundle_write(bundle, _current_source(bundle.store))
    except Exception:
        ToolkitBundle.objects.filter(pk=bundle_id).update(
            status=Status.FAILED, updated_at=timezone.now()
        )
        raise
    ToolkitBundle.objects.filter(pk=bundle_id).update(
        status=Status.READY, progress=100, file_name=name, updated_at=timezone.now()
    )


def _current_source(store: Store) -> ToolkitSource | None:
    pledge = active_pledge_of_store(store_id=store.pk)
    return None if pledge is None else toolkit_source(pledge=pledge, network=current_network())


class BundleOutdated(Exception):
    """The store changed (or lost its active pledge) between the request and the build."""


def _bundle_write(bundle: ToolkitBundle, source: ToolkitSource | None) -> str:
    languages = tuple(bundle.languages.split(","))
    paper = bundle.paper
    if source is None or bundle_key(source=source, languages=languages, paper=paper) != bundle.key:  # type: ignore[arg-type]
        raise BundleOutdated(bundle.pk)
    members = bundle_members(languages=languages, paper=paper)  # type: ignore[arg-type]
    files: list[tuple[str, str | bytes]] = []
    for done, (arcname, variant) in enumerate(members, start=1):
        if variant is None:
            lang = caption_variant(arcname).lang
            files.append((arcname, source.caption(lang).encode()))
        else:
            files.append((arcname, toolkit_file_ensure(source=source, variant=variant)))
        ToolkitBundle.objects.filter(pk=bundle.pk).update(
            progress=min(99, done * 100 // (len(members) + 1)), updated_at=timezone.now()
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for arcname, content in files:
            if isinstance(content, bytes):
                archive.writestr(arcname, content)
            else:
                with default_storage.open(content, "rb") as stored:
                    archive.writestr(arcname, stored.read())
    name = storage_name(bundle.key, "zip", folder="toolkit/bundles")
    return _stored(name, buffer.getvalue)
