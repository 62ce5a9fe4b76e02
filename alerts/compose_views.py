"""Placeholder: replaced by the part of the alerts work that owns it."""

from django.http import Http404, HttpRequest, HttpResponse


def alert_desk(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def alert_new(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def alert_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def alert_preview(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def alert_send_view(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def alert_discard(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def alert_progress(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def alert_progress_json(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def alert_follow_up(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def alert_photos(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
