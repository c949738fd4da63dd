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
from types import ModuleType
from typing import Any

from django.apps import apps

CREDITDESK_APPS = ("creditdesk", "customers", "guarantees", "loans", "postloan")


def app_modules(module: str) -> Iterator[ModuleType]:
    """``<app>.<module>`` of each CreditDesk app that has one, ground floor first."""
    for config in apps.get_app_configs():
        if config.name not in CREDITDESK_APPS:
            continue
        dotted = f"{config.name}.{module}"
        if find_spec(dotted) is not None:
            yield import_module(dotted)


def app_functions(module: str, function: str) -> Iterator[Any]:
    for found in app_modules(module):
        func = getattr(found, function, None)
        if func is not None:
            yield func
