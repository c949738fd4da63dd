"""The customer export scales: labels once per file, rows streamed, a long list written in the
background with its progress on a page and the file for the requester alone."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from customers import exports
from customers.models import Customer, CustomerExport, ExportStatus
from tests.factories import make_id_number


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def _customers(manager, n: int) -> None:
    for i in range(n):
        Customer.objects.create(
            name=f"导出客户{i:02d}",
            customer_type="farm_household",
            id_number=make_id_number(500 + i),
            phone=f"1390000{i:04d}",
            status="active",
            channel="walk_in",
            stage="customer",
            manager=manager,
            branch=manager.branch,
        )


def _rows(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return list(sheet.iter_rows(values_only=True))


def test_labels_are_computed_once_not_by_a_display_call_per_row(bank, manager, monkeypatch):
    _customers(manager, 3)

    def per_row(self):  # the old way: a lazy translation evaluated for every row and column
        raise AssertionError("get_FOO_display() called per row")

    for field in ("customer_type", "channel", "segment", "status", "stage"):
        monkeypatch.setattr(Customer, f"get_{field}_display", per_row)
    out = io.BytesIO()
    written = exports.imports.write_export(
        Customer.objects.filter(manager=manager).for_list().iterator(), out
    )
    rows = _rows(out.getvalue())
    assert written == 3 == len(rows) - 1
    assert rows[1][:3] == ("导出客户00", "农户", make_id_number(500))
    assert rows[1][8] == "客户上门" and rows[1][10] == "正常" and rows[1][14] == "已成为客户"


def test_a_short_list_is_downloaded_in_the_request(bank, manager, client_for, settings):
    settings.EXPORT_IN_REQUEST_UP_TO = 10
    _customers(manager, 3)
    response = client_for(manager).get("/customers/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert CustomerExport.objects.count() == 0


def test_a_long_list_is_exported_in_the_background_for_the_requester_only(
    bank, manager, manager2, head, client_for, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_IN_REQUEST_UP_TO = 2
    _customers(manager, 5)
    client = client_for(manager)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = client.get("/customers/export.xlsx?q=导出客户0")
    export = CustomerExport.objects.get()
    assert response.status_code == 302 and response["Location"] == export.get_absolute_url()
    assert len(queued) == 1  # the task, queued after commit (eager in tests)
    export.refresh_from_db()
    assert (export.status, export.rows_total, export.rows_done) == (ExportStatus.DONE, 5, 5)
    assert (
        export.requested_by == manager and export.query == "q=%E5%AF%BC%E5%87%BA%E5%AE%A2%E6%88%B70"
    )

    page = client.get(export.get_absolute_url())
    assert page.status_code == 200
    assert b'id="export-download"' in page.content
    progress = re.search(rb'<div id="export-progress"[^>]*>', page.content).group()
    assert b"hx-get" not in progress  # finished: no more polling
    download = client.get(f"/customers/exports/{export.pk}/download/")
    assert download.status_code == 200
    rows = _rows(b"".join(download.streaming_content))
    assert sorted(r[0] for r in rows[1:]) == [f"导出客户{i:02d}" for i in range(5)]

    for someone in (manager2, head):  # the file holds full numbers: nobody else's to read
        other = client_for(someone)
        assert other.get(export.get_absolute_url()).status_code == 404
        assert other.get(f"/customers/exports/{export.pk}/download/").status_code == 404


def test_the_progress_page_polls_until_the_file_is_ready(bank, manager, client_for):
    export = CustomerExport.objects.create(
        requested_by=manager, status=ExportStatus.RUNNING, rows_total=50_000, rows_done=12_000
    )
    client = client_for(manager)
    page = client.get(export.get_absolute_url())
    assert page.status_code == 200
    progress = re.search(rb'<div id="export-progress"[^>]*>', page.content).group()
    assert b'hx-trigger="every 2s"' in progress
    assert b'<progress class="w-100" max="100" value="24">' in page.content
    fragment = client.get(export.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert fragment.content.lstrip().startswith(b'<div id="export-progress"')  # no page around
    assert client.get(f"/customers/exports/{export.pk}/download/").status_code == 404  # not yet


def test_the_export_reads_the_requesters_scope_when_it_runs(bank, manager, other_manager):
    _customers(manager, 2)
    export = exports.export_start(user=other_manager, query="")
    exports.run(export.pk)
    export.refresh_from_db()
    assert export.rows_total == Customer.objects.visible_to(other_manager).count()
    names = {r[0] for r in _rows(export.file.read())[1:]}
    assert not names & {"导出客户00", "导出客户01"}
