"""Marketing (营销): the pipeline stage of a customer and the products they hold."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from creditdesk.history import audited_delete, audited_save
from creditdesk.models import User
from customers.models import Customer, CustomerStatus, PipelineStage, Product, ProductHolding
from customers.reasons import CustomersReason
from customers.services.common import lock


@transaction.atomic
def customer_move_stage(
    *, customer: Customer, by: User, stage: str, lost_reason: str = ""
) -> Customer:
    """Move a customer along the marketing pipeline; "lost" needs a reason."""
    customer = lock(Customer.objects, customer, by=by, action="customers.marketing")
    if stage not in PipelineStage.values:
        raise ValidationError({"stage": _("无效的营销阶段。")})
    lost_reason = (lost_reason or "").strip()
    if stage == PipelineStage.LOST and not lost_reason:
        raise ValidationError({"lost_reason": _("标记为流失时请写明原因。")})
    customer.stage = stage
    customer.lost_reason = lost_reason if stage == PipelineStage.LOST else ""
    if stage == PipelineStage.CUSTOMER and customer.status == CustomerStatus.PROSPECT:
        customer.status = CustomerStatus.ACTIVE
    elif stage == PipelineStage.LOST:
        customer.status = CustomerStatus.LOST
    return audited_save(
        customer, by=by, reason=CustomersReason.MOVE_STAGE, note=customer.lost_reason, clean=False
    )


@transaction.atomic
def products_set(
    *, customer: Customer, by: User, products: Iterable[str], since: datetime.date | None = None
) -> list[ProductHolding]:
    """Set the products the customer holds: added ones get ``since``, removed ones go."""
    customer = lock(Customer.objects, customer, by=by, action="customers.marketing")
    wanted = set(products)
    if wanted - set(Product.values):
        raise ValidationError({"products": _("无效的产品。")})
    held = {h.product: h for h in ProductHolding.objects.filter(customer=customer)}
    for product, holding in held.items():
        if product not in wanted:
            audited_delete(holding, by=by, reason=CustomersReason.PRODUCT_REMOVE)
    for product in sorted(wanted - set(held)):
        holding = ProductHolding(customer=customer, product=product, since=since)
        audited_save(holding, by=by, reason=CustomersReason.PRODUCT_ADD, clean=False)
    return list(ProductHolding.objects.filter(customer=customer))
