"""Bad input at scale: every form of every page, filled with random text, numbers, dates and
files by Hypothesis, posted as the person the form is for. Whatever is typed, the answer is
never a server error.

The forms are found the way a person finds them, not from a list: every URL pattern of both
URLconfs (with the ids of the visitor's own objects, from each app's tests/<app>/probes.py) is
opened by every kind of visitor, and each <form method="post"> in the HTML is collected with its
fields. A page added later is fuzzed without anyone adding it here.

`make test` tries a few derandomized examples per form; `make fuzz` (HYPOTHESIS_PROFILE=fuzz)
tries many more, with fresh randomness on each run.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.utils import validate_file_name
from django.test import Client
from django_tenants.utils import schema_context
from hypothesis import HealthCheck, given, note
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from accounts.models import User
from tests.conftest import People, host_of
from tests.factories import UserFactory
from tests.security import crawler
from tests.security.crawler import MEMBER, OBJECT, PLATFORM, PUBLIC, Side

hypothesis_settings.register_profile(
    "default",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "4")),
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
hypothesis_settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")

# Pages that serve files, not forms: opening them renders images and PDFs for nothing.
NOT_FORMS = re.compile(
    r"(\.(png|svg|pdf|csv|zip|txt)$|/(download|preview)/|logo/$|badge|/evidence/\d+/\w+/$)"
)
# Admin pages that change everything at once (delete the network being fuzzed, log out);
# their forms are Django's own and stay out of the fuzz.
SKIPPED_ACTIONS = re.compile(r"^/admin/.*/(delete|history)/$|^/admin/logout/$")
CSRF_FIELD = "csrfmiddlewaretoken"
CSRF_SECRET = "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz"  # 32 characters, as Django makes them


# --- Reading forms out of HTML ---------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # input type, or "textarea" / "select"
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False


@dataclass
class Form:
    role: str
    host: str
    page: str
    action: str
    fields: list[Field]

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.host, self.action, tuple(sorted({f.name for f in self.fields})))

    def __str__(self) -> str:
        return f"POST {self.action} on {self.host} as {self.role} (form of {self.page})"


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[dict[str, str], list[Field]]] = []
        self._form: tuple[dict[str, str], list[Field]] | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = (a, [])
            self.forms.append(self._form)
            return
        if self._form is None or (
            tag in ("input", "select", "textarea", "button") and not a.get("name")
        ):
            return
        fields = self._form[1]
        if tag == "input":
            kind = a.get("type", "text").lower()
            fields.append(Field(a["name"], kind, a.get("value", ""), checked="checked" in a))
        elif tag == "button" and a.get("type", "submit") == "submit":
            fields.append(Field(a["name"], "submit", a.get("value", "")))
        elif tag == "select":
            self._select = Field(a["name"], "select")
            fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))
        elif tag == "textarea":
            self._textarea = Field(a["name"], "textarea")
            fields.append(self._textarea)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def post_forms(html: str, *, page: str, host: str, role: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    found = []
    for attrs, fields in parser.forms:
        if attrs.get("method", "get").lower() != "post":
            continue
        action = urlsplit(urljoin(page, attrs.get("action") or page))
        if action.netloc and action.netloc.split(":")[0] != host:
            continue
        path = action.path + (f"?{action.query}" if action.query else "")
        found.append(Form(role=role, host=host, page=page, action=path, fields=fields))
    return found


# --- What a fuzzer types ---------------------------------------------------------------------

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "9" * 40,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\x00",
    "a\x00b",
    "\u202e\u0644\u200b",
    "../../../etc/passwd",
    "%s%n{0}{{7*7}}",
    "x" * 151,
    "x" * 201,
    "x" * 255,
    "x" * 5000,
    "-0.0000001",
    "99999999999999999999.99",
    "1,5",
    "  padded  ",
    "\r\n\r\n",
    "Ⅻ",
    "2026-02-30",
    "0000-00-00",
    "+1 (555) 010-9999 ext. 12345678901234567890",
    "https://169.254.169.254/latest/meta-data/",
    "file:///etc/passwd",
    "😀" * 50,
]
# Half of all values come from the list above: a few examples per form must already try them.
text = st.one_of(
    st.sampled_from(NASTY),
    st.one_of(st.text(max_size=300), st.text(alphabet=st.characters(codec="utf-8"), max_size=40)),
)
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
)
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat()),
)


def _image(fmt: str, size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color=(10, 120, 200)).save(buffer, format=fmt)
    return buffer.getvalue()


def _hostile_samples() -> list[tuple[str, bytes]]:
    from tests.security.hostile import FOLDER, hostile_files

    if not FOLDER.is_dir():
        return []
    samples = []
    for item in hostile_files():
        if item.pad_to or (FOLDER / item.name).stat().st_size > 300_000:
            continue  # the oversize ones are test_uploads' business; here volume is the point
        samples.append((item.upload_name, item.data))
    return samples


files = st.one_of(
    st.tuples(text, st.binary(max_size=2048)),
    st.tuples(
        st.sampled_from(["logo.png", "logo.jpg", "logo.gif", "a.webp", "x", ".png", "ß.PNG"]),
        st.sampled_from(
            [_image("PNG", (64, 48)), _image("JPEG", (400, 400)), _image("GIF", (1, 1)), b""]
        ),
    ),
    st.sampled_from(_hostile_samples() or [("empty.png", b"")]),
)


def _sendable_name(name: str) -> str:
    """The drawn file name, unless Django's test client cannot even build a file of that name
    ("", ".", "a/b": it refuses them before sending, as a browser sends only a base name)."""
    try:
        return str(validate_file_name(name)) if name else "upload"
    except SuspiciousFileOperation:
        return "upload"


def _value_for(item: Field) -> st.SearchStrategy[Any]:
    """What goes into one field: mostly plausible for its type, often not."""
    kind = item.kind
    if kind == "file":
        return files.map(lambda f: SimpleUploadedFile(_sendable_name(f[0]), f[1]))
    if kind in ("checkbox", "radio"):
        return st.one_of(st.just(item.value or "on"), text)
    if kind == "select":
        options = [option for option in item.options] or [""]
        return st.one_of(st.sampled_from(options), text)
    if kind == "number":
        return st.one_of(numbers, text)
    if kind in ("date", "datetime-local", "time", "month"):
        return st.one_of(dates, text)
    if kind == "email":
        return st.one_of(st.emails(), text)
    if kind in ("hidden", "submit"):
        return st.one_of(st.just(item.value), text)
    return st.one_of(st.just(item.value), text, numbers)


@st.composite
def submissions(draw: Callable[..., Any], form: Form) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for item in form.fields:
        if item.name == CSRF_FIELD:
            continue
        # Some fields are left out altogether, as a hand-made request would.
        if not draw(st.integers(min_value=0, max_value=9)):
            continue
        value = draw(_value_for(item))
        data.setdefault(item.name, []).append(value)
    return data


# --- The people and their forms --------------------------------------------------------------


@dataclass(frozen=True)
class Viewer:
    user: User | None
    # The kinds of page (tests/security/crawler.py) they open, per URLconf: a page meant for
    # others only turns them away, so it holds no form of theirs.
    opens: dict[str, tuple[str, ...]]


Viewers = dict[str, Viewer]


@dataclass
class World:
    viewers: Viewers
    side: Side  # their own objects, which the forms' URLs name


@pytest.fixture
def world(north_people: People, outsider: User, settings: Any, tmp_path: Any) -> World:
    """Who opens the pages, on which hosts. Everyone is spared MFA so their forms show."""
    from django.core.files.storage import default_storage

    settings.MEDIA_ROOT = str(tmp_path / "media")
    for holder in (default_storage, getattr(default_storage, "_wrapped", None)):
        if holder is not None and hasattr(holder, "__dict__"):
            holder.__dict__.pop("relative_media_root", None)
    people = north_people
    admin = UserFactory.create(
        email="platform-admin@example.test", is_staff=True, is_superuser=True
    )
    settings.PORTAL_MFA_EXEMPT_EMAILS = [
        admin.email,
        people.coordinator.email,
        people.police.email,
    ]
    own = Side(
        network=people.network,
        store=people.store,
        owner=people.owner,
        coordinator=people.coordinator,
        tag="Fuzzown",
    )
    for module in crawler.probe_modules():
        if hasattr(module, "plant"):
            module.plant(own)
    mail.outbox.clear()
    members: dict[str, tuple[str, ...]] = {"tenant": (MEMBER, OBJECT)}
    viewers: Viewers = {
        "anonymous": Viewer(None, {"tenant": (PUBLIC,), "public": (PUBLIC,)}),
        "owner": Viewer(people.owner, {"tenant": (PUBLIC, MEMBER, OBJECT)}),
        "staff": Viewer(people.staff, members),
        "coordinator": Viewer(people.coordinator, members),
        "police": Viewer(people.police, members),
        # Signed up, in no network yet: the pledge form is theirs.
        "outsider": Viewer(outsider, {"tenant": (PUBLIC, MEMBER), "public": (PUBLIC,)}),
        "platform_admin": Viewer(admin, {"public": (PLATFORM,)}),
    }
    return World(viewers=viewers, side=own)


def _client(user: User | None, host: str) -> Client:
    client = Client(HTTP_HOST=host, enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def _read(response: Any) -> Any:
    """The whole answer, read as a browser reads it. A file served from storage (an alert's
    photo) is a streaming response whose file the test client closes only once its last chunk
    is read, as a WSGI server would; left unread, the open file is never closed."""
    if getattr(response, "streaming", False):
        for _chunk in response.streaming_content:
            pass
    return response


def find_forms(viewers: Viewers, side: Side) -> list[Form]:
    table = crawler.probes()
    clients = {role: {} for role in viewers}  # type: dict[str, dict[str, Client]]
    forms: dict[tuple[str, str, tuple[str, ...]], Form] = {}
    for route in crawler.routes():
        probe = table.get(route.key)
        if probe is None:
            continue  # tests/security/test_isolation_crawler.py names it
        page = route.url(probe.kwargs(side))
        if NOT_FORMS.search(page):
            continue
        host = host_of(side.network) if route.urlconf == "tenant" else host_of(None)
        for role, viewer in viewers.items():
            if probe.kind not in viewer.opens.get(route.urlconf, ()):
                continue
            if host not in clients[role]:
                clients[role][host] = _client(viewer.user, host)
            with schema_context("public"):
                response = _read(clients[role][host].get(page))
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for form in post_forms(response.content.decode(), page=page, host=host, role=role):
                if not SKIPPED_ACTIONS.search(form.action):
                    forms.setdefault(form.key, form)
    return list(forms.values())


def fuzz(form: Form, user: User | None) -> None:
    client = Client(HTTP_HOST=form.host, enforce_csrf_checks=True)
    # A CSRF secret of our own, sent as cookie and as token: the check runs as for a browser.
    client.cookies[django_settings.CSRF_COOKIE_NAME] = CSRF_SECRET

    @hypothesis_settings(hypothesis_settings.get_profile(PROFILE))
    @given(submissions(form))
    def one_form(data: dict[str, Any]) -> None:
        note(str(form))
        if user is not None:
            client.force_login(user)  # a form that logged the user out does not end the fuzz
        with schema_context("public"):
            response = _read(client.post(form.action, {**data, CSRF_FIELD: CSRF_SECRET}))
        assert response.status_code < 500, f"{form}: {response.status_code} for {data!r}"

    one_form()


def test_no_form_of_any_page_answers_a_server_error_to_random_input(world: World) -> None:
    forms = find_forms(world.viewers, world.side)
    # The crawl must find the forms people use, or it proves nothing.
    actions = {form.action for form in forms}
    for expected in ("/accounts/login/", "/accounts/signup/", "/pledge/", "/store/invitations/"):
        assert expected in actions, f"no form posts to {expected}: {sorted(actions)}"
    for form in forms:
        fuzz(form, world.viewers[form.role].user)
