"""The classification pages and API (五级分类): the loan page's card, the manager's proposal,
the branch head's decision and restructuring mark, the head's list of pending upgrades."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from creditdesk.models import Notification
from postloan import services
from postloan.models import ClassificationProposal, LoanClass, LoanMove, ProposalStatus

pytestmark = pytest.mark.django_db

N, SM, SUB, D, L = (c.value for c in LoanClass)


def _propose(client, loan, category, reason="停产"):
    url = reverse("postloan:classification_propose", args=[loan.pk])
    return client.post(url, {"category": category, "reason": reason})


def _decide(client, proposal, decision, opinion=""):
    url = reverse("postloan:classification_decide", args=[proposal.pk])
    return client.post(url, {"decision": decision, "opinion": opinion})


def test_a_worse_category_proposed_by_the_manager_applies_at_once(loan, manager, client_for):
    client = client_for(manager)
    response = _propose(client, loan, SUB)
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.classification == SUB
    move = LoanMove.objects.get(loan=loan)
    assert (move.from_value, move.to_value, move.by) == (N, SUB, manager)
    page = client.get(loan.get_absolute_url()).content.decode()
    assert 'id="class-moves"' in page and "正常 → 次级" in page
    assert 'id="class-pending"' not in page


def test_a_better_category_waits_for_the_head_who_approves_it(loan, manager, head, client_for):
    services.classification_propose(loan=loan, by=manager, category=SUB, reason="停产")
    client = client_for(manager)
    assert _propose(client, loan, SM, "已复产").status_code == 302
    loan.refresh_from_db()
    assert loan.classification == SUB  # not yet
    proposal = ClassificationProposal.objects.get(status=ProposalStatus.PENDING)
    page = client.get(loan.get_absolute_url()).content.decode()
    assert 'id="class-pending"' in page and 'id="decide-form"' not in page  # manager: no buttons
    assert Notification.objects.open().filter(recipient=head).count() == 1

    head_client = client_for(head)
    listing = head_client.get(reverse("postloan:classification_proposals")).content.decode()
    assert loan.contract_number in listing
    home = head_client.get(reverse("home")).content.decode()
    assert 'id="panel-upgrades"' in home and loan.contract_number in home
    page = head_client.get(loan.get_absolute_url()).content.decode()
    assert 'id="decide-form"' in page and 'id="class-decide-refused"' not in page
    assert _decide(head_client, proposal, "approve", "同意").status_code == 302
    loan.refresh_from_db()
    proposal.refresh_from_db()
    assert loan.classification == SM
    assert (proposal.status, proposal.decided_by) == (ProposalStatus.APPLIED, head)
    assert Notification.objects.open().filter(recipient=head).count() == 0
    assert LoanMove.objects.filter(loan=loan, to_value=SM, by=head).exists()


def test_a_rejection_without_opinion_keeps_the_form(loan, manager, head, client_for):
    services.classification_propose(loan=loan, by=manager, category=SUB, reason="停产")
    proposal = services.classification_propose(loan=loan, by=manager, category=N, reason="好转")
    response = _decide(client_for(head), proposal, "reject", "")
    assert response.status_code == 200
    assert "驳回须填写意见" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_a_refused_proposal_keeps_what_was_typed(loan, manager, client_for):
    response = _propose(client_for(manager), loan, SUB, reason="")
    assert response.status_code == 200
    # the service's refusal: the same category as now, beside the field, the reason kept
    response = _propose(client_for(manager), loan, N, reason="客户经营正常，无异常")
    html = response.content.decode()
    assert response.status_code == 200
    assert "与现有分类相同" in html and "客户经营正常，无异常" in html
    loan.refresh_from_db()
    assert loan.classification == N


def test_the_manager_cannot_decide(loan, manager, head, client_for, api_for):
    services.classification_propose(loan=loan, by=head, category=SUB, reason="停产")
    proposal = services.classification_propose(loan=loan, by=head, category=SM, reason="好转")
    assert _decide(client_for(manager), proposal, "approve", "同意").status_code == 403
    url = reverse("classification-proposal-decide", args=[proposal.pk])
    assert api_for(manager).post(url, {"approve": True}, format="json").status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_the_head_cannot_decide_their_own_proposal_and_sees_why(loan, head, client_for):
    services.classification_propose(loan=loan, by=head, category=SUB, reason="停产")
    proposal = services.classification_propose(loan=loan, by=head, category=SM, reason="好转")
    page = client_for(head).get(loan.get_absolute_url()).content.decode()
    assert 'id="class-decide-refused"' in page and "不能审批本人提出的分类调整" in page
    assert 'id="class-approve" disabled' in page and 'id="class-reject" disabled' in page
    assert _decide(client_for(head), proposal, "approve", "同意").status_code == 200
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_another_branch_gets_404(loan, manager, other_head, other_manager, client_for, api_for):
    services.classification_propose(loan=loan, by=manager, category=SUB, reason="停产")
    proposal = services.classification_propose(loan=loan, by=manager, category=SM, reason="好转")
    assert _propose(client_for(other_manager), loan, L).status_code == 404
    assert _decide(client_for(other_head), proposal, "approve", "同意").status_code == 404
    api = api_for(other_head)
    decide = reverse("classification-proposal-decide", args=[proposal.pk])
    assert api.post(decide, {"approve": True}, format="json").status_code == 404
    listing = client_for(other_head).get(reverse("postloan:classification_proposals"))
    assert loan.contract_number not in listing.content.decode()


def test_the_auditor_reads_but_may_not_write(loan, manager, auditor, client_for, api_for):
    services.classification_propose(loan=loan, by=manager, category=SUB, reason="停产")
    proposal = services.classification_propose(loan=loan, by=manager, category=SM, reason="好转")
    client = client_for(auditor)
    page = client.get(loan.get_absolute_url()).content.decode()
    assert 'id="class-pending"' in page
    assert 'id="classify-form"' not in page and 'id="decide-form"' not in page
    assert _propose(client, loan, L).status_code == 403
    assert _decide(client, proposal, "approve", "同意").status_code == 403
    api = api_for(auditor)
    assert api.get(reverse("classification-proposal-detail", args=[proposal.pk])).status_code == 200
    url = reverse("loan-classification", args=[loan.pk])
    assert api.post(url, {"category": L, "reason": "x"}, format="json").status_code == 403
    loan.refresh_from_db()
    assert loan.classification == SUB


def test_the_head_marks_a_refinanced_loan_which_leaves_normal(loan, head, client_for):
    until = timezone.localdate() + datetime.timedelta(days=180)
    url = reverse("postloan:loan_restructure", args=[loan.pk])
    response = client_for(head).post(url, {"kind": "refinanced", "observation_until": until})
    assert response.status_code == 302
    loan.refresh_from_db()
    assert (loan.restructure, loan.observation_until, loan.classification) == (
        "refinanced",
        until,
        SM,
    )
    page = client_for(head).get(loan.get_absolute_url()).content.decode()
    assert "借新还旧" in page and until.isoformat() in page


def test_the_manager_may_not_mark_restructured(loan, manager, client_for):
    url = reverse("postloan:loan_restructure", args=[loan.pk])
    until = timezone.localdate() + datetime.timedelta(days=180)
    assert (
        client_for(manager)
        .post(url, {"kind": "refinanced", "observation_until": until})
        .status_code
        == 403
    )
    assert (
        'id="restructure-form"'
        not in client_for(manager).get(loan.get_absolute_url()).content.decode()
    )


def test_the_api_proposes_and_decides(loan, manager, head, api_for):
    propose = reverse("loan-classification", args=[loan.pk])
    worse = api_for(manager).post(propose, {"category": SUB, "reason": "停产"}, format="json")
    assert worse.status_code == 201 and worse.json()["status"] == ProposalStatus.APPLIED
    better = api_for(manager).post(propose, {"category": SM, "reason": "复产"}, format="json")
    assert better.status_code == 201 and better.json()["status"] == ProposalStatus.PENDING
    listing = api_for(head).get(reverse("classification-proposal-list"), {"status": "pending"})
    assert [p["id"] for p in listing.json()["results"]] == [better.json()["id"]]
    decide = reverse("classification-proposal-decide", args=[better.json()["id"]])
    refused = api_for(head).post(decide, {"approve": False, "opinion": ""}, format="json")
    assert refused.status_code == 400
    done = api_for(head).post(decide, {"approve": True, "opinion": "同意"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == ProposalStatus.APPLIED
    loan.refresh_from_db()
    assert loan.classification == SM


def test_deciding_twice_says_why(loan, manager, head, client_for):
    services.classification_propose(loan=loan, by=manager, category=SUB, reason="停产")
    proposal = services.classification_propose(loan=loan, by=manager, category=SM, reason="好转")
    client = client_for(head)
    assert _decide(client, proposal, "approve", "同意").status_code == 302
    again = _decide(client, proposal, "reject", "不同意")
    assert again.status_code == 200 and "该分类调整已处理" in again.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPLIED
