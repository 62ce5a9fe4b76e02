"""Headers for every file the logbook hands out: evidence, packets, exports."""

from __future__ import annotations

from django.http import HttpResponseBase


def private_file(response: HttpResponseBase) -> HttpResponseBase:
    """Mark a response carrying a file about an incident as private and inert."""
    response["X-Content-Type-Options"] = "nosniff"
    # Kept by no shared cache, nor by the browser once the page is left.
    response["Cache-Control"] = "private, no-store"
    # Opened on its own (a PDF, a picture in a tab), the file may run nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
