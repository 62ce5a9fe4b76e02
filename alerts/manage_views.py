"""Placeholder: replaced by the part of the alerts work that owns it."""

from django.http import Http404, HttpRequest, HttpResponse


def report_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def report_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def contact_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def contact_new(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def contact_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def webhook_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def webhook_new(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def webhook_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def deputy_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def deputy_remove(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def sms_outbox(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
