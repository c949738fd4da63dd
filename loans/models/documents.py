"""Scanned documents of the credit file (申请材料)."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from loans.models.application import LoanApplication
from loans.models.base import scoped
from loans.models.product import DocumentKind


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> DocumentQuerySet:
        return self.filter(scoped(user, "application__"))


EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def document_path(instance: Document, filename: str) -> str:
    """A name the server chooses: random, with the extension of the sniffed content type.
    Nothing the uploader typed reaches the path (the original name is kept for display)."""
    return f"loans/documents/{uuid.uuid4().hex}{EXTENSIONS[instance.content_type]}"


class Document(models.Model):
    """A scanned document of the credit file (PDF, JPEG or PNG, checked by content)."""

    application = models.ForeignKey(
        LoanApplication, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("材料类型"), max_length=30, choices=DocumentKind.choices)
    file = models.FileField(_("文件"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=200, blank=True)
    content_type = models.CharField(_("文件格式"), max_length=30)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="document_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(content_type__in=["application/pdf", "image/jpeg", "image/png"]),
                name="document_content_type_allowed",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    def get_absolute_url(self) -> str:
        return reverse("loans:document_download", args=[self.pk])

    @property
    def download_name(self) -> str:
        """The name offered to the browser: the uploader's name, made safe, with the
        extension of what the file really is (``evil.html`` holding a PDF is ``evil.pdf``)."""
        stem = re.sub(r"[^\w\-]+", "_", Path(self.original_name).stem).strip("._-")[:80]
        return f"{stem or self.get_kind_display()}{EXTENSIONS[self.content_type]}"
