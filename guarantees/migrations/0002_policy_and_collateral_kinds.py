"""The default guarantee policy and collateral kinds, which administrators may then change."""

from decimal import Decimal

from django.db import migrations

# code, name, max loan-to-value, revaluation months, needs registration, needs insurance, pledge
KINDS = [
    ("residential", "住宅房产", "0.7", 24, True, False, False),
    ("commercial", "商业用房", "0.6", 12, True, True, False),
    ("land_use_right", "土地使用权", "0.6", 24, True, False, False),
    ("vehicle", "机动车", "0.5", 12, True, True, False),
    ("equipment", "机器设备", "0.4", 12, True, True, False),
    ("deposit_receipt", "存单", "0.9", 12, False, False, True),
    ("warehouse_receipt", "仓单", "0.5", 6, False, True, True),
    ("livestock", "活体畜禽", "0.3", 6, True, True, False),
]


def seed(apps, schema_editor):
    Policy = apps.get_model("guarantees", "GuaranteePolicy")
    Kind = apps.get_model("guarantees", "CollateralKind")
    if not Policy.objects.exists():
        Policy.objects.create(pk=1)
    for code, name, ltv, months, registration, insurance, pledge in KINDS:
        Kind.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "max_ltv": Decimal(ltv),
                "revaluation_months": months,
                "needs_registration": registration,
                "needs_insurance": insurance,
                "is_pledge": pledge,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("guarantees", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
