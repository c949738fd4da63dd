"""Post-loan inspections (贷后检查): a draft filled in the field, photos, submission, the
early-warning board and the head's notice."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from creditdesk.models import Notification
from postloan import services
from postloan.models import Inspection, InspectionStatus, WarningSignal
from postloan.queries import warning_board

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

COMPLETE = {
    "funds_use": "as_agreed",
    "business_condition": "good",
    "guarantor_condition": "n_a",
    "collateral_condition": "n_a",
    "findings": "生猪存栏 300 头，饲料款已付。",
}


def photo(content: bytes = JPEG, name: str = "IMG_0001.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def inspect(loan, by, **values) -> Inspection:
    """A draft started, filled with ``values`` (complete by default) and submitted."""
    inspection = services.inspection_start(loan=loan, by=by)
    services.inspection_save_draft(inspection=inspection, by=by, values={**COMPLETE, **values})
    return services.inspection_submit(inspection=inspection, by=by)


def test_starting_opens_a_draft_dated_today_answering_the_plan(loan, manager):
    inspection = services.inspection_start(loan=loan, by=manager)
    assert inspection.status == InspectionStatus.DRAFT
    assert inspection.inspected_on == timezone.localdate()
    assert inspection.due_on == loan.next_inspection_due
    assert inspection.surprise is False
    # Starting again continues the same draft: one draft per loan.
    assert services.inspection_start(loan=loan, by=manager) == inspection
    assert loan.inspections.count() == 1


def test_a_surprise_visit_is_marked_and_answers_no_plan_date(loan, head):
    inspection = services.inspection_start(loan=loan, by=head, surprise=True)
    assert inspection.surprise is True
    assert inspection.due_on is None


def test_a_draft_is_saved_as_filled_and_is_not_yet_an_inspection(loan, manager):
    inspection = services.inspection_start(loan=loan, by=manager)
    services.inspection_save_draft(
        inspection=inspection, by=manager, values={"funds_use": "as_agreed"}
    )
    services.inspection_save_draft(inspection=inspection, by=manager, values={"findings": "在建"})
    inspection.refresh_from_db()
    assert (inspection.funds_use, inspection.findings) == ("as_agreed", "在建")
    loan.refresh_from_db()
    assert loan.last_inspected_on is None
    assert not Inspection.objects.submitted().exists()


def test_the_draft_refuses_unknown_fields_and_signals_off_the_list(loan, manager):
    inspection = services.inspection_start(loan=loan, by=manager)
    with pytest.raises(ValidationError) as refused:
        services.inspection_save_draft(inspection=inspection, by=manager, values={"status": "x"})
    assert "status" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.inspection_save_draft(
            inspection=inspection, by=manager, values={"signals": ["aliens"]}
        )
    assert "signals" in refused.value.message_dict


def test_only_the_inspector_fills_their_draft(loan, manager, head, manager2, auditor):
    inspection = services.inspection_start(loan=loan, by=manager)
    for other in (head, auditor):
        with pytest.raises(PermissionDenied):
            services.inspection_save_draft(inspection=inspection, by=other, values={})
    with pytest.raises(PermissionDenied):  # another manager: not their loan
        services.inspection_start(loan=loan, by=manager2)


def test_submitting_needs_the_findings_named_field_by_field(loan, manager):
    inspection = services.inspection_start(loan=loan, by=manager)
    with pytest.raises(ValidationError) as refused:
        services.inspection_submit(inspection=inspection, by=manager)
    assert set(refused.value.message_dict) == {
        "funds_use",
        "business_condition",
        "guarantor_condition",
        "collateral_condition",
    }
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.DRAFT


def test_the_inspection_date_lies_between_disbursement_and_today(loan, manager):
    inspection = services.inspection_start(loan=loan, by=manager)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    services.inspection_save_draft(
        inspection=inspection, by=manager, values={**COMPLETE, "inspected_on": tomorrow}
    )
    with pytest.raises(ValidationError) as refused:
        services.inspection_submit(inspection=inspection, by=manager)
    assert "inspected_on" in refused.value.message_dict


def test_a_submitted_inspection_is_the_record_and_changes_no_more(loan, manager):
    inspection = inspect(loan, manager)
    assert inspection.status == InspectionStatus.SUBMITTED
    assert inspection.submitted_at is not None
    with pytest.raises(ValidationError):
        services.inspection_save_draft(inspection=inspection, by=manager, values={"findings": ""})
    with pytest.raises(ValidationError):
        services.inspection_add_photo(inspection=inspection, by=manager, upload=photo())


def test_diverted_funds_are_a_warning_signal_and_need_follow_up(loan, manager):
    inspection = services.inspection_start(loan=loan, by=manager)
    services.inspection_save_draft(
        inspection=inspection, by=manager, values={**COMPLETE, "funds_use": "diverted"}
    )
    with pytest.raises(ValidationError) as refused:
        services.inspection_submit(inspection=inspection, by=manager)
    assert "follow_up" in refused.value.message_dict
    services.inspection_save_draft(
        inspection=inspection, by=manager, values={"follow_up": "限期收回挪用资金"}
    )
    services.inspection_submit(inspection=inspection, by=manager)
    inspection.refresh_from_db()
    assert inspection.signals == [WarningSignal.FUNDS_DIVERTED]
    assert inspection.has_signals


def test_warning_signals_put_the_loan_on_the_heads_board_and_tell_the_head(
    loan, manager, head, other_head, other_manager
):
    inspect(loan, manager, signals=["sales_down", "more_debt"], follow_up="每周走访")
    (row,) = warning_board(head)
    assert row.loan == loan
    assert row.signal_labels() == ["经营下滑、销售收入明显减少", "多头借贷、民间借贷或对外担保增加"]
    assert list(warning_board(manager)) == [row]
    assert list(warning_board(other_head)) == []
    assert list(warning_board(other_manager)) == []
    notice = Notification.objects.get(recipient=head, kind="postloan.warning_raised")
    assert notice.url == row.get_absolute_url()
    assert not Notification.objects.filter(kind="postloan.warning_raised").exclude(recipient=head)


def test_a_clean_later_inspection_takes_the_loan_off_the_board(loan, manager, head):
    inspect(loan, manager, signals=["stopped"], follow_up="督促复工")
    assert warning_board(head).count() == 1
    inspect(loan, manager)
    assert warning_board(head).count() == 0
    assert not Notification.objects.open().filter(kind="postloan.warning_raised").exists()


def test_photos_are_jpeg_or_png_by_content_and_bounded(loan, manager, settings):
    inspection = services.inspection_start(loan=loan, by=manager)
    taken = services.inspection_add_photo(
        inspection=inspection, by=manager, upload=photo(), caption="猪舍"
    )
    assert (taken.content_type, taken.caption) == ("image/jpeg", "猪舍")
    assert taken.file.name.endswith(".jpg") and "IMG_0001" not in taken.file.name
    png = services.inspection_add_photo(
        inspection=inspection, by=manager, upload=photo(PNG, "shot.jpg")
    )
    assert png.content_type == "image/png"
    with pytest.raises(ValidationError) as refused:  # a PDF named .jpg
        services.inspection_add_photo(
            inspection=inspection, by=manager, upload=photo(b"%PDF-1.4 x", "x.jpg")
        )
    assert "photo" in refused.value.message_dict
    services.inspection_remove_photo(photo=png, by=manager)
    assert list(inspection.photos.all()) == [taken]


def test_a_photo_over_ten_megabytes_is_refused(loan, manager):
    inspection = services.inspection_start(loan=loan, by=manager)
    big = photo(JPEG + b"\x00" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        services.inspection_add_photo(inspection=inspection, by=manager, upload=big)
    assert "10 MB" in str(refused.value)
    assert not inspection.photos.exists()


def test_auditors_and_committee_do_not_inspect(loan, auditor, committee):
    for user in (auditor, committee):
        with pytest.raises(PermissionDenied):
            services.inspection_start(loan=loan, by=user)
