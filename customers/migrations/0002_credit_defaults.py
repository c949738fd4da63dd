"""Default rating configuration, which administrators may then change: a scorecard per customer
type with the five criteria of credit evaluation, grade bands and farm-household tiers."""

from decimal import Decimal

from django.db import migrations

CRITERIA = [
    ("morality", "个人品德", "诚信守约、邻里口碑、有无不良信用记录"),
    ("repayment", "还款能力", "家庭或经营收入与现金流、现有负债"),
    ("capital", "资本实力", "自有资金与资产：房产、设备、存货、牲畜"),
    ("environment", "经营环境", "行业与市场前景、上下游、政策与自然条件"),
    ("guarantee", "担保状况", "保证人的实力与意愿、可抵质押的财产"),
]

# Weights in percent, in the order of CRITERIA.
SCORECARDS = {
    "farm_household": ("农户评分卡", [30, 25, 15, 15, 15]),
    "individual_business": ("个体工商户评分卡", [25, 30, 15, 15, 15]),
    "small_micro": ("小微企业评分卡", [20, 30, 20, 15, 15]),
    "private_enterprise": ("民营企业评分卡", [15, 30, 25, 15, 15]),
}

BANDS = [("AAA", 90), ("AA", 80), ("A", 70), ("B", 60), ("C", 0)]

TIERS = [("特优", "AAA", 60000), ("优秀", "AA", 30000), ("较好", "A", 20000), ("一般", "B", 10000)]


def seed(apps, schema_editor):
    Scorecard = apps.get_model("customers", "Scorecard")
    Factor = apps.get_model("customers", "ScorecardFactor")
    GradeBand = apps.get_model("customers", "GradeBand")
    FarmTier = apps.get_model("customers", "FarmTier")
    for customer_type, (name, weights) in SCORECARDS.items():
        card, created = Scorecard.objects.get_or_create(
            customer_type=customer_type, defaults={"name": name}
        )
        if not created:
            continue
        for position, ((criterion, label, guidance), weight) in enumerate(
            zip(CRITERIA, weights, strict=True)
        ):
            Factor.objects.create(
                scorecard=card,
                criterion=criterion,
                name=label,
                guidance=guidance,
                weight=Decimal(weight),
                position=position,
            )
    for grade, minimum in BANDS:
        GradeBand.objects.get_or_create(grade=grade, defaults={"min_score": Decimal(minimum)})
    for position, (name, grade, cap) in enumerate(TIERS):
        FarmTier.objects.get_or_create(
            grade=grade, defaults={"name": name, "cap": Decimal(cap), "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("customers", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
