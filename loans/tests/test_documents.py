"""Uploads are checked by content, not by name, and limited in size; 一次性告知 lists all."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from loans import services
from loans.documents import sniff_content_type
from loans.tests.conftest import PDF, PNG


def test_sniffing_reads_magic_bytes():
    assert sniff_content_type(PDF) == "application/pdf"
    assert sniff_content_type(PNG) == "image/png"
    assert sniff_content_type(b"\xff\xd8\xff\xe0\x00\x10JFIF") == "image/jpeg"
    assert sniff_content_type(b"MZ\x90\x00") is None


def test_executable_named_pdf_is_refused(draft, manager):
    fake = SimpleUploadedFile("id.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="只接受 PDF、JPEG 或 PNG"):
        services.document_upload(application=draft, user=manager, kind="applicant_id", upload=fake)
    assert draft.documents.count() == 0


def test_png_named_txt_is_accepted_as_png(draft, manager):
    upload = SimpleUploadedFile("photo.txt", PNG, content_type="text/plain")
    document = services.document_upload(
        application=draft, user=manager, kind="visit_photo", upload=upload
    )
    assert document.content_type == "image/png"


def test_file_above_10_mb_is_refused(draft, manager):
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024), content_type="x")
    with pytest.raises(ValidationError, match="10 MB"):
        services.document_upload(application=draft, user=manager, kind="applicant_id", upload=big)


def test_missing_documents_notice_lists_everything_at_once(client_for, manager, draft):
    response = client_for(manager).get(f"/loans/{draft.pk}/missing-documents/")
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("借款人身份证", "配偶身份证", "家庭成员同意借款书"):
        assert label in html


def test_upload_through_the_page(client_for, manager, draft):
    upload = SimpleUploadedFile("id.png", PNG, content_type="image/png")
    response = client_for(manager).post(
        f"/loans/{draft.pk}/documents/", {"kinds": "applicant_id", "files": upload}
    )
    assert response.status_code == 302
    assert draft.documents.get().kind == "applicant_id"


def test_documents_are_served_only_within_scope(client_for, manager, other_manager, draft):
    from loans.tests.conftest import pdf

    document = services.document_upload(
        application=draft, user=manager, kind="applicant_id", upload=pdf()
    )
    response = client_for(manager).get(f"/loans/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert client_for(other_manager).get(f"/loans/documents/{document.pk}/").status_code == 404
