"""Excel in and out: a preview with every row's errors; any bad row imports nothing."""

import io

from openpyxl import Workbook, load_workbook

from customers.models import Customer
from customers.services.customers import customer_create

HEADER = ["客户名称", "客户类型", "证件号码", "手机号码", "乡镇", "村（社区）"]
GOOD = [
    ["张三", "农户", "110105198005170017", "13812345678", "城关镇", "东村"],
    ["李四", "个体工商户", "11010519491231002X", "", "城关镇", "西村"],
    ["青禾茶叶合作社", "小微企业", "91110000600037341L", "13912345678", "城关镇", ""],
]


def _xlsx(rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "ledger.xlsx"
    return out


def test_preview_then_confirm_imports_every_row(bank, manager, client_for):
    client = client_for(manager)
    response = client.post("/customers/import/", {"file": _xlsx(GOOD)})
    assert response.status_code == 200
    assert Customer.objects.count() == 0  # preview saves nothing
    assert b'id="confirm-import"' in response.content
    response = client.post("/customers/import/confirm/")
    assert response.status_code == 302
    assert Customer.objects.filter(manager=manager).count() == 3
    assert Customer.objects.get(name="张三").birth_date.isoformat() == "1980-05-17"


def test_file_with_one_bad_row_imports_nothing(bank, manager, client_for):
    rows = [*GOOD, ["王五", "农户", "110105198005170018", "12345", "城关镇", "东村"]]
    client = client_for(manager)
    response = client.post("/customers/import/", {"file": _xlsx(rows)})
    html = response.content.decode()
    assert "校验位" in html and "11 位大陆手机号码" in html
    assert 'id="confirm-import"' not in html
    client.post("/customers/import/confirm/")
    assert Customer.objects.count() == 0


def test_duplicates_in_file_and_bank_are_reported_per_row(customer_file, manager, client_for):
    rows = [GOOD[1], GOOD[1], ["某人", "农户", customer_file.id_number, "", "", ""]]
    html = client_for(manager).post("/customers/import/", {"file": _xlsx(rows)}).content.decode()
    assert "与第 2 行重复" in html
    assert manager.name in html  # who to ask about the number already on file
    assert Customer.objects.count() == 1


def test_import_is_all_or_nothing_at_confirm(bank, manager, other_manager, client_for):
    from customers.services.customers import customer_create

    client = client_for(manager)
    client.post("/customers/import/", {"file": _xlsx(GOOD)})
    # Someone else files the last row's customer between preview and confirm.
    customer_create(
        by=other_manager, name="合作社", customer_type="small_micro", id_number=GOOD[2][2]
    )
    client.post("/customers/import/confirm/")
    assert Customer.objects.filter(manager=manager).count() == 0


def test_not_an_excel_file_is_explained(bank, manager, client_for):
    upload = io.BytesIO(b"not excel")
    upload.name = "ledger.xlsx"
    html = client_for(manager).post("/customers/import/", {"file": upload}).content.decode()
    assert ".xlsx" in html
    assert Customer.objects.count() == 0


def test_export_follows_the_filters(customer_file, manager, client_for):
    customer_create(
        by=manager, name="李四", customer_type="individual_business", id_number=GOOD[1][2]
    )
    response = client_for(manager).get("/customers/export.xlsx?customer_type=farm_household")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "客户名称"
    assert [r[0] for r in rows[1:]] == ["张大山"]
    assert rows[1][2] == "110105198005170017"  # in scope, so whole: the ledger is re-importable


def test_export_is_scoped(customer_file, other_manager, client_for):
    response = client_for(other_manager).get("/customers/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1
