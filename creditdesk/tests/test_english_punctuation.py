"""English pages carry no Chinese full-width punctuation of our making: no English message
holds one, and no template writes one outside a translated string (``{% translate "：" %}``
reads "：" in Chinese and ": " in English). Customers' own words are theirs to punctuate."""

from __future__ import annotations

import re

import polib

from tests.helpers import BASE_DIR

FULL_WIDTH = "：（），；。、"
APPS = ["creditdesk", "customers", "loans", "guarantees", "postloan"]
TEMPLATE_DIRS = ["templates", *(f"{app}/templates" for app in APPS)]
# What the template language translates or leaves to the data: translated strings, tags,
# variables, comments. The rest is text written into every language's page.
NOT_TEXT = re.compile(
    r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}"
    r"|{%.*?%}|{{.*?}}|{#.*?#}",
    re.S,
)


def test_no_english_message_holds_full_width_punctuation():
    found = []
    for path in [BASE_DIR / "locale", *(BASE_DIR / app / "locale" for app in APPS)]:
        for po_path in path.rglob("en/LC_MESSAGES/django.po"):
            for entry in polib.pofile(str(po_path)):
                texts = [entry.msgstr, *entry.msgstr_plural.values()]
                if any(ch in text for text in texts for ch in FULL_WIDTH):
                    found.append(f"{po_path.relative_to(BASE_DIR)}: {entry.msgid}")
    assert found == []


def test_templates_write_no_full_width_punctuation_outside_translations():
    found = []
    for folder in TEMPLATE_DIRS:
        for path in sorted((BASE_DIR / folder).rglob("*.html")):
            text = NOT_TEXT.sub("", path.read_text())
            for match in re.finditer(f"[{FULL_WIDTH}]", text):
                context = text[max(0, match.start() - 30) : match.end() + 10].replace("\n", " ")
                found.append(f"{path.relative_to(BASE_DIR)}: …{context.strip()}…")
    assert found == []
