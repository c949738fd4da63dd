"""Nothing a user or an administrator typed reaches a page unescaped (issue 8, finding 6).

Every template is scanned for the ways to switch Django's autoescaping off, and the Python code
for ``mark_safe``. A use that is truly safe (a value the code builds itself, never typed by
anyone) may be whitelisted below, with the reason; anything else fails this test.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", "node_modules", "var", "test-artifacts", ".git", "static"}

TEMPLATE_PATTERNS = re.compile(r"\|\s*safe(seq)?\b|{%\s*autoescape\s+off")
PYTHON_PATTERNS = re.compile(r"\bmark_safe\(|\bSafeString\(|\|safe\b")

#: (path relative to the project, the matched text) → why it is safe. Keep it short.
WHITELIST: dict[tuple[str, str], str] = {
    ("postloan/templates/postloan/email/digest.txt", "{% autoescape off"): (
        "a text/plain e-mail body: no HTML context, and escaping would turn O'Brien into "
        "O&#x27;Brien in the reader's mail client"
    ),
}


def _files(suffix: str):
    for path in ROOT.rglob(f"*{suffix}"):
        parts = set(path.relative_to(ROOT).parts)
        if parts & SKIP or "tests" in parts or "migrations" in parts:
            continue
        yield path


def _hits(suffix: str, pattern: re.Pattern) -> list[tuple[str, str, int]]:
    hits = []
    for path in _files(suffix):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in pattern.finditer(line):
                key = (str(path.relative_to(ROOT)), match.group(0).strip())
                if key not in WHITELIST:
                    hits.append((*key, number))
    return hits


def test_no_template_switches_autoescaping_off():
    assert _hits(".html", TEMPLATE_PATTERNS) == []
    assert _hits(".txt", TEMPLATE_PATTERNS) == []


def test_no_python_code_marks_text_safe():
    assert _hits(".py", PYTHON_PATTERNS) == []


def test_every_whitelisted_use_says_why():
    assert all(reason.strip() for reason in WHITELIST.values())


def test_the_scan_finds_what_it_looks_for(tmp_path):
    # The scan must not pass by looking at nothing.
    assert any(p.name == "_form_fields.html" for p in _files(".html"))
    assert TEMPLATE_PATTERNS.search("{{ factor.guidance|safe }}")
    assert TEMPLATE_PATTERNS.search("{{ rows|safeseq }}")
    assert TEMPLATE_PATTERNS.search("{% autoescape off %}")
    assert PYTHON_PATTERNS.search("return mark_safe(text)")
