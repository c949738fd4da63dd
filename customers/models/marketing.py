"""Cross-selling (交叉销售): the bank products a customer holds."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creditdesk.validators import reasonable_date
from customers.models.customer import Customer, customer_scope


class Product(models.TextChoices):
    """Products for cross-selling (交叉销售)."""

    DEPOSIT = "deposit", _("存款")
    PAYROLL = "payroll", _("代发工资")
    CARD = "card", _("银行卡")
    ONLINE_BANKING = "online_banking", _("网上银行")
    MOBILE_BANKING = "mobile_banking", _("手机银行")
    ACCEPTANCE_BILL = "acceptance_bill", _("银行承兑汇票")
    DISCOUNTING = "discounting", _("票据贴现")


class ProductHoldingQuerySet(models.QuerySet):
    def visible_to(self, user) -> ProductHoldingQuerySet:
        return self.filter(customer_scope(user))


class ProductHolding(models.Model):
    """A bank product the customer holds (已持有产品)."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("客户"), on_delete=models.CASCADE, related_name="products"
    )
    product = models.CharField(_("产品"), max_length=30, choices=Product.choices)
    since = models.DateField(_("开通日期"), null=True, blank=True, validators=[reasonable_date])

    objects = ProductHoldingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("持有产品")
        verbose_name_plural = _("持有产品")
        ordering = ["customer", "product"]
        constraints = [
            models.CheckConstraint(
                condition=Q(product__in=Product.values), name="holding_product_valid"
            ),
            models.UniqueConstraint(fields=["customer", "product"], name="holding_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.customer} {self.get_product_display()}"
