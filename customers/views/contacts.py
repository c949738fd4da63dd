"""The contact log on the customer's file, and the list of follow-ups due."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creditdesk import web
from creditdesk.access import get_for_user, may
from creditdesk.paging import Paginator
from customers.forms import ContactForm
from customers.models import Contact
from customers.services import contacts
from customers.views.common import file_url, get_customer, record_on_file


class _Dial(HttpResponseRedirect):
    allowed_schemes = ["tel"]


@login_required
def customer_call(request, pk: int):
    """Tap-to-call from a list. Lists show phones masked and never carry the number, so the
    tap asks for it — answered only in the caller's scope — and the phone's dialer opens on
    the redirect to ``tel:``."""
    customer = get_customer(request, pk)
    if not customer.phone:
        messages.info(request, _("该客户没有登记手机号码。"))
        return redirect(file_url(customer.pk))
    return _Dial(f"tel:{customer.phone}")


def _get_contact(request, pk: int) -> Contact:
    return get_for_user(Contact.objects.select_related("customer"), request.user, write=True, pk=pk)


@login_required
def contact_add(request, pk: int):
    return record_on_file(
        request,
        pk,
        form_class=ContactForm,
        service=contacts.contact_log,
        title=_("记录客户接触"),
        success=_("已记录接触。"),
        anchor="#contacts",
        initial={"occurred_on": timezone.localdate()},
    )


@login_required
def contact_edit(request, pk: int):
    contact = _get_contact(request, pk)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        done = web.submit(
            form,
            contacts.contact_update,
            contact=contact,
            by=request.user,
            values=form.cleaned_data,
        )
        if done is not web.NOT_DONE:
            messages.success(request, _("接触记录已保存。"))
            return redirect(file_url(contact.customer_id, "#contacts"))
    return render(
        request,
        "customers/simple_form.html",
        {"form": form, "customer": contact.customer, "title": _("修改接触记录")},
    )


@login_required
@require_POST
def contact_delete(request, pk: int):
    contact = _get_contact(request, pk)
    return web.act(
        request,
        contacts.contact_delete,
        success=_("已删除接触记录。"),
        then=file_url(contact.customer_id, "#contacts"),
        contact=contact,
        by=request.user,
    )


@login_required
@require_POST
def contact_done(request, pk: int):
    contact = _get_contact(request, pk)
    back = web.safe_next(request, file_url(contact.customer_id, "#contacts"))
    return web.act(
        request,
        contacts.contact_follow_up_done,
        success=_("已完成跟进。"),
        then=back,
        contact=contact,
        by=request.user,
    )


@login_required
def followups(request):
    """Every open follow-up in scope, the overdue first."""
    today = timezone.localdate()
    due = (
        Contact.objects.visible_to(request.user)
        .filter(follow_up_on__isnull=False, follow_up_done=False)
        .select_related("customer")
        .order_by("follow_up_on", "pk")
    )
    page = Paginator(due, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "customers/followups.html",
        {"page": page, "today": today, "can_write": may(request.user, "customers.contact")},
    )
