"""Application pages: lists, the form, the detail page and the credit file's documents."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creditdesk.access import get_for_user
from creditdesk.files import serve_stored_file
from guarantees.views.structure import structure_context
from loans import services
from loans.forms import (
    ApplicationEditForm,
    ApplicationForm,
    DayForm,
    DocumentForm,
    ReviewForm,
    StartInvestigationForm,
    VoteForm,
    WithdrawForm,
)
from loans.models import ApplicationStatus, Document, Investigation, LoanApplication
from loans.views.base import save_form

PAGE_SIZE = 25


def get_application(request, pk, *, write: bool = False) -> LoanApplication:
    return get_for_user(
        LoanApplication.objects.select_related(
            "customer__branch", "customer__manager", "product", "created_by", "approved_by"
        ),
        request.user,
        write=write,
        pk=pk,
    )


def _loan_of(application: LoanApplication):
    """The loan opened from the application, if any (post-loan's record, read through the
    reverse relation: loans does not import the floor above it)."""
    try:
        return application.loan
    except ObjectDoesNotExist:
        return None


def render_detail(request, application: LoanApplication, *, status: int = 200, **forms):
    """The application page; a refused form is passed in bound, with its errors."""
    investigation = (
        Investigation.objects.select_related("investigator", "second_investigator")
        .prefetch_related("other_borrowings")
        .filter(application=application)
        .first()
    )
    user = request.user
    context = {
        "application": application,
        "investigation": investigation,
        "recommendation": services.recommendation_for(application),
        "timeline": application.time_in_states(),
        "checklist": application.document_checklist(),
        "documents": application.documents.select_related("uploaded_by"),
        "decisions": application.decisions.select_related("decided_by"),
        "votes": application.votes.select_related("member"),
        "loan": _loan_of(application),
        "is_handler": user.pk in (application.created_by_id, application.customer.manager_id),
        "is_second_investigator": investigation is not None
        and investigation.second_investigator_id == user.pk,
        "can_review": user.is_branch_head and application.status == ApplicationStatus.SUBMITTED,
        "can_vote": user.is_committee
        and application.status == ApplicationStatus.REFERRED
        and not application.votes.filter(member=user).exists(),
        "start_form": StartInvestigationForm(application=application, user=user),
        "document_form": DocumentForm(),
        "review_form": ReviewForm(),
        "vote_form": VoteForm(),
        "day_form": DayForm(),
        "withdraw_form": WithdrawForm(),
        "four_eyes": services.four_eyes_problem(application, user),
        **structure_context(application, user),
        **forms,
    }
    return render(request, "loans/application_detail.html", context, status=status)


@login_required
def application_list(request):
    applications = LoanApplication.objects.visible_to(request.user).for_list()
    status = request.GET.get("status", "")
    if status in ApplicationStatus.values:
        applications = applications.filter(status=status)
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "loans/application_list.html",
        {"page": page, "status": status, "statuses": ApplicationStatus.choices},
    )


@login_required
def approval_queue(request):
    applications = LoanApplication.objects.approval_queue(request.user)
    return render(request, "loans/queue.html", {"applications": applications})


@login_required
def application_create(request):
    if request.method == "POST":
        form = ApplicationForm(request.POST, user=request.user)
        done = save_form(
            request,
            form,
            services.application_create,
            arguments=lambda data: {"created_by": request.user, **data},
            success=_("申请已创建。"),
            then=lambda application: application.get_absolute_url(),
        )
        if done:
            return done
    else:
        form = ApplicationForm(user=request.user, initial=request.GET.dict())
    return render(request, "loans/application_form.html", {"form": form})


@login_required
def application_edit(request, pk: int):
    """Change the request while it is with the manager (draft, investigating, returned)."""
    application = get_application(request, pk, write=request.method == "POST")
    if request.method == "POST":
        form = ApplicationEditForm(request.POST, instance=LoanApplication(pk=application.pk))
        done = save_form(
            request,
            form,
            services.application_update,
            arguments=lambda data: {"application": application, "user": request.user, **data},
            success=_("申请已修改。"),
            then=application.get_absolute_url(),
        )
        if done:
            return done
    else:
        form = ApplicationEditForm(instance=application)
    return render(
        request, "loans/application_form.html", {"form": form, "application": application}
    )


@login_required
def application_detail(request, pk: int):
    return render_detail(request, get_application(request, pk))


@login_required
@require_POST
def document_upload(request, pk: int):
    application = get_application(request, pk, write=True)
    form = DocumentForm(request.POST, request.FILES)
    done = save_form(
        request,
        form,
        services.document_upload,
        arguments=lambda data: {
            "application": application,
            "user": request.user,
            "kind": data["kind"],
            "upload": data["file"],
        },
        success=_("材料已上传。"),
        then=application.get_absolute_url(),
    )
    if done:
        return done
    return render_detail(request, application, document_form=form)


@login_required
def document_download(request, pk: int):
    """A scanned document, served only to those who may read its application."""
    document = get_for_user(Document.objects.all(), request.user, pk=pk)
    return serve_stored_file(
        document.file, content_type=document.content_type, filename=document.download_name
    )


@login_required
def missing_documents(request, pk: int):
    """一次性告知: everything still needed, on one printable page."""
    application = get_application(request, pk)
    return render(
        request,
        "loans/missing_documents.html",
        {"application": application, "missing": application.missing_documents()},
    )
