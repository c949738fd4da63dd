"""The inspection pages: started from the loan, filled on a phone (big controls, the camera,
saved as it is filled), submitted; the worklist, the early-warning board and the homes."""

from __future__ import annotations

from django.utils import timezone

from postloan import services
from postloan.models import Inspection, InspectionStatus, Loan
from postloan.tests.test_inspections import COMPLETE, JPEG, inspect, photo

FORM = {**COMPLETE, "mode": "on_site", "inspected_on": ""}


def _started(client, loan) -> Inspection:
    response = client.post(f"/postloan/loans/{loan.pk}/inspections/", {"mode": "on_site"})
    inspection = Inspection.objects.get(loan=loan)
    assert response.status_code == 302
    assert response["Location"] == f"/postloan/inspections/{inspection.pk}/"
    return inspection


def test_the_loan_page_starts_an_inspection_and_the_form_is_made_for_the_field(
    client_for, manager, loan
):
    client = client_for(manager)
    assert 'id="start-inspection"' in client.get(f"/postloan/loans/{loan.pk}/").content.decode()
    inspection = _started(client, loan)
    html = client.get(f"/postloan/inspections/{inspection.pk}/").content.decode()
    assert 'accept="image/*"' in html and 'capture="environment"' in html
    assert f'hx-post="/postloan/inspections/{inspection.pk}/"' in html
    assert "btn-lg" in html and 'class="btn-check"' in html


def test_the_form_saves_itself_as_it_is_filled(client_for, manager, loan):
    client = client_for(manager)
    inspection = _started(client, loan)
    today = timezone.localdate().isoformat()
    response = client.post(
        f"/postloan/inspections/{inspection.pk}/",
        {"mode": "off_site", "funds_use": "as_agreed", "inspected_on": today},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "草稿已自动保存" in response.content.decode()
    inspection.refresh_from_db()
    assert (inspection.mode, inspection.funds_use) == ("off_site", "as_agreed")
    assert inspection.status == InspectionStatus.DRAFT
    # A date that is no date is not saved, and says so.
    response = client.post(
        f"/postloan/inspections/{inspection.pk}/",
        {"inspected_on": "2026-13-45"},
        HTTP_HX_REQUEST="true",
    )
    assert "未能保存" in response.content.decode()


def test_submitting_from_the_page_keeps_what_was_typed_when_refused(client_for, manager, loan):
    client = client_for(manager)
    inspection = _started(client, loan)
    url = f"/postloan/inspections/{inspection.pk}/submit/"
    typed = {"mode": "on_site", "findings": "只写了情况", "inspected_on": timezone.localdate()}
    response = client.post(url, typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert "请填写资金用途" in html and "只写了情况" in html
    inspection.refresh_from_db()
    assert inspection.findings == ""  # a refusal writes nothing; the page kept it
    data = {**COMPLETE, "mode": "on_site", "inspected_on": timezone.localdate()}
    response = client.post(url, data)
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.SUBMITTED
    html = client.get(f"/postloan/inspections/{inspection.pk}/").content.decode()
    assert 'id="inspection-record"' in html and 'id="inspection-form"' not in html


def test_photos_are_uploaded_and_served_only_in_scope(client_for, manager, other_manager, loan):
    client = client_for(manager)
    inspection = _started(client, loan)
    response = client.post(
        f"/postloan/inspections/{inspection.pk}/photos/", {"photo": photo(), "caption": "仓库"}
    )
    assert response.status_code == 302
    taken = inspection.photos.get()
    response = client.get(f"/postloan/inspection-photos/{taken.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == JPEG
    refused = client.post(
        f"/postloan/inspections/{inspection.pk}/photos/", {"photo": photo(b"<html>", "x.jpg")}
    )
    assert refused.status_code == 200
    assert "只接受 JPEG 或 PNG 照片" in refused.content.decode()
    other = client_for(other_manager)  # (the same test client, signed in as another)
    assert other.get(f"/postloan/inspection-photos/{taken.pk}/").status_code == 404


def test_inspection_pages_are_scoped(client_for, manager, other_manager, other_head, auditor, loan):
    inspection = services.inspection_start(loan=loan, by=manager)
    for user in (other_manager, other_head):
        assert client_for(user).get(f"/postloan/inspections/{inspection.pk}/").status_code == 404
    # The auditor reads the draft, without the form, and changes nothing.
    html = client_for(auditor).get(f"/postloan/inspections/{inspection.pk}/").content.decode()
    assert 'id="inspection-form"' not in html
    assert (
        client_for(auditor).post(f"/postloan/inspections/{inspection.pk}/", FORM).status_code == 403
    )


def test_the_board_and_the_homes_show_what_landed_on_each(
    client_for, manager, head, other_head, loan
):
    Loan.objects.filter(pk=loan.pk).update(is_large=True)
    inspect(loan, manager, signals=["stopped"], follow_up="督促复工", surprise=True)
    board = client_for(head).get("/postloan/warnings/").content.decode()
    assert loan.contract_number in board and "停产、半停产或歇业" in board
    assert "李客户经理" in board
    assert (
        loan.contract_number
        not in client_for(other_head).get("/postloan/warnings/").content.decode()
    )
    home = client_for(head).get("/").content.decode()
    assert 'id="panel-warnings"' in home and loan.contract_number in home
    home = client_for(manager).get("/").content.decode()
    assert 'id="panel-worklist"' in home and 'id="panel-large"' in home
    worklist = client_for(manager).get("/postloan/inspections/").content.decode()
    assert "突击" in worklist


def test_the_home_panels_cost_a_fixed_number_of_queries(
    client_for, manager, loan, django_assert_max_num_queries
):
    from postloan.home import panels

    with django_assert_max_num_queries(8):
        for panel in panels(manager):
            list(panel.get("loans", panel.get("rows", [])))
            panel["count"]
