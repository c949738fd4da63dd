"""Scanned documents are never public: no /media/ route, server-chosen names, served only to
those who may read the application, as an attachment of the type sniffed at upload."""

from __future__ import annotations

import importlib
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, clear_url_caches, resolve

import creditdesk.urls
from loans import services
from loans.tests.conftest import PDF


def evil_upload():
    """A PDF by content, named to be rendered as a page if served by its name."""
    return SimpleUploadedFile("evil.html", PDF, content_type="text/html")


@pytest.fixture
def document(draft, manager):
    return services.document_upload(
        application=draft, user=manager, kind="applicant_id", upload=evil_upload()
    )


def test_pdf_named_html_is_stored_under_a_random_name_as_pdf(document, draft):
    assert document.content_type == "application/pdf"
    assert document.original_name == "evil.html"
    name = document.file.name
    assert name.startswith("loans/documents/") and name.endswith(".pdf")
    assert "evil" not in name and "html" not in name
    # Two uploads of the same name never share (or guess) a path.
    other = services.document_upload(
        application=draft, user=draft.created_by, kind="spouse_id", upload=evil_upload()
    )
    assert other.file.name != name


def test_owner_downloads_it_as_a_pdf_attachment(client_for, manager, document):
    response = client_for(manager).get(f"/loans/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="evil.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_head_of_the_branch_may_read_it_too(client_for, head, document):
    assert client_for(head).get(f"/loans/documents/{document.pk}/").status_code == 200


def test_another_branchs_manager_gets_404(client_for, api_for, other_manager, document):
    assert client_for(other_manager).get(f"/loans/documents/{document.pk}/").status_code == 404
    response = api_for(other_manager).get(f"/api/documents/{document.pk}/download/")
    assert response.status_code == 404


def test_anonymous_is_sent_to_login_or_refused(client, document):
    response = client.get(f"/loans/documents/{document.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get(f"/api/documents/{document.pk}/download/").status_code in (401, 403)


@pytest.fixture
def debug_urls(settings):
    """The URLconf as built with DEBUG on (the README's default), restored afterwards."""
    settings.DEBUG = True
    urls = importlib.reload(creditdesk.urls)
    clear_url_caches()
    yield urls
    settings.DEBUG = False
    importlib.reload(creditdesk.urls)
    clear_url_caches()


def test_the_old_media_path_is_not_served_even_with_debug(
    debug_urls, client, client_for, manager, document
):
    assert not [p for p in debug_urls.urlpatterns if "media" in str(p.pattern)]
    with pytest.raises(Resolver404):
        resolve(f"/media/{document.file.name}")
    old_path = f"/media/loans/{document.application_id}/applicant_id-evil.html"
    for c in (client, client_for(manager)):
        assert c.get(f"/media/{document.file.name}").status_code == 404
        assert c.get(old_path).status_code == 404


def test_api_upload_answers_the_download_url_not_the_storage_path(api_for, manager, draft):
    response = api_for(manager).post(
        f"/api/applications/{draft.pk}/documents/",
        {"kind": "applicant_id", "file": evil_upload()},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert "file" not in body
    document = draft.documents.get()
    assert body["download_url"] == f"http://testserver/api/documents/{document.pk}/download/"
    assert document.file.name not in response.content.decode()
    assert body["original_name"] == "evil.html"


def test_api_download_has_the_same_headers(api_for, manager, document):
    response = api_for(manager).get(f"/api/documents/{document.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="evil.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_chinese_file_name_is_offered_safely(client_for, manager, draft):
    upload = SimpleUploadedFile('身份证 正面"<x>.png.html', PDF, content_type="text/html")
    document = services.document_upload(
        application=draft, user=manager, kind="applicant_id", upload=upload
    )
    response = client_for(manager).get(f"/loans/documents/{document.pk}/")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert disposition.endswith(".pdf")
    assert '"' not in disposition.split("''", 1)[1] and "<" not in disposition


def test_on_s3_the_view_redirects_to_a_short_lived_signed_url(
    client_for, manager, other_manager, document, settings
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "creditdesk-test",
                "region_name": "us-east-1",
                "access_key": "AKIAEXAMPLE",
                "secret_key": "example-secret",  # signing happens locally: no network
                "querystring_auth": True,
                "signature_version": "s3v4",
            },
        },
    }
    assert client_for(other_manager).get(f"/loans/documents/{document.pk}/").status_code == 404
    response = client_for(manager).get(f"/loans/documents/{document.pk}/")
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert url.scheme == "https" and "creditdesk-test" in url.netloc + url.path
    query = parse_qs(url.query)
    assert query["X-Amz-Expires"] == ["60"]
    assert "X-Amz-Signature" in query
    assert query["response-content-type"] == ["application/pdf"]
    assert query["response-content-disposition"] == ['attachment; filename="evil.pdf"']
    assert response["X-Content-Type-Options"] == "nosniff"
