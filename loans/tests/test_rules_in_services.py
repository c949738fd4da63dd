"""The rules of origination live in the services, so the API and any other caller meet them:
the second investigator, the committee's re-check of eligibility, scope, unknown input."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from creditdesk.models import Role
from customers.models import CreditRating
from loans import services
from loans.models import ApplicationStatus, Investigation
from loans.tests.conftest import GOOD_FINDINGS, make_application, pdf, submitted
from tests.factories import CustomerFactory, UserFactory


def test_api_cannot_name_second_investigator_of_another_branch(
    api_for, manager, other_manager, draft
):
    r = api_for(manager).post(
        f"/api/applications/{draft.pk}/start-investigation/",
        {"second_investigator": other_manager.pk},
        format="json",
    )
    assert r.status_code == 400
    assert "second_investigator" in r.json()
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
    assert not Investigation.objects.filter(application=draft).exists()
    # ... and so the other branch's manager gains no read access to it.
    assert api_for(other_manager).get(f"/api/applications/{draft.pk}/").status_code == 404


def test_service_refuses_second_investigator_of_another_branch(draft, manager, other_manager):
    with pytest.raises(ValidationError, match="在岗客户经理"):
        services.application_start_investigation(
            application=draft, user=manager, second_investigator=other_manager
        )


def test_second_investigator_may_work_at_an_outlet_of_the_branch(draft, manager, manager2):
    # manager2 works at 东街分理处, an outlet of the customer's branch 城关支行.
    services.application_start_investigation(
        application=draft, user=manager, second_investigator=manager2
    )
    assert draft.investigation.second_investigator == manager2


def test_second_investigator_must_be_an_active_manager(draft, manager, head, bank):
    inactive = UserFactory(role=Role.MANAGER, branch=bank["B01"], is_active=False)
    for person in (inactive, head):
        with pytest.raises(ValidationError, match="在岗客户经理"):
            services.application_start_investigation(
                application=draft, user=manager, second_investigator=person
            )


def _referred_with_rating(customer, product, manager, manager2, head):
    product.needs_rating = True
    product.save()
    today = datetime.date.today()
    rating = CreditRating.objects.create(
        customer=customer,
        grade="AA",
        score=Decimal("85"),
        valid_from=today - datetime.timedelta(days=300),
        valid_until=today + datetime.timedelta(days=30),
        rated_by=head,
    )
    application = submitted(
        make_application(customer, product, manager, amount=Decimal("800000")), manager, manager2
    )
    services.application_refer(application=application, reviewer=head, opinion="上会")
    return application, rating


def test_committee_vote_rechecks_eligibility(customer, product, manager, manager2, head, committee):
    application, rating = _referred_with_rating(customer, product, manager, manager2, head)
    # The rating expires while the application waits for the committee.
    CreditRating.objects.filter(pk=rating.pk).update(
        valid_until=datetime.date.today() - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="有效的信用评级"):
        services.committee_vote(application=application, member=committee, vote="approve")
    assert not application.votes.exists()
    # A vote against needs no eligibility.
    services.committee_vote(application=application, member=committee, vote="reject")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED


def test_committee_approves_while_eligibility_holds(
    customer, product, manager, manager2, head, committee, committee2
):
    application, _rating = _referred_with_rating(customer, product, manager, manager2, head)
    services.committee_vote(application=application, member=committee, vote="approve")
    services.committee_vote(application=application, member=committee2, vote="approve")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_unknown_field_is_a_validation_error_not_a_crash(draft, manager, manager2):
    with pytest.raises(ValidationError, match="status"):
        services.application_update(application=draft, user=manager, status="approved")
    services.application_start_investigation(
        application=draft, user=manager, second_investigator=manager2
    )
    with pytest.raises(ValidationError, match="confirmed_at"):
        services.investigation_update(
            application=draft, user=manager, data={"confirmed_at": datetime.datetime.now()}
        )
    # (This one was a TypeError: the row went straight into OtherBorrowing(**row).)
    with pytest.raises(ValidationError, match="bogus"):
        services.investigation_update(
            application=draft,
            user=manager,
            data=GOOD_FINDINGS,
            other_borrowings=[{"lender": "邮储银行", "amount": Decimal("1000"), "bogus": 1}],
        )


def test_services_refuse_a_record_outside_the_users_scope(draft, other_manager, other_head):
    with pytest.raises(PermissionDenied):
        services.document_upload(
            application=draft, user=other_manager, kind="applicant_id", upload=pdf()
        )
    with pytest.raises(PermissionDenied):
        services.application_submit(application=draft, user=other_manager)
    assert draft.documents.count() == 0


def test_auditor_changes_nothing(draft, auditor):
    with pytest.raises(PermissionDenied):
        services.document_upload(application=draft, user=auditor, kind="applicant_id", upload=pdf())


def test_api_answers_another_scopes_customer_like_a_nonexistent_one(
    api_for, manager, product, other_manager
):
    foreign = CustomerFactory(manager=other_manager)
    body = {
        "product": product.pk,
        "amount": "100000.00",
        "term_months": 12,
        "purpose": "扩大养殖",
        "repayment_method": "equal_instalment",
        "proposed_rate": "6.5000",
        "first_repayment_source": "销售收入",
    }
    api = api_for(manager)
    answers = []
    for customer_id in (foreign.pk, 999_999):
        r = api.post("/api/applications/", {**body, "customer": customer_id}, format="json")
        assert r.status_code == 400
        answers.append(r.json()["customer"][0].replace(str(customer_id), "<id>"))
    assert answers[0] == answers[1]
    assert not foreign.applications.exists()
