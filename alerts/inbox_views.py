"""Placeholder: replaced by the part of the alerts work that owns it."""

from django.http import Http404, HttpRequest, HttpResponse


def alert_inbox(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def alert_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def alert_photo(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def alert_acknowledge(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def alert_ack_link(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def alert_stop_link(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def alert_preferences(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def alert_report_new(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
