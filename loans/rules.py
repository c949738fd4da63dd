"""The bank's lending rules as pure functions: the three-qualities decision table and
eligibility. They return messages; services turn them into ValidationErrors."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.models import PERSON_TYPES, age_on
from loans.schedules import add_months

MIN_AGE = 18
MAX_AGE = 65
MAX_AGE_AT_MATURITY = 70


class Recommendation(models.TextChoices):
    LEND = "lend", gettext_lazy("可以贷款")
    LEND_WITH_GUARANTEE = "lend_with_guarantee", gettext_lazy("追加足额有效担保后方可贷款")
    DO_NOT_LEND = "do_not_lend", gettext_lazy("不予贷款：信贷资金不是用来买押品的")
    NEVER = "never", gettext_lazy("坚决不贷：人品不好")
    INCOMPLETE = "incomplete", gettext_lazy("三品尚未评定完整")


#: Recommendations with which an application may not be submitted at all.
NOT_SUBMITTABLE = (Recommendation.NEVER, Recommendation.DO_NOT_LEND, Recommendation.INCOMPLETE)


def recommend(*, character: str, product: str, collateral: str) -> Recommendation:
    """DOMAIN.md's decision table of the three qualities (三品), each "good", "fair" or "poor".

    | character | product  | collateral | decision                              |
    | poor      | any      | any        | never                                 |
    | good      | good     | good       | lend                                  |
    | good      | good     | fair/poor  | lend only with an additional guarantee |
    | good      | not good | any        | do not lend                           |

    A "fair" character is not "good": it gets the weaker side of every rule (lend only with a
    full guarantee at best) — the table's spirit that character comes first.
    """
    if not (character and product and collateral):
        return Recommendation.INCOMPLETE
    if character == "poor":
        return Recommendation.NEVER
    if product != "good":
        return Recommendation.DO_NOT_LEND
    if character == "good" and collateral == "good":
        return Recommendation.LEND
    return Recommendation.LEND_WITH_GUARANTEE


def product_problems(
    *, product, customer_type: str, amount: Decimal, term_months: int, rate: Decimal, method: str
) -> list[str]:
    """Why these terms do not fit the product; an empty list when they do."""
    problems = []
    if product.customer_types and customer_type not in product.customer_types:
        problems.append(_("该产品不适用于此类客户。"))
    if amount < product.min_amount or amount > product.max_amount:
        problems.append(
            _("金额须在 %(min)s 元至 %(max)s 元之间。")
            % {"min": yuan(product.min_amount), "max": yuan(product.max_amount)}
        )
    if term_months < 1 or term_months > product.max_term_months:
        problems.append(_("期限不得超过 %(max)s 个月。") % {"max": product.max_term_months})
    if rate < product.min_rate or rate > product.max_rate:
        problems.append(
            _("年利率须在 %(min)s%% 至 %(max)s%% 之间。")
            % {"min": annual(product.min_rate), "max": annual(product.max_rate)}
        )
    if product.repayment_methods and method not in product.repayment_methods:
        problems.append(_("该产品不支持所选还款方式。"))
    return problems


def age_problems(*, customer, term_months: int, on: datetime.date) -> list[str]:
    """Age 18–65 when applying and at most 70 at maturity (persons only)."""
    if customer.customer_type not in PERSON_TYPES:
        return []
    if customer.birth_date is None:
        return [_("无法从证件号码确定借款人的出生日期。")]
    problems = []
    age = age_on(customer.birth_date, on)
    if age < MIN_AGE or age > MAX_AGE:
        problems.append(
            _("借款人年龄 %(age)s 岁，须在 %(min)s 至 %(max)s 岁之间。")
            % {"age": age, "min": MIN_AGE, "max": MAX_AGE}
        )
    try:
        maturity = add_months(on, term_months)
    except (ValueError, OverflowError):  # a term no calendar holds: refused, never a 500
        return [*problems, _("期限 %(term)s 个月无效。") % {"term": term_months}]
    at_maturity = age_on(customer.birth_date, maturity)
    if at_maturity > MAX_AGE_AT_MATURITY:
        problems.append(
            _("贷款到期时借款人将满 %(age)s 岁，不得超过 %(max)s 岁。")
            % {"age": at_maturity, "max": MAX_AGE_AT_MATURITY}
        )
    return problems


def yuan(amount: Decimal) -> str:
    """Money in a refusal: thousands separators and two places (9,950,000.00)."""
    return f"{amount:,.2f}"


def annual(rate: Decimal) -> str:
    """A rate in a refusal, to two places (6.50)."""
    return f"{rate:.2f}"


def percent(ratio: Decimal) -> str:
    """A multiple as a percentage in a refusal (0.45 → 45.0%)."""
    return f"{ratio * 100:,.1f}%"


def credit_problems(*, customer, product, amount: Decimal, on: datetime.date) -> list[str]:
    """A valid rating and an active credit line with enough available, where the product
    draws on the line (the loan card, 贷款证). Available is the line less the principal
    outstanding on loans drawn under it (``CreditLine.available``): repayments restore it."""
    problems = []
    if product.needs_rating and not customer.ratings.valid_on(on).exists():
        problems.append(_("该产品要求有效的信用评级，客户当前没有有效评级。"))
    if product.needs_credit_line:
        line = customer.credit_lines.in_force_on(on).first()
        if line is None:
            problems.append(_("该产品要求有效的授信额度，客户当前没有有效授信。"))
        else:
            drawn = line.outstanding()
            available = max(line.amount - drawn, Decimal("0.00"))
            if available < amount:
                problems.append(
                    _(
                        "金额 %(amount)s 元超出授信可用额度 %(available)s 元"
                        "（授信 %(line)s 元，已用 %(drawn)s 元）。"
                    )
                    % {
                        "amount": yuan(amount),
                        "available": yuan(available),
                        "line": yuan(line.amount),
                        "drawn": yuan(drawn),
                    }
                )
    return problems
