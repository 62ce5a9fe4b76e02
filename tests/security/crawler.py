"""The isolation crawler's machinery: every URL pattern of both URLconfs, the probes each app
declares for its patterns, the people who try them, and what each answer may contain.

Each app keeps a `probes.py` beside its tests (`tests/<app>/probes.py`) with

    PROBES = {"tenant:store_detail": Probe(OBJECT, lambda side: {"store_id": side.store.pk}), ...}
    def plant(side: Side) -> None: ...   # optional: creates the app's objects, with markers

Keys are `<urlconf>:<url name>` ("tenant" for network hosts, "public" for the public site),
or `<urlconf>:<route>` for a pattern without a name. A pattern without a probe fails the
crawl, so a new page cannot land without saying how it is attacked.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import pkgutil
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.signals import request_finished
from django.db import close_old_connections
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests

URLCONFS = {"tenant": "config.urls_tenant", "public": "config.urls_public"}

# What a probe says about its page.
OBJECT = "object"  # shows or changes one object named in the URL: foreign ids answer 404
MEMBER = "member"  # a network page without an object: non-members get 404 or the login page
PUBLIC = "public"  # anyone may open it; only the private markers are checked
PLATFORM = "platform"  # platform admins only (public site)


@dataclass(frozen=True)
class Probe:
    kind: str
    kwargs: Callable[[Side], dict[str, Any]] = field(default=lambda side: {})
    # Methods tried; POST carries no data (and no CSRF token: the test client skips the check,
    # which tests/security/test_csrf.py covers on its own).
    methods: tuple[str, ...] = ("GET", "POST")
    # The URL carries a secret (an invitation token): whoever holds it may see its object on
    # its own network's host, so markers are checked there only on other hosts.
    secret: bool = False


@dataclass
class Side:
    """One network's (or one store's) objects, as the attacker would name them in URLs."""

    network: Any
    store: Any
    owner: Any
    coordinator: Any
    tag: str  # unique text that names this side inside its markers
    markers: set[str] = field(default_factory=set)
    objects: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None

    def mark(self, text: str) -> str:
        """Plant `text` (which must be unique) as a marker that must never leak."""
        self.markers.add(text)
        return text


@dataclass(frozen=True)
class Route:
    urlconf: str
    name: str | None
    namespace: str
    route: str
    converters: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.urlconf}:{self.qualified_name or self.route}"

    @property
    def qualified_name(self) -> str | None:
        if self.name is None:
            return None
        return f"{self.namespace}:{self.name}" if self.namespace else self.name

    def url(self, kwargs: dict[str, Any]) -> str:
        if self.qualified_name is not None:
            return reverse(self.qualified_name, urlconf=URLCONFS[self.urlconf], kwargs=kwargs)
        # An unnamed pattern (a catch-all): fill its groups by hand.
        path = self.route.lstrip("^").rstrip("$")
        for key, value in kwargs.items():
            path = re.sub(rf"\(\?P<{key}>[^)]*\)", str(value), path)
        return "/" + path


def _walk(
    patterns: list[URLPattern | URLResolver], prefix: str, namespace: str
) -> Iterator[tuple[URLPattern, str, str, tuple[str, ...]]]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            full = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from _walk(entry.url_patterns, route, full)
        else:
            names = tuple(entry.pattern.regex.groupindex)
            yield entry, route, namespace, names


def routes() -> list[Route]:
    found: dict[str, Route] = {}
    for urlconf, module in URLCONFS.items():
        for entry, route, namespace, names in _walk(get_resolver(module).url_patterns, "", ""):
            item = Route(urlconf, entry.name, namespace, route, names)
            found.setdefault(item.key, item)
    return list(found.values())


def probe_modules() -> list[Any]:
    """Every `tests/<app>/probes.py`, in a fixed order (networks first: others build on it)."""
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(tests.__path__)
        if info.ispkg and importlib.util.find_spec(f"tests.{info.name}.probes") is not None
    )
    names.sort(key=lambda name: name != "networks")
    return [importlib.import_module(f"tests.{name}.probes") for name in names]


def probes() -> dict[str, Probe]:
    table: dict[str, Probe] = {}
    for module in probe_modules():
        for key, probe in module.PROBES.items():
            assert key not in table, f"{key} is probed twice"
            table[key] = probe
    return table


def body_text(response: Any) -> str:
    """Everything a person could read in the answer: HTML, CSV, JSON, PDF text, ZIP members."""
    raw = response.body if hasattr(response, "body") else response.content
    kind = response.get("Content-Type", "")
    parts = [raw.decode("utf-8", "replace")]
    if "pdf" in kind or raw.startswith(b"%PDF"):
        parts.append(pdf_text(raw))
    if "zip" in kind or raw.startswith(b"PK\x03\x04"):
        parts.extend(zip_texts(raw))
    for header in ("Location", "Content-Disposition"):
        parts.append(response.get(header, ""))
    return "\n".join(parts)


def pdf_text(raw: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(raw)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def zip_texts(raw: bytes) -> list[str]:
    texts = []
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for info in archive.infolist():
            texts.append(info.filename)
            data = archive.read(info)
            texts.append(pdf_text(data) if data.startswith(b"%PDF") else data.decode("latin-1"))
    return texts


class Visitors:
    """One session per person, reused until an answer changes it (a logout, a new password)."""

    def __init__(self, *, enforce_csrf_checks: bool = False) -> None:
        self.sessions: dict[int, str] = {}
        self.requests = 0
        self.enforce_csrf_checks = enforce_csrf_checks

    def ask(self, user: Any | None, host: str, method: str, url: str, data: Any = None) -> Any:
        client = Client(
            HTTP_HOST=host,
            raise_request_exception=False,
            enforce_csrf_checks=self.enforce_csrf_checks,
        )
        if user is not None:
            if user.pk not in self.sessions:
                client.force_login(user)
                self.sessions[user.pk] = client.cookies[settings.SESSION_COOKIE_NAME].value
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[user.pk]
        self.requests += 1
        response = client.get(url) if method == "GET" else client.post(url, data or {})
        if user is not None and settings.SESSION_COOKIE_NAME in response.cookies:
            del self.sessions[user.pk]
        # Read files served as streams once, and close them: callers look at `body`.
        if response.streaming:
            response.body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
            # As the test client does: closing fires request_finished, which must not close
            # the test's database connection.
            request_finished.disconnect(close_old_connections)
            try:
                response.close()
            finally:
                request_finished.connect(close_old_connections)
        else:
            response.body = response.content  # type: ignore[attr-defined]
        return response
