"""The patrol calendar: a page of the coming weeks for the store's team (its requests) and the
network's police (every open and accepted request), and the same as a private .ics feed each
person's calendar app polls without logging in."""

from __future__ import annotations

import datetime as dt
import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from networks.access import network_member_required
from networks.models import Membership

from .access import calendar_reader_required, is_police, membership_of_feed
from .ics import FeedEvent, render_ics
from .models import CalendarFeed, PatrolRequest
from .patrol_selectors import agenda, patrols_for_feed, patrols_in_period
from .patrol_services import calendar_feed_renew

Role = Membership.Role
CALENDAR_ROLES = (Role.STORE_OWNER, Role.STORE_STAFF, Role.LAW_ENFORCEMENT)
WEEKS = 4
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


def _month_of(raw: str) -> dt.date | None:
    found = _MONTH.match(raw)
    if not found:
        return None
    year, month = int(found[1]), int(found[2])
    if not (EARLIEST_YEAR <= year <= LATEST_YEAR and 1 <= month <= 12):
        return None
    return dt.date(year, month, 1)


def _day_of(raw: str) -> dt.date | None:
    found = _DAY.match(raw)
    if not found:
        return None
    try:
        day = dt.date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None
    return day if EARLIEST_YEAR <= day.year <= LATEST_YEAR else None


def _add_month(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@require_GET
@network_member_required(*CALENDAR_ROLES)
def calendar(request: HttpRequest) -> HttpResponse:
    """?month=YYYY-MM shows that month; ?start=YYYY-MM-DD four weeks from that day; neither,
    the four weeks from today. A value that makes no sense shows the default."""
    membership: Membership = request.membership  # type: ignore[attr-defined]
    calendar_reader_required(membership=membership)
    today = timezone.localdate()
    month = _month_of(request.GET.get("month", ""))
    start_day = _day_of(request.GET.get("start", ""))
    if month is not None:
        first, last = month, _add_month(month, 1) - dt.timedelta(days=1)
        previous_query = f"month={_add_month(month, -1):%Y-%m}"
        next_query = f"month={_add_month(month, 1):%Y-%m}"
        title = month
    else:
        first = start_day or today
        last = first + dt.timedelta(weeks=WEEKS, days=-1)
        previous_query = f"start={first - dt.timedelta(weeks=WEEKS):%Y-%m-%d}"
        next_query = f"start={first + dt.timedelta(weeks=WEEKS):%Y-%m-%d}"
        title = None
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(first, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    patrols = patrols_in_period(membership=membership, start=start, end=end)
    return render(
        request,
        "police/patrols/calendar.html",
        {
            "current": "police_calendar",
            "police": is_police(membership=membership),
            "days": agenda(patrols=patrols, first=first, last=last, zone=zone),
            "first": first,
            "last": last,
            "month": title,
            "today": today,
            "previous_query": previous_query,
            "next_query": next_query,
            "this_month_query": f"month={today:%Y-%m}",
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@network_member_required(*CALENDAR_ROLES)
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """Where a person makes (or replaces) their private calendar address. The address is shown
    once, right after it is made: only its hash is kept."""
    membership: Membership = request.membership  # type: ignore[attr-defined]
    calendar_reader_required(membership=membership)
    feed_url = None
    if request.method == "POST":
        token = calendar_feed_renew(user=request.user)  # type: ignore[arg-type]
        feed_url = request.build_absolute_uri(
            reverse("police_calendar_ics", kwargs={"token": token})
        )
    feed = CalendarFeed.objects.filter(user_id=membership.user_id).first()
    return render(
        request,
        "police/patrols/feed.html",
        {"current": "police_calendar", "feed": feed, "feed_url": feed_url},
    )


def _summary(patrol: PatrolRequest, *, police: bool) -> str:
    reason = patrol.get_reason_display()
    if police:
        text = f"{patrol.store.display_name}: {reason}"
    else:
        text = _("Police patrol: %(reason)s") % {"reason": reason}
    if patrol.status == PatrolRequest.Status.OPEN:
        text += " (" + _("waiting for an answer") + ")"
    elif patrol.status == PatrolRequest.Status.DECLINED:
        text += " (" + _("declined") + ")"
    elif patrol.status == PatrolRequest.Status.WITHDRAWN:
        text += " (" + _("withdrawn") + ")"
    return text


def _description(patrol: PatrolRequest) -> str:
    lines = [f"{_('Reason')}: {patrol.get_reason_display()}"]
    if patrol.times:
        lines.append(f"{_('When exactly')}: {patrol.times}")
    if patrol.details:
        lines.append(patrol.details)
    if patrol.answered_by_name:
        lines.append(f"{_('Answered by')}: {patrol.answered_by_name}")
    if patrol.answer_note:
        lines.append(f"{_('Note')}: {patrol.answer_note}")
    return "\n".join(lines)


def _location(patrol: PatrolRequest) -> str:
    store = patrol.store
    parts = [store.display_name, store.address_line1, store.address_line2, store.city]
    return ", ".join(part for part in parts if part)


@require_GET
def calendar_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The feed of the person whose token this is, as they may see it today."""
    membership = membership_of_feed(token=token)
    police = is_police(membership=membership)
    host = request.get_host().split(":")[0]
    events = [
        FeedEvent(
            uid=f"patrol-{patrol.pk}@{host}",
            sequence=patrol.sequence,
            status=patrol.status,
            starts_at=patrol.starts_at,
            ends_at=patrol.ends_at,
            changed_at=patrol.updated_at,
            created_at=patrol.created_at,
            summary=_summary(patrol, police=police),
            description=_description(patrol),
            location=_location(patrol),
            url=request.build_absolute_uri(
                reverse("police_patrol_detail", kwargs={"patrol_id": patrol.pk})
            ),
        )
        for patrol in patrols_for_feed(membership=membership)
    ]
    network = request.tenant  # type: ignore[attr-defined]
    body = render_ics(name=_("Patrols · %(network)s") % {"network": network.name}, events=events)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="patrols.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
