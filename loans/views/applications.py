"""Application pages: lists, the form, the detail page and the credit file's documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creditdesk import paging, web
from creditdesk.access import get_for_user
from creditdesk.files import serve_stored_file
from customers.models import Customer
from guarantees.views.structure import structure_context
from loans import prefill, services
from loans.forms import (
    ApplicationEditForm,
    ApplicationForm,
    DayForm,
    DocumentsForm,
    ReviewForm,
    StartInvestigationForm,
    VoteForm,
    WithdrawForm,
)
from loans.models import ApplicationStatus, Document, DocumentKind, Investigation, LoanApplication
from loans.queries import decision_facts
from loans.views.base import save_form

PAGE_SIZE = 25
SEARCH_ROWS = 8


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
    today = timezone.localdate()
    forms = {k: v for k, v in forms.items() if v is not None}
    held = prefill.held_documents(application, today) if application.is_editable else []
    guarantees = structure_context(application, user)
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
        "document_form": DocumentsForm(held=held),
        "next_kinds": prefill.next_missing_kinds(application, skip={d.kind for d in held}),
        "kind_choices": DocumentKind.choices,
        "review_form": ReviewForm(),
        "vote_form": VoteForm(),
        "day_form": DayForm(),
        "withdraw_form": WithdrawForm(),
        "four_eyes": services.four_eyes_problem(application, user),
        **_blocked_steps(application, investigation, user),
        **guarantees,
        "decision": decision_facts(
            application,
            investigation=investigation,
            structure=guarantees["guarantee_structure"],
        ),
        **forms,
    }
    return render(request, "loans/application_detail.html", context, status=status)


def _blocked_steps(application: LoanApplication, investigation, user) -> dict:
    """Why a step's button cannot act yet, from the rule its service applies (the button is
    disabled and the reasons are shown beside it)."""
    blocked = {"submit_blockers": [], "confirm_blockers": []}
    if application.status in (ApplicationStatus.INVESTIGATING, ApplicationStatus.RETURNED):
        if user.pk in (application.created_by_id, application.customer.manager_id):
            blocked["submit_blockers"] = services.submission_problems(
                application, on=timezone.localdate()
            )
        if investigation is not None and investigation.second_investigator_id == user.pk:
            problems = services.confirmation_problems(investigation)
            blocked["confirm_blockers"] = [m for ms in problems.values() for m in ms]
    return blocked


@login_required
def application_list(request):
    applications = LoanApplication.objects.visible_to(request.user).for_list()
    status = request.GET.get("status", "")
    if status in ApplicationStatus.values:
        applications = applications.filter(status=status)
    size = paging.page_size(request, PAGE_SIZE)
    page = paging.Paginator(applications, size).get_page(request.GET.get("page"))
    return render(
        request,
        "loans/application_list.html",
        {
            "page": page,
            "status": status,
            "statuses": ApplicationStatus.choices,
            "query": paging.other_parameters(request),
        },
    )


@login_required
def approval_queue(request):
    """What waits for the approver, oldest first, a page at a time (a branch's queue can be
    thousands long: the index on status and submission time serves the order)."""
    applications = LoanApplication.objects.approval_queue(request.user)
    size = paging.page_size(request, PAGE_SIZE)
    page = paging.Paginator(applications, size).get_page(request.GET.get("page"))
    return render(
        request,
        "loans/queue.html",
        {"page": page, "query": paging.other_parameters(request)},
    )


@login_required
def application_create(request):
    """The new application: the customer found by typing, then proposals from what the bank
    knows (loans.prefill); with a second investigator named, the investigation starts too."""
    today = timezone.localdate()
    if request.method == "POST":
        form = ApplicationForm(request.POST, user=request.user)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "second_investigator"}
            application = web.submit(
                form, services.application_create, created_by=request.user, **data
            )
            if application is not web.NOT_DONE:
                return _created(request, application, form.cleaned_data.get("second_investigator"))
    else:
        form = ApplicationForm(user=request.user, initial=request.GET.dict())
        if form.customer is not None:
            initial = prefill.application_initial(form.customer, request.GET.dict(), today)
            form = ApplicationForm(user=request.user, initial=initial)
    return _render_new(request, form, today)


def _render_new(request, form: ApplicationForm, today):
    customer = form.customer
    facts = prefill.line_facts(customer, today) if customer is not None else None
    product_id = form["product"].value()
    product = (
        form.fields["product"].queryset.filter(pk=product_id).first()
        if str(product_id or "").isdigit()
        else None
    )
    for name, hint in prefill.limit_hints(product, facts).items():
        form.fields[name].help_text = hint
    return render(
        request,
        "loans/application_form.html",
        {"form": form, "customer": customer, "facts": facts},
    )


def _created(request, application: LoanApplication, second):
    """After the application: its investigation started if a second investigator was named
    (a refusal there leaves the draft and says why on its page)."""
    if second is None:
        messages.success(request, _("申请已创建。"))
        return redirect(application)
    try:
        services.application_start_investigation(
            application=application, user=request.user, second_investigator=second
        )
    except ValidationError as exc:
        messages.success(request, _("申请已创建。"))
        for message in exc.messages:
            messages.error(request, message)
        return redirect(application)
    messages.success(request, _("申请已创建，已开始贷前调查。"))
    return redirect("loans:investigation_edit", application.pk)


@login_required
def customer_search(request):
    """The type-ahead of the new-application form: customers in scope matching what was typed
    (name, ID number or phone), a few at a time."""
    text = request.GET.get("q", "").strip()
    found = []
    if text:
        found = list(
            Customer.objects.visible_to(request.user)
            .search(text)
            .with_current_grade()
            .order_by("name", "pk")[:SEARCH_ROWS]
        )
    return render(request, "loans/_customer_results.html", {"customers": found, "q": text})


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
    """Several scans at once, each filed as the kind chosen beside it (proposed from the
    checklist), and the documents the bank already holds attached instead of scanned again.
    From htmx the documents card and the action box are answered in place (no page load)."""
    application = get_application(request, pk, write=True)
    today = timezone.localdate()
    held = prefill.held_documents(application, today)
    form = DocumentsForm(request.POST, request.FILES, held=held)
    results: list[str] = []
    if form.is_valid():
        if form.cleaned_data["held"]:
            attached = web.submit(
                form,
                services.document_attach_held,
                application=application,
                user=request.user,
                documents=list(form.cleaned_data["held"]),
            )
            if attached is not web.NOT_DONE:
                results += [
                    _("已沿用：%(kind)s") % {"kind": d.get_kind_display()} for d in attached
                ]
        kinds = form.cleaned_data["kinds"] or []
        proposed = prefill.next_missing_kinds(application)
        for n, upload in enumerate(form.cleaned_data["files"]):
            kind = kinds[n] if n < len(kinds) else proposed[min(n, len(proposed) - 1)]
            done = web.submit(
                form,
                services.document_upload,
                application=application,
                user=request.user,
                kind=kind,
                upload=upload,
            )
            if done is not web.NOT_DONE:
                results.append(
                    _("已上传：%(name)s → %(kind)s")
                    % {"name": upload.name, "kind": done.get_kind_display()}
                )
    if not request.headers.get("HX-Request") and not form.errors:
        for line in results:
            messages.success(request, line)
        return redirect(application)
    if not form.errors:
        form = None  # a fresh form, with what is still missing proposed
    return render_detail(request, application, document_form=form, upload_results=results)


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
