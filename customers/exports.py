"""Customer ledger exports that scale: small lists in the request, large ones in the background.

A branch's 50,000 customers take seconds to write — too long for a web request. Above
``settings.EXPORT_IN_REQUEST_UP_TO`` rows the list page's export starts a
:class:`~customers.models.CustomerExport`, a Celery task writes it (:func:`run`) while the
requester's page polls its progress, and the file is then downloaded by the requester alone.
The rows are the requester's scope and filters as at the time the task runs.

An export is not a record of the bank (no history rows): a file and its progress.
"""

from __future__ import annotations

import logging
import tempfile
from types import SimpleNamespace

from django.conf import settings
from django.core.files.base import File
from django.http import QueryDict
from django.utils import timezone

from customers import imports
from customers.filters import CustomerFilter
from customers.models import Customer, CustomerExport, ExportStatus

log = logging.getLogger(__name__)

CHUNK = 2000


def customers_for(user, query: str):
    """The customers of ``user``'s list with the filters of ``query`` (a query string)."""
    queryset = Customer.objects.visible_to(user).for_list()
    filterset = CustomerFilter(
        QueryDict(query) or None, queryset=queryset, request=SimpleNamespace(user=user)
    )
    return filterset.qs


def too_large_for_a_request(customers) -> bool:
    limit = settings.EXPORT_IN_REQUEST_UP_TO
    return customers.order_by().values("pk")[: limit + 1].count() > limit


def export_start(*, user, query: str) -> CustomerExport:
    """Record the export of ``user``'s customer list filtered by ``query``; the caller queues
    ``customers.tasks.export_customers`` for it once committed (tasks import this module)."""
    return CustomerExport.objects.create(requested_by=user, query=query[:1000])


def run(export_id: int) -> CustomerExport:
    """Write the export's file, saving the progress as it goes (the task calls this)."""
    export = CustomerExport.objects.select_related("requested_by").get(pk=export_id)
    if export.is_finished:
        return export
    rows = customers_for(export.requested_by, export.query)
    total = rows.count()  # once per export, in the background
    CustomerExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING, rows_total=total, rows_done=0
    )

    def progress(done: int) -> None:
        CustomerExport.objects.filter(pk=export.pk).update(rows_done=done)

    try:
        with tempfile.TemporaryFile() as out:
            written = imports.write_export(
                rows.iterator(chunk_size=CHUNK), out, progress=progress, every=CHUNK
            )
            out.seek(0)
            export.file.save(f"{export.pk}.xlsx", File(out), save=False)
    except Exception:
        log.exception("customer export %s failed", export.pk)
        CustomerExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.FAILED, finished_at=timezone.now()
        )
        raise
    CustomerExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.DONE,
        rows_total=written,
        rows_done=written,
        file=export.file.name,
        finished_at=timezone.now(),
    )
    export.refresh_from_db()
    return export
