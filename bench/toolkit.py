"""Toolkit rendering: badge, social square and window sign, beside bare Pillow and WeasyPrint.

    make bench-toolkit
    # or: DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/toolkit.py

In one run: p50 and p95 of a 1024 px badge PNG, a 1080 x 1080 social graphic and a Letter
window sign PDF (light, and full colour); a bare Pillow draw of a 1080 x 1080 canvas with the
same text and a bare WeasyPrint render of a one-paragraph page, so the ratios hold on a noisy
machine; and the cached download through the Django view (a Letter window sign, already
rendered), beside a hello-world view through the same client and middleware, in a throwaway
network of its own that the run creates and drops.
Targets (from the toolkit issue): square graphic p50 <= 1.3 x the bare Pillow baseline, sign PDF
p50 <= 250 ms, cached download p95 <= 10 ms.
"""

from __future__ import annotations

import io
import logging
import os
import sys
import tempfile
import types
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on sys.path, and this file's name would hide the
# toolkit app: the project root goes first instead.
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()
for _logger in ("weasyprint", "weasyprint.progress"):  # its progress log is for the CLI
    logging.getLogger(_logger).setLevel(logging.ERROR)

from PIL import Image, ImageDraw  # noqa: E402
from weasyprint import HTML  # noqa: E402

from bench.common import figure, p50, p95, report, timings_ms  # noqa: E402
from toolkit.fonts import SANS, SANS_BOLD, pillow_font  # noqa: E402
from toolkit.render import (  # noqa: E402
    PartnerArtwork,
    render_badge_png,
    render_sign_pdf,
    render_social_png,
)
from toolkit.render.artwork import NAVY  # noqa: E402
from toolkit.render.social import LAYOUTS, text_blocks  # noqa: E402
from toolkit.render.text import ASCENT, LEADING  # noqa: E402

BENCH = "toolkit"
RUNS = 50
SQUARE_RATIO = 1.3
SIGN_P50_MS = 250.0
DOWNLOAD_P95_MS = 10.0
DOWNLOAD_RUNS = 200

ART = PartnerArtwork(
    display_name="Maison Laurent Joaillerie",
    network_name="Southern California Jewelers Network",
    partner_since_year=2024,
    verification_code="7KQ4-MZ3P",
    verify_url="https://partners.example/verify/7KQ4-MZ3P/",
    language="en",
)
PARAGRAPH = (
    "<p>Jewelers pledge to stay vigilant, log every suspicious incident and share what they "
    "see with the other stores of their area and the police, within minutes.</p>"
)


def bare_square() -> Callable[[], bytes]:
    """The same lines at the same sizes and places, drawn on a plain canvas: no fitting, no
    fallback, no background, no mark."""
    items = []
    for block, _ in text_blocks(ART, LAYOUTS["square"]):
        fitted = block.fit()
        font = pillow_font(SANS_BOLD if block.bold else SANS, fitted.size)
        x, y = block.box[0], block.box[1]
        for i, line in enumerate(fitted.lines):
            baseline = y + fitted.size * (ASCENT + LEADING * i)
            items.append(((x, baseline), line.text, font, block.fill))

    def draw() -> bytes:
        image = Image.new("RGB", (1080, 1080), NAVY)
        canvas = ImageDraw.Draw(image)
        for position, text, font, fill in items:
            canvas.text(position, text, font=font, fill=fill, anchor="ls")
        out = io.BytesIO()
        image.save(out, "PNG")
        return out.getvalue()

    return draw


def bare_weasyprint() -> bytes:
    pdf: bytes = HTML(string=PARAGRAPH).write_pdf()
    return pdf


@dataclass
class _Throwaway:
    network: Any
    store_id: int
    user: Any


def _throwaway_network() -> _Throwaway:
    """A network of its own (schema cloned from the template, unique slug) with one store, its
    active pledge and its owner; removed again by `_drop`."""
    from django.utils import timezone
    from django_tenants.utils import schema_context

    from accounts.models import User
    from networks.models import Membership, Store
    from networks.services import network_create, public_site_ensure, template_schema_ensure
    from pledges.models import Pledge
    from pledges.services import current_version, verification_code_new

    public_site_ensure()
    template_schema_ensure()
    slug = f"bench-{uuid.uuid4().hex[:10]}"
    network = network_create(name="Bench Jewelers Network", slug=slug, country="US")
    user = User.objects.create_user(email=f"owner@{slug}.test", password=uuid.uuid4().hex)
    with schema_context(network.schema_name):
        store = Store.objects.create(
            legal_name="Maison Laurent LLC",
            display_name="Maison Laurent Joaillerie",
            address_line1="1 Bench Street",
            city="Long Beach",
            country="US",
            identity_key=f"bench {slug}",
        )
        Membership.objects.create(user=user, role=Membership.Role.STORE_OWNER, store=store)
        now = timezone.now()
        Pledge.objects.create(
            store=store,
            version=current_version(),
            status=Pledge.Status.ACTIVE,
            verification_code=verification_code_new(),
            signed_by_id=user.pk,
            signature_name="Bench Owner",
            signed_at=now,
            consented_to_terms=True,
            activated_at=now,
        )
    return _Throwaway(network=network, store_id=store.pk, user=user)


def _drop(throwaway: _Throwaway) -> None:
    from networks.schemas import use_public_schema

    use_public_schema()
    throwaway.user.delete()
    throwaway.network.delete(force_drop=True)


def _hello(request: Any) -> Any:
    from django.http import HttpResponse

    return HttpResponse("hello")


def _bench_urls() -> str:
    """The network's URLs plus a hello-world view, so both go through the same middleware."""
    from django.urls import include, path

    module = types.ModuleType("bench_toolkit_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("bench-hello/", _hello),
        path("", include("config.urls_tenant")),
    ]
    sys.modules[module.__name__] = module
    return module.__name__


def cached_download() -> tuple[list[float], list[float]]:
    """Timings of a cached toolkit download through the Django view (django.test.Client on
    the network's host, logged in as the store's owner, after a first request that renders),
    and of a hello-world view through the same client, in a throwaway network."""
    from django.conf import settings
    from django.core.files.storage import default_storage
    from django.test import Client

    settings.ROOT_URLCONF = _bench_urls()
    with tempfile.TemporaryDirectory() as media:
        settings.MEDIA_ROOT = media
        default_storage.__dict__.pop("relative_media_root", None)
        throwaway = _throwaway_network()
        try:
            client = Client(HTTP_HOST=f"{throwaway.network.slug}.{settings.PORTAL_DOMAIN}")
            client.force_login(throwaway.user)
            url = f"/toolkit/{throwaway.store_id}/download/sign-window/?lang=en&paper=letter"

            def fetch(path: str) -> None:
                response: Any = client.get(path)
                assert response.status_code == 200, response.status_code
                if response.streaming:
                    b"".join(response.streaming_content)
                else:
                    response.content  # noqa: B018 - read like a browser would

            fetch(url)  # renders and stores
            hello = timings_ms(lambda: fetch("/bench-hello/"), runs=DOWNLOAD_RUNS)
            download = timings_ms(lambda: fetch(url), runs=DOWNLOAD_RUNS)
        finally:
            _drop(throwaway)
    return download, hello


def _pair(
    name: str, samples: list[float], target: str, met: bool, baseline: float | None = None
) -> list[dict[str, Any]]:
    return [
        figure(f"{name} p50", p50(samples), "ms", target, met, baseline),
        figure(f"{name} p95", p95(samples), "ms", "measured", True, baseline),
    ]


def main() -> None:
    badge = timings_ms(lambda: render_badge_png(art=ART, size=1024), runs=RUNS)
    square = timings_ms(lambda: render_social_png(art=ART, format="square"), runs=RUNS)
    pillow = timings_ms(bare_square(), runs=RUNS)
    sign = timings_ms(
        lambda: render_sign_pdf(art=ART, kind="window", paper="letter", language="en"),
        runs=RUNS,
    )
    sign_full = timings_ms(
        lambda: render_sign_pdf(art=ART, kind="window-full", paper="letter", language="en"),
        runs=RUNS,
    )
    weasy = timings_ms(bare_weasyprint, runs=RUNS)

    bare_pillow, bare_weasy = p50(pillow), p50(weasy)
    figures = [
        *_pair("badge PNG 1024", badge, "measured", True),
        *_pair(
            "social square 1080x1080",
            square,
            f"p50 <= {SQUARE_RATIO}x baseline",
            p50(square) <= SQUARE_RATIO * bare_pillow,
            bare_pillow,
        ),
        figure("bare Pillow 1080x1080 p50", bare_pillow, "ms", "baseline", True),
        *_pair(
            "window sign PDF Letter",
            sign,
            f"p50 <= {SIGN_P50_MS:g} ms",
            p50(sign) <= SIGN_P50_MS,
            bare_weasy,
        ),
        *_pair(
            "window sign full colour PDF Letter",
            sign_full,
            f"p50 <= {SIGN_P50_MS:g} ms",
            p50(sign_full) <= SIGN_P50_MS,
            bare_weasy,
        ),
        figure("bare WeasyPrint paragraph p50", bare_weasy, "ms", "baseline", True),
    ]
    download, hello = cached_download()
    figures += [
        figure("cached download p50", p50(download), "ms", "measured", True, p50(hello)),
        figure(
            "cached download p95",
            p95(download),
            "ms",
            f"p95 <= {DOWNLOAD_P95_MS:g} ms",
            p95(download) <= DOWNLOAD_P95_MS,
            p95(hello),
        ),
        figure("hello-world view p50", p50(hello), "ms", "baseline", True),
        figure("hello-world view p95", p95(hello), "ms", "baseline", True),
    ]
    report(BENCH, figures)


if __name__ == "__main__":
    main()
