"""Customers (客户): the file an account manager keeps, their rating and their credit line."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creditdesk.models import Branch
from creditdesk.scoping import scope_q


class CustomerType(models.TextChoices):
    FARM_HOUSEHOLD = "farm_household", _("农户")
    INDIVIDUAL_BUSINESS = "individual_business", _("个体工商户")
    SMALL_MICRO = "small_micro", _("小微企业")
    PRIVATE_ENTERPRISE = "private_enterprise", _("民营企业")


#: Customer types that are natural persons, identified by a resident ID number (GB 11643);
#: the others are organisations with a unified social credit code (GB 32100).
PERSON_TYPES = (CustomerType.FARM_HOUSEHOLD, CustomerType.INDIVIDUAL_BUSINESS)


class CustomerStatus(models.TextChoices):
    PROSPECT = "prospect", _("潜在客户")
    ACTIVE = "active", _("正常")
    DORMANT = "dormant", _("休眠")
    LOST = "lost", _("流失")


class AcquisitionChannel(models.TextChoices):
    """How the customer came to the bank: the marketing channels of the seeds."""

    CUSTOMER_REFERRAL = "customer_referral", _("老客户介绍")
    FRIEND_REFERRAL = "friend_referral", _("亲友介绍")
    COLLEAGUE_REFERRAL = "colleague_referral", _("同事推荐")
    DORMANT_REVISIT = "dormant_revisit", _("休眠客户回访")
    NEWS_DIRECTORY = "news_directory", _("新闻与名录")
    EXHIBITION_COMMUNITY = "exhibition_community", _("展会与社区活动")
    SUPPLY_CHAIN = "supply_chain", _("上下游客户")
    COLD_VISIT = "cold_visit", _("扫街扫楼")
    WALK_IN = "walk_in", _("客户上门")


class Segment(models.TextChoices):
    ORDINARY = "ordinary", _("普通客户")
    KEY = "key", _("重点客户")
    GOLD = "gold", _("金牌客户")


class PipelineStage(models.TextChoices):
    """The marketing ledger (营销客户信息台账): prospect → … → customer, or lost with a reason."""

    PROSPECT = "prospect", _("潜在")
    CONTACTED = "contacted", _("已接触")
    INTERESTED = "interested", _("有意向")
    APPLIED = "applied", _("已申请")
    CUSTOMER = "customer", _("已成为客户")
    LOST = "lost", _("已流失")


class CustomerQuerySet(models.QuerySet):
    def visible_to(self, user) -> CustomerQuerySet:
        return self.filter(scope_q(user, branch="branch", manager="manager"))

    def search(self, text: str) -> CustomerQuerySet:
        """Name, ID number or phone: what a manager types into the one search box."""
        text = (text or "").strip()
        if not text:
            return self
        compact = text.replace(" ", "").upper()
        return self.filter(
            Q(name__icontains=text) | Q(id_number__contains=compact) | Q(phone__contains=compact)
        )

    def with_current_grade(self, day: datetime.date | None = None) -> CustomerQuerySet:
        """Annotate ``current_grade``: the newest rating valid on ``day`` (one subquery)."""
        day = day or datetime.date.today()
        latest = CreditRating.objects.filter(
            customer=models.OuterRef("pk"), valid_from__lte=day, valid_until__gte=day
        ).order_by("-valid_from", "-pk")
        return self.annotate(current_grade=models.Subquery(latest.values("grade")[:1]))

    def for_list(self) -> CustomerQuerySet:
        """What every customer list shows, in a fixed number of queries."""
        return self.select_related("branch", "manager").with_current_grade()

    def birthdays_within(self, start: datetime.date, days: int) -> CustomerQuerySet:
        condition = Q(pk__in=[])
        for offset in range(days):
            d = start + datetime.timedelta(days=offset)
            condition |= Q(birth_date__month=d.month, birth_date__day=d.day)
        return self.filter(birth_date__isnull=False).filter(condition)


class Customer(models.Model):
    """A customer's file (客户档案): a farm household, individual business or enterprise."""

    name = models.CharField(_("客户名称"), max_length=100)
    customer_type = models.CharField(_("客户类型"), max_length=30, choices=CustomerType.choices)
    # Resident ID number for persons, unified social credit code for organisations; stored
    # compact and upper-case so that one customer per number holds bank-wide.
    id_number = models.CharField(_("证件号码"), max_length=18, unique=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True, editable=False)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    branch = models.ForeignKey(
        Branch, verbose_name=_("所属机构"), on_delete=models.PROTECT, related_name="customers"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("管户客户经理"),
        on_delete=models.PROTECT,
        related_name="customers",
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=CustomerStatus.choices, default=CustomerStatus.PROSPECT
    )
    township = models.CharField(_("乡镇"), max_length=50, blank=True)
    village = models.CharField(_("村（社区）"), max_length=50, blank=True)
    address = models.CharField(_("详细地址"), max_length=200, blank=True)
    industry = models.CharField(_("行业/主营"), max_length=100, blank=True)
    channel = models.CharField(
        _("获客渠道"), max_length=30, choices=AcquisitionChannel.choices, blank=True
    )
    segment = models.CharField(
        _("客户分层"), max_length=20, choices=Segment.choices, default=Segment.ORDINARY
    )
    stage = models.CharField(
        _("营销阶段"), max_length=20, choices=PipelineStage.choices, default=PipelineStage.PROSPECT
    )
    lost_reason = models.CharField(_("流失原因"), max_length=200, blank=True)
    notes = models.TextField(
        _("备注"), blank=True, help_text=_("爱好、家庭情况、上下游客户等小细节。")
    )
    created_at = models.DateTimeField(_("建档时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CustomerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("客户")
        verbose_name_plural = _("客户")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(customer_type__in=CustomerType.values), name="customer_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CustomerStatus.values), name="customer_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=[*AcquisitionChannel.values, ""]),
                name="customer_channel_valid",
            ),
            models.CheckConstraint(
                condition=Q(segment__in=Segment.values), name="customer_segment_valid"
            ),
            models.CheckConstraint(
                condition=Q(stage__in=PipelineStage.values), name="customer_stage_valid"
            ),
            models.CheckConstraint(
                condition=~Q(stage=PipelineStage.LOST) | ~Q(lost_reason=""),
                name="customer_lost_has_reason",
            ),
            models.CheckConstraint(
                condition=Exact(Length("id_number"), 18), name="customer_id_number_18_chars"
            ),
        ]
        indexes = [
            models.Index(fields=["manager", "status"]),
            models.Index(fields=["branch"]),
            models.Index(fields=["township", "village"]),
            models.Index(fields=["phone"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_person(self) -> bool:
        return self.customer_type in PERSON_TYPES

    @property
    def masked_id_number(self) -> str:
        """For lists: ``3301**********1234``."""
        from customers.validators import mask_id

        return mask_id(self.id_number)

    @property
    def masked_phone(self) -> str:
        """For lists: ``138****5678``."""
        from customers.validators import mask_phone

        return mask_phone(self.phone)

    @property
    def place(self) -> str:
        return f"{self.township}{self.village}"

    def age_on(self, day: datetime.date) -> int | None:
        """Age in whole years on ``day`` (persons only)."""
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


class RatingGrade(models.TextChoices):
    AAA = "AAA", "AAA"
    AA = "AA", "AA"
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"


class CreditRatingQuerySet(models.QuerySet):
    def visible_to(self, user) -> CreditRatingQuerySet:
        return self.filter(scope_q(user, branch="customer__branch", manager="customer__manager"))

    def valid_on(self, day: datetime.date) -> CreditRatingQuerySet:
        return self.filter(valid_from__lte=day, valid_until__gte=day)

    def current(self, day: datetime.date) -> CreditRating | None:
        """The rating that applies on ``day``: the newest valid one supersedes older ones."""
        return self.valid_on(day).order_by("-valid_from", "-pk").first()


class CreditRating(models.Model):
    """Annual credit rating (信用评级) of a customer; history is kept, the newest applies."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("客户"), on_delete=models.CASCADE, related_name="ratings"
    )
    grade = models.CharField(_("信用等级"), max_length=5, choices=RatingGrade.choices)
    score = models.DecimalField(_("评分"), max_digits=5, decimal_places=2)
    valid_from = models.DateField(_("生效日"))
    valid_until = models.DateField(_("到期日"))
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评级人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The scorecard used and each factor's weight and score, copied so that later changes to
    # the scorecard do not rewrite past ratings.
    scorecard = models.ForeignKey(
        "Scorecard",
        verbose_name=_("评分卡"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ratings",
    )
    factor_scores = models.JSONField(_("各项得分"), default=list, blank=True)

    objects = CreditRatingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("信用评级")
        verbose_name_plural = _("信用评级")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gt=models.F("valid_from")), name="rating_period_valid"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100), name="rating_score_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.customer} {self.grade}"


class CreditLineStatus(models.TextChoices):
    PENDING = "pending", _("待生效")
    ACTIVE = "active", _("有效")
    EXPIRED = "expired", _("已到期")
    REVOKED = "revoked", _("已撤销")


class CreditLineQuerySet(models.QuerySet):
    def visible_to(self, user) -> CreditLineQuerySet:
        return self.filter(scope_q(user, branch="customer__branch", manager="customer__manager"))

    def in_force_on(self, day: datetime.date) -> CreditLineQuerySet:
        return self.filter(
            status=CreditLineStatus.ACTIVE, valid_from__lte=day, valid_until__gte=day
        )

    def pending(self) -> CreditLineQuerySet:
        return self.filter(status=CreditLineStatus.PENDING)

    def expiring(self, day: datetime.date, *, days: int = 30) -> CreditLineQuerySet:
        """Active lines ending within ``days`` of ``day``."""
        return self.filter(
            status=CreditLineStatus.ACTIVE,
            valid_until__gte=day,
            valid_until__lte=day + datetime.timedelta(days=days),
        )


class CreditLine(models.Model):
    """Credit line (授信额度, the "loan card" 贷款证): granted once, drawn and repaid within it."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("客户"), on_delete=models.CASCADE, related_name="credit_lines"
    )
    amount = models.DecimalField(_("授信额度（元）"), max_digits=14, decimal_places=2)
    valid_from = models.DateField(_("生效日"))
    valid_until = models.DateField(_("到期日"))
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=CreditLineStatus.choices,
        default=CreditLineStatus.PENDING,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提议人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    next_review_on = models.DateField(_("年审日"), null=True, blank=True)
    # Loan card (贷款证) number, gapless per branch and year; issued when the line takes effect.
    card_number = models.CharField(
        _("贷款证编号"), max_length=30, null=True, blank=True, unique=True
    )
    note = models.TextField(_("说明"), blank=True)

    objects = CreditLineQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("授信额度")
        verbose_name_plural = _("授信额度")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="credit_line_amount_positive"),
            models.CheckConstraint(
                condition=Q(valid_until__gt=models.F("valid_from")),
                name="credit_line_period_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=CreditLineStatus.values), name="credit_line_status_valid"
            ),
            models.UniqueConstraint(
                fields=["customer"],
                condition=Q(status="active"),
                name="credit_line_one_active_per_customer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.customer} {self.amount}"

    def outstanding(self) -> Decimal:
        """Principal outstanding on loans drawn under this line.

        Loans sit a floor above customers: ``loans.Loan`` points here with
        ``related_name="loans"`` and its QuerySet offers ``outstanding_total()``. Until that
        relation exists nothing is drawn.
        """
        loans = getattr(self, "loans", None)
        if loans is None:
            return Decimal("0.00")
        return loans.all().outstanding_total()

    def available(self) -> Decimal:
        """What may still be drawn: line − outstanding, never below zero."""
        return max(self.amount - self.outstanding(), Decimal("0.00"))


# --- Customer file: household, finances, contacts, products (客户档案) ---


def _customer_scope(user) -> Q:
    return scope_q(user, branch="customer__branch", manager="customer__manager")


class Relation(models.TextChoices):
    SPOUSE = "spouse", _("配偶")
    PARENT = "parent", _("父母")
    CHILD = "child", _("子女")
    SIBLING = "sibling", _("兄弟姐妹")
    OTHER = "other", _("其他")


class HouseholdMemberQuerySet(models.QuerySet):
    def visible_to(self, user) -> HouseholdMemberQuerySet:
        return self.filter(_customer_scope(user))


class HouseholdMember(models.Model):
    """A household member (家庭成员): the spouse co-signs, so their ID is kept too."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("客户"), on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("姓名"), max_length=50)
    relation = models.CharField(_("关系"), max_length=20, choices=Relation.choices)
    id_number = models.CharField(_("身份证号码"), max_length=18, blank=True)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    occupation = models.CharField(_("职业"), max_length=100, blank=True)
    co_signs = models.BooleanField(_("共同签字"), default=False)

    objects = HouseholdMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("家庭成员")
        verbose_name_plural = _("家庭成员")
        ordering = ["customer", "relation", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(relation__in=Relation.values), name="member_relation_valid"
            ),
            models.UniqueConstraint(
                fields=["customer"],
                condition=Q(relation="spouse"),
                name="member_one_spouse_per_customer",
            ),
            models.UniqueConstraint(
                fields=["customer", "id_number"],
                condition=~Q(id_number=""),
                name="member_id_unique_in_household",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relation_display()})"


class FinancialSnapshotQuerySet(models.QuerySet):
    def visible_to(self, user) -> FinancialSnapshotQuerySet:
        return self.filter(_customer_scope(user))


def _ratio(numerator, denominator) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator) * 100).quantize(Decimal("0.1"))


class FinancialSnapshot(models.Model):
    """A dated business and financial profile (经营与财务状况): the material of "ask" (问)."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("客户"), on_delete=models.CASCADE, related_name="financials"
    )
    as_of = models.DateField(_("统计日期"))
    revenue = models.DecimalField(_("年营业收入（元）"), max_digits=14, decimal_places=2)
    net_profit = models.DecimalField(_("年净利润（元）"), max_digits=14, decimal_places=2)
    total_assets = models.DecimalField(_("总资产（元）"), max_digits=14, decimal_places=2)
    total_liabilities = models.DecimalField(_("总负债（元）"), max_digits=14, decimal_places=2)
    current_assets = models.DecimalField(
        _("流动资产（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    current_liabilities = models.DecimalField(
        _("流动负债（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    inventory = models.DecimalField(
        _("存货（元）"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    receivables = models.DecimalField(
        _("应收账款（元）"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    payables = models.DecimalField(
        _("应付账款（元）"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    monthly_sales = models.DecimalField(
        _("月销售额（元）"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    employees = models.PositiveIntegerField(_("雇工人数"), default=0)
    water_tons = models.DecimalField(
        _("月用水量（吨）"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    power_kwh = models.DecimalField(
        _("月用电量（千瓦时）"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    notes = models.TextField(_("说明"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FinancialSnapshotQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("经营财务快照")
        verbose_name_plural = _("经营财务快照")
        ordering = ["customer", "-as_of"]
        constraints = [
            models.UniqueConstraint(fields=["customer", "as_of"], name="snapshot_one_per_day"),
            models.CheckConstraint(
                condition=Q(revenue__gte=0)
                & Q(total_assets__gte=0)
                & Q(total_liabilities__gte=0)
                & Q(inventory__gte=0)
                & Q(receivables__gte=0)
                & Q(payables__gte=0)
                & Q(monthly_sales__gte=0),
                name="snapshot_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.customer} {self.as_of}"

    @property
    def debt_ratio(self) -> Decimal | None:
        """资产负债率 %: liabilities / assets."""
        return _ratio(self.total_liabilities, self.total_assets)

    @property
    def current_ratio(self) -> Decimal | None:
        """流动比率: current assets / current liabilities (a multiple, not a percentage)."""
        if self.current_assets is None or not self.current_liabilities:
            return None
        return (self.current_assets / self.current_liabilities).quantize(Decimal("0.01"))

    @property
    def margin(self) -> Decimal | None:
        """销售净利率 %: profit / revenue."""
        return _ratio(self.net_profit, self.revenue)

    def growth_on(self, previous: FinancialSnapshot | None) -> Decimal | None:
        """营业收入增长率 % on an earlier snapshot."""
        if previous is None or not previous.revenue:
            return None
        return _ratio(self.revenue - previous.revenue, previous.revenue)


class ContactKind(models.TextChoices):
    VISIT = "visit", _("走访")
    CALL = "call", _("电话")
    MESSAGE = "message", _("短信/微信")
    MEAL = "meal", _("宴请")
    GIFT = "gift", _("礼品")


class ContactQuerySet(models.QuerySet):
    def visible_to(self, user) -> ContactQuerySet:
        return self.filter(_customer_scope(user))

    def followups_due(self, on: datetime.date) -> ContactQuerySet:
        """Follow-ups promised for ``on`` or earlier and not yet done."""
        return self.filter(follow_up_on__lte=on, follow_up_done=False)


class Contact(models.Model):
    """A contact with the customer (客户接触记录): visit, call, message, meal or gift."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("客户"), on_delete=models.CASCADE, related_name="contacts"
    )
    kind = models.CharField(_("方式"), max_length=20, choices=ContactKind.choices)
    occurred_on = models.DateField(_("日期"))
    attendees = models.CharField(_("参加人员"), max_length=200, blank=True)
    purpose = models.CharField(_("目的"), max_length=200)
    summary = models.TextField(_("情况记录"), blank=True)
    cost = models.DecimalField(
        _("费用（元）"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    follow_up_on = models.DateField(_("跟进日期"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("已跟进"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContactQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("接触记录")
        verbose_name_plural = _("接触记录")
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ContactKind.values), name="contact_kind"),
            models.CheckConstraint(condition=Q(cost__gte=0), name="contact_cost_not_negative"),
            models.CheckConstraint(
                condition=Q(follow_up_done=False) | Q(follow_up_on__isnull=False),
                name="contact_done_needs_follow_up",
            ),
        ]
        indexes = [models.Index(fields=["follow_up_on", "follow_up_done"])]

    def __str__(self) -> str:
        return f"{self.customer} {self.occurred_on} {self.get_kind_display()}"


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
        return self.filter(_customer_scope(user))


class ProductHolding(models.Model):
    """A bank product the customer holds (已持有产品)."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("客户"), on_delete=models.CASCADE, related_name="products"
    )
    product = models.CharField(_("产品"), max_length=30, choices=Product.choices)
    since = models.DateField(_("开通日期"), null=True, blank=True)

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


# --- Rating and credit (评级授信) ---


class RatingCriterion(models.TextChoices):
    """The five criteria of credit evaluation a scorecard's factors belong to."""

    MORALITY = "morality", _("个人品德")
    REPAYMENT = "repayment", _("还款能力")
    CAPITAL = "capital", _("资本实力")
    ENVIRONMENT = "environment", _("经营环境")
    GUARANTEE = "guarantee", _("担保状况")


class Scorecard(models.Model):
    """Rating scorecard (评分卡) of one customer type; administrators set its factors."""

    customer_type = models.CharField(
        _("客户类型"), max_length=30, choices=CustomerType.choices, unique=True
    )
    name = models.CharField(_("名称"), max_length=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("评分卡")
        verbose_name_plural = _("评分卡")
        ordering = ["customer_type"]
        constraints = [
            models.CheckConstraint(
                condition=Q(customer_type__in=CustomerType.values),
                name="scorecard_customer_type_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def total_weight(self) -> Decimal:
        return sum((f.weight for f in self.factors.all()), Decimal("0"))


class ScorecardFactor(models.Model):
    """One factor of a scorecard, scored 0–100 and weighted in percent."""

    scorecard = models.ForeignKey(
        Scorecard, verbose_name=_("评分卡"), on_delete=models.CASCADE, related_name="factors"
    )
    criterion = models.CharField(_("评价要素"), max_length=20, choices=RatingCriterion.choices)
    name = models.CharField(_("评分项"), max_length=100)
    guidance = models.CharField(_("评分说明"), max_length=255, blank=True)
    weight = models.DecimalField(_("权重（%）"), max_digits=5, decimal_places=2)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("评分项")
        verbose_name_plural = _("评分项")
        ordering = ["scorecard", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gt=0) & Q(weight__lte=100), name="scorecard_factor_weight"
            ),
            models.CheckConstraint(
                condition=Q(criterion__in=RatingCriterion.values),
                name="scorecard_factor_criterion_valid",
            ),
            models.UniqueConstraint(
                fields=["scorecard", "name"], name="scorecard_factor_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight}%)"


class GradeBandQuerySet(models.QuerySet):
    def grade_for(self, score: Decimal) -> str | None:
        """The grade of the highest band whose minimum the score reaches."""
        band = self.filter(min_score__lte=score).order_by("-min_score").first()
        return band.grade if band else None


class GradeBand(models.Model):
    """Grade band (等级标准): the lowest weighted score that earns a grade."""

    grade = models.CharField(_("信用等级"), max_length=5, choices=RatingGrade.choices, unique=True)
    min_score = models.DecimalField(_("最低得分"), max_digits=5, decimal_places=2, unique=True)

    objects = GradeBandQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("等级标准")
        verbose_name_plural = _("等级标准")
        ordering = ["-min_score"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_score__gte=0) & Q(min_score__lte=100), name="grade_band_0_100"
            ),
            models.CheckConstraint(
                condition=Q(grade__in=RatingGrade.values), name="grade_band_grade_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grade} ≥ {self.min_score}"


class FarmTierQuerySet(models.QuerySet):
    def for_grade(self, grade: str) -> FarmTier | None:
        return self.filter(grade=grade).first()


class FarmTier(models.Model):
    """Farm-household credit tier (农户授信档次), e.g. 特优 60,000 yuan, mapped from a grade."""

    name = models.CharField(_("档次"), max_length=20, unique=True)
    grade = models.CharField(
        _("对应信用等级"), max_length=5, choices=RatingGrade.choices, unique=True
    )
    cap = models.DecimalField(_("授信上限（元）"), max_digits=14, decimal_places=2)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    objects = FarmTierQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("农户授信档次")
        verbose_name_plural = _("农户授信档次")
        ordering = ["position", "-cap"]
        constraints = [
            models.CheckConstraint(condition=Q(cap__gt=0), name="farm_tier_cap_positive"),
            models.CheckConstraint(
                condition=Q(grade__in=RatingGrade.values), name="farm_tier_grade_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.cap}"


class CreditVillageQuerySet(models.QuerySet):
    def visible_to(self, user) -> CreditVillageQuerySet:
        return self.filter(scope_q(user, branch="branch", manager="manager"))


class CreditVillage(models.Model):
    """Credit village (信用村): the farm households of one village, rated and granted together."""

    branch = models.ForeignKey(
        Branch, verbose_name=_("所属机构"), on_delete=models.PROTECT, related_name="credit_villages"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("包村客户经理"),
        on_delete=models.PROTECT,
        related_name="credit_villages",
    )
    township = models.CharField(_("乡镇"), max_length=50)
    name = models.CharField(_("行政村"), max_length=50)

    objects = CreditVillageQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("信用村")
        verbose_name_plural = _("信用村")
        ordering = ["township", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "township", "name"], name="credit_village_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.township}{self.name}"

    def households(self) -> CustomerQuerySet:
        """The farm households whose address is this village, in the village's branch."""
        return Customer.objects.filter(
            customer_type=CustomerType.FARM_HOUSEHOLD,
            township=self.township,
            village=self.name,
            branch__path__startswith=self.branch.path,
        ).exclude(status=CustomerStatus.LOST)


class VillageBatchStatus(models.TextChoices):
    DRAFT = "draft", _("待公示")
    PUBLISHED = "published", _("公示中")
    EFFECTIVE = "effective", _("已生效")
    CANCELLED = "cancelled", _("已撤销")


class VillageBatchQuerySet(models.QuerySet):
    def visible_to(self, user) -> VillageBatchQuerySet:
        return self.filter(scope_q(user, branch="village__branch", manager="village__manager"))


class VillageBatch(models.Model):
    """Village batch rating and credit (整村评级授信): rated together, published, then granted."""

    village = models.ForeignKey(
        CreditVillage, verbose_name=_("信用村"), on_delete=models.PROTECT, related_name="batches"
    )
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=VillageBatchStatus.choices,
        default=VillageBatchStatus.DRAFT,
    )
    rated_on = models.DateField(_("评级日"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    objection_days = models.PositiveSmallIntegerField(_("公示期（天）"), default=7)
    published_on = models.DateField(_("公示日"), null=True, blank=True)
    objection_until = models.DateField(_("异议截止日"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VillageBatchQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("整村评级授信")
        verbose_name_plural = _("整村评级授信")
        ordering = ["-rated_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=VillageBatchStatus.values), name="village_batch_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(objection_days__gte=1), name="village_batch_objection_days_min"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village} {self.rated_on:%Y-%m-%d}"


class BatchEntryStatus(models.TextChoices):
    PROPOSED = "proposed", _("拟授信")
    OBJECTED = "objected", _("有异议")
    EXCLUDED = "excluded", _("不予授信")
    EFFECTIVE = "effective", _("已生效")


class BatchEntryQuerySet(models.QuerySet):
    def visible_to(self, user) -> BatchEntryQuerySet:
        return self.filter(
            scope_q(user, branch="batch__village__branch", manager="batch__village__manager")
        )


class BatchEntry(models.Model):
    """One household of a village batch: its rating, tier, proposed line and any objection."""

    batch = models.ForeignKey(
        VillageBatch,
        verbose_name=_("整村评级授信"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    customer = models.ForeignKey(
        Customer, verbose_name=_("农户"), on_delete=models.PROTECT, related_name="batch_entries"
    )
    rating = models.ForeignKey(
        CreditRating, verbose_name=_("信用评级"), on_delete=models.PROTECT, related_name="+"
    )
    tier = models.ForeignKey(
        FarmTier, verbose_name=_("档次"), null=True, blank=True, on_delete=models.PROTECT
    )
    credit_line = models.OneToOneField(
        CreditLine,
        verbose_name=_("授信额度"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="batch_entry",
    )
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=BatchEntryStatus.choices,
        default=BatchEntryStatus.PROPOSED,
    )
    objection = models.TextField(_("异议内容"), blank=True)
    objection_resolution = models.TextField(_("异议处理"), blank=True)

    objects = BatchEntryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("整村评级授信明细")
        verbose_name_plural = _("整村评级授信明细")
        ordering = ["batch", "customer__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "customer"], name="batch_entry_unique"),
            models.CheckConstraint(
                condition=Q(status__in=BatchEntryStatus.values), name="batch_entry_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch} {self.customer}"

    @property
    def amount(self) -> Decimal | None:
        return self.credit_line.amount if self.credit_line_id else None
