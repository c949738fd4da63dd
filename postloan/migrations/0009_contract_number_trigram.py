"""Indexes for the ledger's search by contract number, on PostgreSQL only.

``contract_number_q`` (``postloan.models.loan``) finds the contract numbers that begin or end
with the text typed: ``UPPER("contract_number"::text) LIKE 'X%'`` and
``REVERSE(UPPER("contract_number")) LIKE 'Y%'``. A B-tree index on exactly each expression
(``text_pattern_ops``: a prefix ``LIKE`` in any collation) answers each as one range. On SQLite
the migration does nothing (development and tests).

(The file's name is that of its first draft, a trigram index for "contains"; another
migration already depended on it by then. A trigram index read a third of the ledger for six
digits: numbers are made of few distinct trigrams.)

The indexes are not declared in ``Loan.Meta`` (they are PostgreSQL-only), so this migration
changes no model state.
"""

from django.db import migrations

CREATE = [
    'CREATE INDEX IF NOT EXISTS "loan_contract_number_prefix" ON "postloan_loan" '
    '((UPPER("contract_number"::text)) text_pattern_ops)',
    'CREATE INDEX IF NOT EXISTS "loan_contract_number_suffix" ON "postloan_loan" '
    '((REVERSE(UPPER("contract_number"::text))) text_pattern_ops)',
]
DROP = [
    'DROP INDEX IF EXISTS "loan_contract_number_prefix"',
    'DROP INDEX IF EXISTS "loan_contract_number_suffix"',
]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in CREATE:
            schema_editor.execute(sql)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("postloan", "0008_nightly_indexes"),
    ]

    operations = [
        migrations.RunPython(add_indexes, remove_indexes, elidable=False),
    ]
