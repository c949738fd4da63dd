"""The customer's file (客户档案): who they are, who looks after them, where they stand."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creditdesk.models import Branch
from creditdesk.scoping import scope_q
from creditdesk.validators import reasonable_date
from customers.validators import mask_id, mask_phone


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Age in whole years on ``day`` of someone born on ``birth_date``."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def customer_scope(user) -> Q:
    """The scope rule of a record that belongs to one customer (``customer`` foreign key)."""
    return scope_q(user, branch="customer__branch", manager="customer__manager")


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
        """Name, ID number or phone: what a manager types into the one search box.

        On PostgreSQL three trigram indexes answer it (migration ``0005_search_trigram``, on
        exactly these expressions); other lists search customers through it
        (``customer__in=Customer.objects.search(q)``)."""
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
        rating = apps.get_model("customers", "CreditRating")
        latest = rating.objects.filter(
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
    birth_date = models.DateField(
        _("出生日期"), null=True, blank=True, editable=False, validators=[reasonable_date]
    )
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
            # The list's order, bank-wide and after a branch or manager scope; the pipeline's.
            models.Index(fields=["name", "id"], name="customer_list"),
            models.Index(fields=["branch", "name", "id"], name="customer_branch_list"),
            models.Index(fields=["manager", "name", "id"], name="customer_manager_list"),
            models.Index(fields=["stage", "-updated_at", "id"], name="customer_pipeline"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_person(self) -> bool:
        return self.customer_type in PERSON_TYPES

    @property
    def masked_id_number(self) -> str:
        """For lists: ``3301**********1234``."""
        return mask_id(self.id_number)

    @property
    def masked_phone(self) -> str:
        """For lists: ``138****5678``."""
        return mask_phone(self.phone)

    @property
    def place(self) -> str:
        return f"{self.township}{self.village}"

    def age_on(self, day: datetime.date) -> int | None:
        """Age in whole years on ``day`` (persons only)."""
        return None if self.birth_date is None else age_on(self.birth_date, day)
