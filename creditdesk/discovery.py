"""Ask each CreditDesk app for its part, without the ground floor importing the floors above.

The organisation layer must not import customers or loans (apps depend downwards), yet the home
page shows their panels and ``seed_demo`` loads their demo data. Each app offers a module with a
known function (``<app>.home.panels``, ``<app>.demo.seed``); this finds them in the order of
INSTALLED_APPS.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps

CREDITDESK_APPS = ("creditdesk", "customers", "guarantees", "loans", "postloan")


def app_functions(module: str, function: str) -> Iterator[Any]:
    for config in apps.get_app_configs():
        if config.name not in CREDITDESK_APPS:
            continue
        dotted = f"{config.name}.{module}"
        if find_spec(dotted) is None:
            continue
        func = getattr(import_module(dotted), function, None)
        if func is not None:
            yield func
