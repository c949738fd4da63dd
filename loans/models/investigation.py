"""The pre-loan investigation (贷前调查): three qualities, four methods, five criteria."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creditdesk.validators import reasonable_date
from loans.models.application import LoanApplication
from loans.models.base import MONEY, RATE, ZERO, scoped, scoped_or_investigator


class Quality(models.TextChoices):
    GOOD = "good", _("好")
    FAIR = "fair", _("一般")
    POOR = "poor", _("差")


class Answer(models.TextChoices):
    ANSWERED = "answered", _("能回答")
    UNKNOWN = "unknown", _("答不上来")


#: The "ask" items of the four methods (问): field name → label.
ASK_ITEMS = {
    "ask_production_sales": _("生产与销售"),
    "ask_receivables_payables": _("应收与应付"),
    "ask_upstream_downstream": _("上下游客户"),
    "ask_wages": _("工资发放"),
    "ask_water_power": _("水电用量"),
}
#: The five criteria of credit evaluation.
FIVE_CRITERIA = {
    "crit_morality": _("个人品德"),
    "crit_repayment": _("还款能力"),
    "crit_capital": _("资本实力"),
    "crit_environment": _("经营环境"),
    "crit_guarantee": _("担保条件"),
}


class InvestigationQuerySet(models.QuerySet):
    def visible_to(self, user) -> InvestigationQuerySet:
        return self.filter(scoped_or_investigator(user, "application__"))


def _quality(label):
    return models.CharField(label, max_length=10, choices=Quality.choices, blank=True)


def _answer(label):
    return models.CharField(label, max_length=10, choices=Answer.choices, blank=True)


class Investigation(models.Model):
    """Pre-loan investigation (贷前调查): three qualities, four methods, two investigators."""

    application = models.OneToOneField(
        LoanApplication, on_delete=models.CASCADE, related_name="investigation"
    )
    investigator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("主调查人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    second_investigator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("协助调查人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("协助调查人确认时间"), null=True, blank=True)
    visit_date = models.DateField(
        _("实地调查日期"), null=True, blank=True, validators=[reasonable_date]
    )
    # Three qualities (三品)
    character = _quality(_("人品"))
    character_evidence = models.TextField(_("人品依据"), blank=True)
    product_quality = _quality(_("产品"))
    product_evidence = models.TextField(_("产品依据"), blank=True)
    collateral = _quality(_("押品"))
    collateral_evidence = models.TextField(_("押品依据"), blank=True)
    # Four methods (四策): observe, hear, ask, match
    observe_notes = models.TextField(_("望：言谈举止与精神面貌"), blank=True)
    hear_sources = models.TextField(_("闻：口碑来源"), blank=True)
    hear_cross_checked = models.BooleanField(_("已多渠道交叉核实"), default=False)
    ask_production_sales = _answer(ASK_ITEMS["ask_production_sales"])
    ask_receivables_payables = _answer(ASK_ITEMS["ask_receivables_payables"])
    ask_upstream_downstream = _answer(ASK_ITEMS["ask_upstream_downstream"])
    ask_wages = _answer(ASK_ITEMS["ask_wages"])
    ask_water_power = _answer(ASK_ITEMS["ask_water_power"])
    ask_notes = models.TextField(_("问：记录"), blank=True)
    annual_sales = models.DecimalField(_("年销售收入（元）"), null=True, blank=True, **MONEY)
    profit_margin = models.DecimalField(_("销售利润率（%）"), default=Decimal("10"), **RATE)
    sales_growth = models.DecimalField(_("预计销售增长率（%）"), default=Decimal("0"), **RATE)
    own_funds = models.DecimalField(_("自有资金（元）"), default=ZERO, **MONEY)
    suggested_amount = models.DecimalField(_("建议金额（元）"), null=True, blank=True, **MONEY)
    suggested_term_months = models.PositiveSmallIntegerField(
        _("建议期限（月）"), null=True, blank=True
    )
    # Five criteria
    crit_morality = _quality(FIVE_CRITERIA["crit_morality"])
    crit_repayment = _quality(FIVE_CRITERIA["crit_repayment"])
    crit_capital = _quality(FIVE_CRITERIA["crit_capital"])
    crit_environment = _quality(FIVE_CRITERIA["crit_environment"])
    crit_guarantee = _quality(FIVE_CRITERIA["crit_guarantee"])
    report = models.TextField(_("调查报告"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InvestigationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("贷前调查")
        verbose_name_plural = _("贷前调查")
        constraints = [
            models.CheckConstraint(
                condition=~Q(investigator=models.F("second_investigator")),
                name="investigation_two_people",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__in": [*Quality.values, ""]}),
                    name=f"investigation_{name}_valid",
                )
                for name in ("character", "product_quality", "collateral", *FIVE_CRITERIA)
            ],
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__in": [*Answer.values, ""]}),
                    name=f"investigation_{name}_valid",
                )
                for name in ASK_ITEMS
            ],
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self._meta.verbose_name}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def gaps(self) -> dict[str, str]:
        """What a complete investigation still lacks, by field: the visit, the evidence for
        each of the three qualities, whom the investigators heard, and the report (DOMAIN.md:
        "70% of a loan's quality is decided here"). Empty when complete."""
        wanted = {
            "visit_date": _("请填写实地调查日期。"),
            "character_evidence": _("请填写人品的评定依据。"),
            "product_evidence": _("请填写产品的评定依据。"),
            "collateral_evidence": _("请填写押品的评定依据。"),
            "hear_sources": _("请填写口碑来源（闻：听取了哪些人的评价）。"),
            "report": _("请填写调查报告。"),
        }
        return {
            name: str(message)
            for name, message in wanted.items()
            if getattr(self, name) is None or not str(getattr(self, name)).strip()
        }

    def other_borrowings_total(self) -> Decimal:
        return sum((b.amount for b in self.other_borrowings.all()), ZERO)

    def working_capital_need(self) -> Decimal | None:
        """New working-capital loan need (流动资金贷款需求测算), the regulator's formula:
        sales × (1 − margin) × (1 + growth) / turnover − own funds − other borrowings,
        where turnover = 12 / production cycle in months. None until sales are known."""
        if self.annual_sales is None:
            return None
        cycle = max(self.application.production_cycle_months, 1)
        turnover = Decimal(12) / Decimal(cycle)
        working_capital = (
            self.annual_sales
            * (1 - self.profit_margin / 100)
            * (1 + self.sales_growth / 100)
            / turnover
        )
        need = working_capital - self.own_funds - self.other_borrowings_total()
        return max(need, ZERO).quantize(Decimal("0.01"))

    def ask_answers(self) -> list[dict]:
        return [
            {
                "label": label,
                "value": getattr(self, name),
                "display": getattr(self, f"get_{name}_display")(),
            }
            for name, label in ASK_ITEMS.items()
        ]

    def criteria(self) -> list[dict]:
        return [
            {"label": label, "display": getattr(self, f"get_{name}_display")()}
            for name, label in FIVE_CRITERIA.items()
        ]


class OtherBorrowingQuerySet(models.QuerySet):
    def visible_to(self, user) -> OtherBorrowingQuerySet:
        return self.filter(scoped(user, "investigation__application__"))


class OtherBorrowing(models.Model):
    """A debt the customer owes elsewhere (who else lent, and at what rate)."""

    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="other_borrowings"
    )
    lender = models.CharField(_("出借人"), max_length=100)
    amount = models.DecimalField(_("金额（元）"), **MONEY)
    rate = models.DecimalField(_("年利率（%）"), null=True, blank=True, **RATE)

    objects = OtherBorrowingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("他行及民间借款")
        verbose_name_plural = _("他行及民间借款")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="borrowing_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.lender} {self.amount}"
