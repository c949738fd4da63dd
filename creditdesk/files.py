"""Stored files (uploads, generated files) handed to a user whom the view has already checked
for scope: never a public URL, always a download.

On local disk (or any storage without signed URLs) the file is streamed by Django; on S3 the
answer is a redirect to a signed URL that lives for a minute and makes the object store send
the same content type and ``Content-Disposition``.
"""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header

SIGNED_URL_SECONDS = 60


def serve_stored_file(fieldfile: FieldFile, *, content_type: str, filename: str) -> HttpResponse:
    """The stored file as an attachment with the stored content type, never sniffed.

    ``content_type`` is what the server decided at upload (from the content), ``filename``
    a safe name for the browser; the caller has checked the user's scope.
    """
    storage = fieldfile.storage
    if getattr(storage, "querystring_auth", False):  # django-storages S3: a signed URL
        url = storage.url(
            fieldfile.name,
            parameters={
                "ResponseContentType": content_type,
                "ResponseContentDisposition": content_disposition_header(
                    as_attachment=True, filename=filename
                ),
                "ResponseCacheControl": "private, no-store",
            },
            expire=SIGNED_URL_SECONDS,
        )
        response = HttpResponseRedirect(url)
    else:
        response = FileResponse(
            fieldfile.open("rb"), as_attachment=True, filename=filename, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
