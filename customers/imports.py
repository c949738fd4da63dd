"""Customer ledgers in and out of Excel (.xlsx, through openpyxl).

Import is two steps: ``read_rows`` checks every row and reports every error (the preview), then
``import_rows`` creates all customers in one transaction — a file with any bad row imports
nothing. Export writes the same columns, so an exported list can be corrected and re-imported.

Export choice: the file carries full ID numbers and phones. Every exported row comes from
``Customer.objects.visible_to(user)``, i.e. is in the user's scope, where the file page shows
them whole too; a ledger with masked numbers could not be re-imported or used on a visit.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from zipfile import BadZipFile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils.exceptions import InvalidFileException

from creditdesk.models import Role, User
from customers import validators
from customers.models import (
    AcquisitionChannel,
    Customer,
    CustomerStatus,
    CustomerType,
    PipelineStage,
    Segment,
)
from customers.reasons import CustomersReason
from customers.services import customers as services

# (key, header): the header is what the sheet's first row says, in the bank's language.
COLUMNS = [
    ("name", gettext_lazy("客户名称")),
    ("customer_type", gettext_lazy("客户类型")),
    ("id_number", gettext_lazy("证件号码")),
    ("phone", gettext_lazy("手机号码")),
    ("township", gettext_lazy("乡镇")),
    ("village", gettext_lazy("村（社区）")),
    ("address", gettext_lazy("详细地址")),
    ("industry", gettext_lazy("行业/主营")),
    ("channel", gettext_lazy("获客渠道")),
    ("segment", gettext_lazy("客户分层")),
    ("status", gettext_lazy("状态")),
    ("notes", gettext_lazy("备注")),
    ("manager", gettext_lazy("客户经理工号")),
]
REQUIRED = ("name", "customer_type", "id_number")
MAX_ROWS = 5000
#: A cell that starts with one of these is a formula to Excel and LibreOffice (or becomes one
#: when the cell is edited): a note "=HYPERLINK(...)" would run on the reader's machine.
#: OWASP's advice for CSV injection: write such text with a leading quote, as text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Row:
    number: int  # the sheet's row number, as Excel shows it
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFileError(Exception):
    """The file as a whole cannot be read (not an .xlsx, no header row, too long)."""


def _choice(value: str, choices: type, *, optional: bool) -> str:
    """Accept a choice by its code or by its label in either language."""
    value = (value or "").strip()
    if not value:
        if optional:
            return ""
        raise ValueError
    for code, label in choices.choices:
        if value in (code, str(label)) or value.lower() == code:
            return code
    from django.utils import translation

    with translation.override("zh-hans"):
        for code, label in choices.choices:
            if value == str(label):
                return code
    raise ValueError


def _headers_map(header_row) -> dict[int, str]:
    from django.utils import translation

    known = {}
    for key, label in COLUMNS:
        known[key] = key
        known[str(label)] = key
        with translation.override("zh-hans"):
            known[str(label)] = key
        with translation.override("en"):
            known[str(label)] = key
    mapping = {}
    for index, cell in enumerate(header_row):
        text = str(cell).strip() if cell is not None else ""
        if text in known:
            mapping[index] = known[text]
    return mapping


def neutralise(value):
    """Text that a spreadsheet would run as a formula, with OWASP's leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # phone numbers typed as numbers
    text = str(value)
    if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS):
        text = text[1:]  # our own export's quote: the value round-trips unchanged
    return text.strip()


def read_rows(data: bytes, *, by: User) -> list[Row]:
    """Read and check every row; nothing is saved."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(_("无法读取该文件，请确认是 .xlsx 格式的 Excel 文件。")) from exc
    sheet = workbook.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = next(lines, None)
    mapping = _headers_map(header or [])
    missing = [
        str(label) for key, label in COLUMNS if key in REQUIRED and key not in mapping.values()
    ]
    if missing:
        raise ImportFileError(
            _("第一行缺少必填列：%(cols)s。请使用导入模板。") % {"cols": "、".join(missing)}
        )
    rows: list[Row] = []
    for number, line in enumerate(lines, start=2):
        values = {key: "" for key, _label in COLUMNS}
        for index, key in mapping.items():
            if index < len(line):
                values[key] = _cell(line[index])
        if not any(values.values()):
            continue
        rows.append(Row(number=number, values=values))
        if len(rows) > MAX_ROWS:
            raise ImportFileError(_("一次最多导入 %(n)d 行，请分批导入。") % {"n": MAX_ROWS})
    workbook.close()
    check_rows(rows, by=by)
    return rows


def _row_kwargs(row: Row, *, by: User, managers: dict[str, User]) -> dict:
    """Turn one row's text into customer_create arguments, appending errors to the row."""
    v = row.values
    kwargs: dict = {"name": v["name"]}
    for key in REQUIRED:
        if not v[key]:
            row.errors.append(_("%(col)s 必填。") % {"col": dict(COLUMNS)[key]})
    choices = [
        ("customer_type", CustomerType, False),
        ("channel", AcquisitionChannel, True),
        ("segment", Segment, True),
        ("status", CustomerStatus, True),
    ]
    for key, choice, optional in choices:
        if not v[key] and not optional:
            continue
        try:
            kwargs[key] = _choice(v[key], choice, optional=optional)
        except ValueError:
            row.errors.append(
                _("%(col)s “%(value)s”无效，可选：%(options)s。")
                % {
                    "col": dict(COLUMNS)[key],
                    "value": v[key],
                    "options": "、".join(str(label) for label in choice.labels),
                }
            )
    for key in ("segment", "status"):
        if not kwargs.get(key):
            kwargs.pop(key, None)
    for key in ("township", "village", "address", "industry", "notes"):
        kwargs[key] = v[key]
    kwargs["phone"] = v["phone"]
    kwargs["id_number"] = v["id_number"]
    if v["manager"]:
        manager = managers.get(v["manager"])
        if manager is None:
            row.errors.append(
                _("客户经理工号“%(value)s”不存在或不在您的机构。") % {"value": v["manager"]}
            )
        kwargs["manager"] = manager
    elif by.role != Role.MANAGER:
        row.errors.append(_("请填写客户经理工号。"))
    return kwargs


def _managers_for(by: User) -> dict[str, User]:
    if by.role == Role.MANAGER:
        return {by.username: by}
    managers = User.objects.visible_to(by).active_managers().select_related("branch")
    return {u.username: u for u in managers}


def check_rows(rows: list[Row], *, by: User) -> None:
    """Every row's errors: fields, numbers, duplicates in the file and in the bank."""
    managers = _managers_for(by)
    seen: dict[str, int] = {}
    numbers: dict[str, Row] = {}
    for row in rows:
        kwargs = _row_kwargs(row, by=by, managers=managers)
        if kwargs["phone"]:
            try:
                validators.clean_mobile(kwargs["phone"])
            except ValidationError as exc:
                row.errors.extend(exc.messages)
        if not kwargs.get("customer_type") or not kwargs["id_number"]:
            continue
        try:
            number, _birth = services.clean_identity(
                customer_type=kwargs["customer_type"], id_number=kwargs["id_number"]
            )
        except ValidationError as exc:
            row.errors.extend(exc.messages)
            continue
        if number in seen:
            row.errors.append(_("证件号码与第 %(row)d 行重复。") % {"row": seen[number]})
        else:
            seen[number] = row.number
            numbers[number] = row
    existing = Customer.objects.filter(id_number__in=list(numbers)).select_related(
        "manager", "branch"
    )
    for customer in existing:
        numbers[customer.id_number].errors.append(services.duplicate_message(customer))


@transaction.atomic
def import_rows(rows: list[Row], *, by: User) -> int:
    """Create every customer or none: any error raises and rolls the whole file back."""
    check_rows(rows, by=by)
    if any(not row.ok for row in rows):
        raise ValidationError(_("文件中有错误的行，未导入任何客户。"))
    managers = _managers_for(by)
    for row in rows:
        kwargs = _row_kwargs(row, by=by, managers=managers)
        try:
            services.customer_create(by=by, reason=CustomersReason.IMPORT, **kwargs)
        except ValidationError as exc:
            row.errors.extend(exc.messages)
            raise ValidationError(
                _("第 %(row)d 行：%(error)s")
                % {"row": row.number, "error": "；".join(exc.messages)}
            ) from exc
    return len(rows)


def _export_cell(sheet, value) -> WriteOnlyCell:
    """Text is written as text (ID numbers and phones stay exactly as typed, never numbers
    nor formulas); text that looks like a formula gets its leading quote."""
    cell = WriteOnlyCell(sheet, value=neutralise(value))
    if isinstance(value, str):
        cell.data_type = "s"
        cell.number_format = "@"
    return cell


def _labels(choices) -> dict[str, str]:
    """A choice set's labels in the current language, evaluated once per export (not one
    lazy translation per cell: 50,000 rows × five columns took 14 s)."""
    return {value: str(label) for value, label in choices}


#: Export columns holding numbers that must stay text: the ID number and the phone.
TEXT_COLUMNS = frozenset({2, 3})


def write_export(customers, out, *, progress=None, every: int = 1000) -> int:
    """Write the customers as an .xlsx ledger (the import columns plus branch, stage, rating
    and birth date) to the binary file ``out``; returns the number of rows.

    Rows are streamed: a write-only workbook keeps no cells in memory, so pass an iterator
    (``queryset.iterator(chunk_size=…)``). ``progress(rows)`` is called every ``every`` rows.
    Every value is neutralised: none ever runs as a formula."""
    types = _labels(CustomerType.choices)
    channels = {"": "", **_labels(AcquisitionChannel.choices)}
    segments = _labels(Segment.choices)
    statuses = _labels(CustomerStatus.choices)
    stages = _labels(PipelineStage.choices)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(gettext_lazy("客户台账")))
    extra = [_("所属机构"), _("营销阶段"), _("信用等级"), _("出生日期")]
    headers = [str(label) for _key, label in COLUMNS] + extra
    sheet.append([_export_cell(sheet, header) for header in headers])
    rows = 0
    for c in customers:
        values = [
            c.name,
            types.get(c.customer_type, c.customer_type),
            c.id_number,
            c.phone,
            c.township,
            c.village,
            c.address,
            c.industry,
            channels.get(c.channel, c.channel),
            segments.get(c.segment, c.segment),
            statuses.get(c.status, c.status),
            c.notes,
            c.manager.username,
            c.branch.name,
            stages.get(c.stage, c.stage),
            getattr(c, "current_grade", None) or "",
            c.birth_date,
        ]
        # Numbers typed as text keep the text format ("@"); every other value goes in plain,
        # neutralised (a styled cell object per value costs a third of the export's time).
        sheet.append(
            [
                _export_cell(sheet, value) if i in TEXT_COLUMNS else neutralise(value)
                for i, value in enumerate(values)
            ]
        )
        rows += 1
        if progress is not None and rows % every == 0:
            progress(rows)
    workbook.save(out)
    return rows


def export_workbook(customers) -> bytes:
    """The customers as an .xlsx ledger, in memory (small lists: see :func:`write_export`)."""
    out = io.BytesIO()
    write_export(customers, out)
    return out.getvalue()


def template_workbook() -> bytes:
    """An empty ledger with the header row and one example row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(gettext_lazy("客户台账"))
    sheet.append([str(label) for _key, label in COLUMNS])
    sheet.append(
        [
            "张三",
            str(CustomerType.FARM_HOUSEHOLD.label),
            "11010519491231002X",
            "13812345678",
            "城关镇",
            "东村",
            "东村3组12号",
            "水稻种植",
            str(AcquisitionChannel.COLD_VISIT.label),
            str(Segment.ORDINARY.label),
            str(CustomerStatus.PROSPECT.label),
            "",
            "",
        ]
    )
    for column in "ABCDEFGHIJKLM":
        sheet.column_dimensions[column].width = 18
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
