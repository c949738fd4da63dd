"""The credit file's scanned documents (申请材料)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creditdesk.history import audited_save
from creditdesk.models import User
from loans.documents import ALLOWED_CONTENT_TYPES, MAX_UPLOAD_BYTES, sniff_upload
from loans.models import EDITABLE_STATUSES, Document, LoanApplication
from loans.prefill import held_documents
from loans.reasons import LoansReason
from loans.services.workflow import (
    lock_application,
    require_application_in_scope,
    require_status,
)


@transaction.atomic
def document_upload(*, application: LoanApplication, user: User, kind: str, upload) -> Document:
    """Add a scanned document to the credit file: PDF, JPEG or PNG by content, at most 10 MB;
    only while the application is with the manager (draft, investigating, returned) — what
    was submitted, decided or signed is the record and stays as it was."""
    application = lock_application(application)
    require_application_in_scope(application, user, action="loans.documents")
    require_status(application, EDITABLE_STATUSES, _("添加材料"))
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": _("文件超过 10 MB 上限。")})
    content_type = sniff_upload(upload)
    if content_type not in ALLOWED_CONTENT_TYPES:
        raise ValidationError({"file": _("只接受 PDF、JPEG 或 PNG 文件（按文件内容识别）。")})
    document = Document(
        application=application,
        kind=kind,
        file=upload,
        content_type=content_type,
        # Kept for display only; the stored name is chosen by document_path.
        original_name=(upload.name or "")[:200],
        size=upload.size,
        uploaded_by=user,
    )
    return audited_save(document, by=user, reason=LoansReason.DOCUMENT_UPLOAD, exclude=["file"])


@transaction.atomic
def document_attach_held(
    *, application: LoanApplication, user: User, documents: list[Document]
) -> list[Document]:
    """File documents the bank already holds for this customer (an earlier application's ID
    copies, credit-report authorisations, family consent) in this credit file instead of
    scanning them again: the same stored file, a new entry here. Only kinds still missing and
    still valid (``loans.prefill.held_documents``); anything else is refused."""
    application = lock_application(application)
    require_application_in_scope(application, user, action="loans.documents")
    require_status(application, EDITABLE_STATUSES, _("添加材料"))
    allowed = {held.pk for held in held_documents(application, timezone.localdate())}
    if any(document.pk not in allowed for document in documents):
        raise ValidationError(
            {"held": _("所选材料不能沿用：不是本客户的、已过有效期，或本申请已有该类材料。")}
        )
    return [
        audited_save(
            Document(
                application=application,
                kind=held.kind,
                file=held.file.name,
                content_type=held.content_type,
                original_name=held.original_name,
                size=held.size,
                uploaded_by=user,
            ),
            by=user,
            reason=LoansReason.DOCUMENT_ATTACH,
            note=f"#{held.application_id}",
            exclude=["file"],
        )
        for held in documents
    ]
