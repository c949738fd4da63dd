"""Banks run on closed intranets: no template or static file may load anything from outside."""

import re

from tests.helpers import BASE_DIR

URL = re.compile(r"""(?:src|href|url\()\s*=?\s*["']?(https?:)?//""", re.IGNORECASE)
PROJECT_DIRS = ["templates", "static", "creditdesk", "customers", "loans", "guarantees", "postloan"]


def project_files():
    for top in PROJECT_DIRS:
        for path in (BASE_DIR / top).rglob("*"):
            if path.suffix in {".html", ".css", ".js", ".txt"} and path.is_file():
                yield path


def test_project_files_are_found():
    names = {p.name for p in project_files()}
    assert {"base.html", "creditdesk.css", "creditdesk.js"} <= names


def test_no_template_or_static_file_references_an_external_url():
    offenders = [
        str(path.relative_to(BASE_DIR))
        for path in project_files()
        if URL.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert offenders == []
