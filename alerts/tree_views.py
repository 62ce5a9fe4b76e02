"""Placeholder: replaced by the part of the alerts work that owns it."""

from django.http import Http404, HttpRequest, HttpResponse


def alert_calling_tree(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
