"""Document links show a file name a person recognises, never a content type."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile

from loans import services
from loans.tests.conftest import PDF


def _upload(application, manager, name: str):
    return services.document_upload(
        application=application,
        user=manager,
        kind="applicant_id",
        upload=SimpleUploadedFile(name, PDF, content_type="image/jpeg"),
    )


def test_the_link_shows_the_uploaded_name_or_the_documents_kind(draft, manager, client_for):
    named = _upload(draft, manager, "户口本 扫描.pdf")
    unnamed = _upload(draft, manager, "...")
    assert named.download_name == "户口本_扫描.pdf"
    assert unnamed.download_name == "借款人身份证.pdf"
    html = client_for(manager).get(f"/loans/{draft.pk}/").content.decode()
    assert "户口本_扫描.pdf</a>" in html and "借款人身份证.pdf</a>" in html
    assert not re.search(r">\s*(application/pdf|image/jpeg|image/png)\s*</a>", html)
