"""Upload checks for the credit file: the type is read from the content, not the file name."""

from __future__ import annotations

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# Magic numbers of the three formats the credit file accepts.
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
ALLOWED_CONTENT_TYPES = tuple(kind for _, kind in SIGNATURES)


def sniff_content_type(head: bytes) -> str | None:
    """The content type of a file from its first bytes, or None if it is none we accept."""
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            return content_type
    return None


def sniff_upload(upload) -> str | None:
    """Sniff a Django UploadedFile without consuming it."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return sniff_content_type(head)
