"""Trigram indexes for the customer search box (name, ID number, phone), on PostgreSQL only.

``CustomerQuerySet.search`` filters ``UPPER(name) LIKE '%…%' OR id_number LIKE '%…%' OR phone
LIKE '%…%'``; with pg_trgm's GIN indexes on exactly those expressions the planner answers it
with a BitmapOr of three index scans instead of a sequential scan of the scope. On SQLite the
migration does nothing and the search is a plain scan (development and tests).

The indexes are not declared in ``Customer.Meta`` (they are PostgreSQL-only), so this migration
changes no model state.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    GinIndex(fields=["id_number"], opclasses=["gin_trgm_ops"], name="customer_id_number_trgm"),
    GinIndex(fields=["phone"], opclasses=["gin_trgm_ops"], name="customer_phone_trgm"),
]
# ``name__icontains`` reads ``UPPER("name"::text) LIKE UPPER(…)``: the index is on that
# expression. (Written out: Django 5.2 puts an OpClass of an expression inside the
# expression's parentheses, which PostgreSQL refuses.)
NAME_INDEX = (
    'CREATE INDEX "customer_name_trgm" ON "customers_customer" '
    'USING gin ((UPPER("name"::text)) gin_trgm_ops)'
)


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    customer = apps.get_model("customers", "Customer")
    for index in INDEXES:
        schema_editor.add_index(customer, index)
    schema_editor.execute(NAME_INDEX)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    customer = apps.get_model("customers", "Customer")
    for index in INDEXES:
        schema_editor.remove_index(customer, index)
    schema_editor.execute('DROP INDEX IF EXISTS "customer_name_trgm"')


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0004_list_indexes"),
    ]

    operations = [
        TrigramExtension(),  # (CreateExtension does nothing on other databases)
        migrations.RunPython(add_indexes, remove_indexes, elidable=False),
    ]
