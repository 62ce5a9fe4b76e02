"""A network's URLs plus `bench-hello/`: the ceiling a page is compared with, routed to the
network and through every middleware like the pages are."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [
    path("bench-hello/", hello),
    path("", include("config.urls_tenant")),
]
