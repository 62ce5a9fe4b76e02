"""Serving a stored toolkit file, on network hosts and on the public verification page."""

from typing import cast

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotModified


def serve_file(
    request: HttpRequest, name: str, *, content_type: str, filename: str | None = None
) -> HttpResponse:
    """A stored file as it is; files are named by content, so the name is a strong ETag."""
    etag = f'"{name.rsplit("/", 1)[-1].split(".", 1)[0]}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified(headers={"ETag": etag})
    response = FileResponse(
        default_storage.open(name, "rb"),
        content_type=content_type,
        as_attachment=filename is not None,
        filename=filename or "",
    )
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    # A streaming response; typed as HttpResponse for the view decorators' signature.
    return cast(HttpResponse, response)
