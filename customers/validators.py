"""Checking identity numbers and phones at the edge (forms, API, Excel import).

Each function takes what a person typed and returns the number as stored (compact, upper-case)
or raises ``ValidationError`` with a message a manager understands.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import exceptions, numdb
from stdnum.cn import ric, uscc

from creditdesk.validators import EARLIEST_DATE

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def clean_resident_id(value: str) -> str:
    """Resident ID number (居民身份证号码, GB 11643): 18 characters, birth date, check digit.

    python-stdnum checks length, format, check digit and birth date. Its place check wants the
    county code to have existed in the birth year, which rejects real numbers issued after a
    county was renamed (someone born in 1970 in 德清县 holds 330521, a code from 1983): we only
    ask that the region code is a known county of any period.
    """
    number = re.sub(r"[\s\-]", "", value or "").upper()
    try:
        try:
            number = ric.validate(number)
        except exceptions.InvalidComponent:
            ric.get_birth_date(number)  # a bad birth date is still an error
            if not _known_region(number[:6]):
                raise
        # A real calendar date is not enough: nobody was born in 1066 or in 9999.
        if not EARLIEST_DATE <= ric.get_birth_date(number) <= timezone.localdate():
            raise exceptions.InvalidComponent()
        return number
    except exceptions.InvalidLength as exc:
        raise ValidationError(
            _("身份证号码应为 18 位，当前为 %(n)d 位。"), code="length", params={"n": len(number)}
        ) from exc
    except exceptions.InvalidFormat as exc:
        raise ValidationError(
            _("身份证号码前 17 位应为数字，最后一位为数字或 X。"), code="format"
        ) from exc
    except exceptions.InvalidChecksum as exc:
        raise ValidationError(
            _("身份证号码校验位不正确，请核对最后一位（可能有数字录错）。"), code="checksum"
        ) from exc
    except exceptions.InvalidComponent as exc:
        raise ValidationError(
            _("身份证号码中的出生日期或地区代码无效，请核对。"), code="component"
        ) from exc


def _known_region(code: str) -> bool:
    info = {k: v for _part, props in numdb.get("cn/loc").info(code) for k, v in props.items()}
    return "county" in info


def birth_date_from_id(number: str) -> datetime.date:
    """The birth date carried in a valid resident ID number."""
    return ric.get_birth_date(number)


def clean_credit_code(value: str) -> str:
    """A unified social credit code (统一社会信用代码, GB 32100) of an organisation."""
    number = re.sub(r"[\s\-]", "", value or "").upper()
    try:
        return uscc.validate(number)
    except exceptions.InvalidLength as exc:
        raise ValidationError(
            _("统一社会信用代码应为 18 位，当前为 %(n)d 位。"),
            code="length",
            params={"n": len(number)},
        ) from exc
    except exceptions.InvalidChecksum as exc:
        raise ValidationError(
            _("统一社会信用代码校验位不正确，请核对最后一位。"), code="checksum"
        ) from exc
    except exceptions.ValidationError as exc:
        raise ValidationError(
            _(
                "统一社会信用代码格式不正确（前 8 位为数字，其余为数字或大写字母，不含 I、O、Z、S、V）。"  # noqa: E501
            ),
            code="format",
        ) from exc


def clean_id_for_type(value: str, *, is_person: bool) -> str:
    return clean_resident_id(value) if is_person else clean_credit_code(value)


def clean_mobile(value: str) -> str:
    """A mainland mobile number: 11 digits starting 13–19; spaces, dashes and +86 dropped."""
    number = re.sub(r"[\s\-()]", "", value or "")
    if number.startswith("+86"):
        number = number[3:]
    elif number.startswith("0086"):
        number = number[4:]
    if not MOBILE_RE.match(number):
        raise ValidationError(
            _("请输入 11 位大陆手机号码，以 13–19 开头，例如 13812345678。"), code="mobile"
        )
    return number


def mask_id(number: str) -> str:
    """``330102198005170013`` → ``3301**********0013``: enough to recognise, not to copy."""
    if not number:
        return ""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_phone(number: str) -> str:
    """``13812345678`` → ``138****5678``."""
    if not number:
        return ""
    if len(number) < 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]
