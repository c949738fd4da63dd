"""Every inspection service leaves history: who and why (a reason code of postloan.reasons),
the loan's plan included; the nightly replan with no user and a ``job.`` code."""

import datetime

from loans.tests.history import assert_audited, new_history
from postloan import services
from postloan.models import Loan
from postloan.reasons import PostloanJob, PostloanReason
from postloan.tests.test_inspections import COMPLETE, photo

CODES = set(PostloanReason.values) | set(PostloanJob.values)


def test_each_step_of_an_inspection_leaves_history(loan, manager):
    with new_history("postloan") as rows:
        inspection = services.inspection_start(loan=loan, by=manager, surprise=True)
    assert rows == [("Inspection", "postloan.inspection_start", manager.pk)]
    with new_history("postloan") as rows:
        services.inspection_save_draft(inspection=inspection, by=manager, values=COMPLETE)
    assert rows == [("Inspection", "postloan.inspection_draft", manager.pk)]
    with new_history("postloan") as rows:
        kept = services.inspection_add_photo(inspection=inspection, by=manager, upload=photo())
        dropped = services.inspection_add_photo(inspection=inspection, by=manager, upload=photo())
        services.inspection_remove_photo(photo=dropped, by=manager)
    assert_audited(rows, user=manager, codes=CODES)
    assert [code for _m, code, _u in rows].count("postloan.inspection_photo_remove") == 1
    with new_history("postloan") as rows:
        services.inspection_submit(inspection=inspection, by=manager)
    assert_audited(rows, user=manager, codes=CODES)
    assert {model for model, *_ in rows} == {"Inspection", "Loan"}
    row = loan.history.first()
    assert row.history_change_reason == "postloan.inspection_submit"
    assert row.last_inspected_on == inspection.inspected_on
    assert kept.history.first().history_user == manager


def test_the_nightly_replan_leaves_history_with_no_user(loan):
    Loan.objects.filter(pk=loan.pk).update(next_inspection_due=None)
    with new_history("postloan") as rows:
        assert services.inspections_replan(on=datetime.date.today()) == 1
    assert rows == [("Loan", "job.inspection_replan", None)]
