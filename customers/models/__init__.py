"""Customers (客户): the file an account manager keeps, their rating and their credit line.

One module per sub-domain; everything is re-exported here, so ``from customers.models import X``
is the one import path for other apps (``Customer``, ``CreditLine``, ``PERSON_TYPES``, ``age_on``).
"""

from customers.models.contacts import Contact, ContactKind, ContactQuerySet
from customers.models.credit import (
    CreditLine,
    CreditLineQuerySet,
    CreditLineStatus,
    CreditRating,
    CreditRatingQuerySet,
    FarmTier,
    GradeBand,
    RatingCriterion,
    RatingGrade,
    Scorecard,
    ScorecardFactor,
)
from customers.models.customer import (
    PERSON_TYPES,
    AcquisitionChannel,
    Customer,
    CustomerQuerySet,
    CustomerStatus,
    CustomerType,
    PipelineStage,
    Segment,
    age_on,
    customer_scope,
)
from customers.models.exports import CustomerExport, ExportStatus
from customers.models.household import FinancialSnapshot, HouseholdMember, Relation
from customers.models.marketing import Product, ProductHolding
from customers.models.villages import (
    BatchEntry,
    BatchEntryStatus,
    CreditVillage,
    VillageBatch,
    VillageBatchStatus,
)

__all__ = [
    "PERSON_TYPES",
    "AcquisitionChannel",
    "BatchEntry",
    "BatchEntryStatus",
    "Contact",
    "ContactKind",
    "ContactQuerySet",
    "CreditLine",
    "CreditLineQuerySet",
    "CreditLineStatus",
    "CreditRating",
    "CreditRatingQuerySet",
    "CreditVillage",
    "Customer",
    "CustomerExport",
    "CustomerQuerySet",
    "CustomerStatus",
    "CustomerType",
    "ExportStatus",
    "FarmTier",
    "FinancialSnapshot",
    "GradeBand",
    "HouseholdMember",
    "PipelineStage",
    "Product",
    "ProductHolding",
    "RatingCriterion",
    "RatingGrade",
    "Relation",
    "Scorecard",
    "ScorecardFactor",
    "Segment",
    "VillageBatch",
    "VillageBatchStatus",
    "age_on",
    "customer_scope",
]
