"""Identity numbers and phones are checked at the edge and stored compact and upper-case."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from customers.validators import (
    clean_credit_code,
    clean_mobile,
    clean_resident_id,
    mask_id,
    mask_phone,
)

COUNTIES = ["110105", "330523", "330521", "430224", "341523"]


def _rid(county: str, birth: datetime.date, seq: int) -> str:
    body = f"{county}{birth:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


resident_ids = st.builds(
    _rid,
    st.sampled_from(COUNTIES),
    st.dates(datetime.date(1940, 1, 1), datetime.date(2008, 12, 31)),
    st.integers(0, 999),
)
credit_codes = st.builds(
    lambda body: body + uscc.calc_check_digit(body),
    st.from_regex(r"\A[0-9]{8}[0-9A-HJ-NP-RTUW-Y]{9}\Z", fullmatch=True),
)


def test_valid_resident_id_is_stored_compact_upper():
    assert clean_resident_id(" 110105 19491231 002x ") == "11010519491231002X"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("11010519491231002", "length"),
        ("1101051949123100A2", "format"),
        ("110105194912310021", "checksum"),
        ("110105194913310021", "component"),  # month 13
    ],
)
def test_invalid_resident_id_says_why(value, code):
    with pytest.raises(ValidationError) as info:
        clean_resident_id(value)
    assert info.value.code == code


def test_county_renamed_after_birth_year_is_accepted():
    # 330521 (德清县) dates from 1983; people born earlier still hold it.
    number = _rid("330521", datetime.date(1970, 3, 4), 12)
    assert clean_resident_id(number) == number


@given(resident_ids)
def test_generated_valid_ids_pass_and_carry_the_birth_date(number):
    assert clean_resident_id(number) == number
    assert ric.get_birth_date(number) == datetime.date(
        int(number[6:10]), int(number[10:12]), int(number[12:14])
    )


@given(resident_ids, st.sampled_from("0123456789X"))
def test_corrupted_check_digit_is_refused(number, digit):
    if digit == number[-1]:
        return
    with pytest.raises(ValidationError) as info:
        clean_resident_id(number[:-1] + digit)
    assert info.value.code == "checksum"


@given(credit_codes)
def test_generated_credit_codes_pass(code):
    assert clean_credit_code(code.lower()) == code


@given(credit_codes, st.sampled_from("0123456789ABCDEFGHJKLMNPQRTUWXY"))
def test_corrupted_credit_code_is_refused(code, char):
    if char == code[-1]:
        return
    with pytest.raises(ValidationError):
        clean_credit_code(code[:-1] + char)


def test_known_credit_code():
    assert clean_credit_code("91110000600037341L") == "91110000600037341L"


@pytest.mark.parametrize(
    ("value", "stored"),
    [("13812345678", "13812345678"), ("+86 138-1234-5678", "13812345678")],
)
def test_mobile_valid(value, stored):
    assert clean_mobile(value) == stored


@pytest.mark.parametrize("value", ["12812345678", "1381234567", "0571-8888888", "138123456789"])
def test_mobile_invalid(value):
    with pytest.raises(ValidationError):
        clean_mobile(value)


def test_masks():
    assert mask_id("330102198005170013") == "3301**********0013"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_id("") == ""
