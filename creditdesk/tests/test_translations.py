"""Every string of the UI is translated: the English catalogues have no gaps."""

import polib
import pytest

from tests.helpers import BASE_DIR

CATALOGUES = sorted(BASE_DIR.glob("*/locale/en/LC_MESSAGES/django.po")) + sorted(
    BASE_DIR.glob("locale/en/LC_MESSAGES/django.po")
)


def test_there_are_catalogues():
    assert BASE_DIR / "locale/en/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_catalogue_is_complete(path):
    po = polib.pofile(str(path))
    missing = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert missing == [], f"untranslated in {path}"
    assert fuzzy == [], f"fuzzy in {path}"


def test_catalogues_hold_every_string_of_the_source(tmp_path):
    """Re-extract the strings into a copy of the project: none may be missing from the .po."""
    import shutil
    import subprocess
    import sys

    if shutil.which("xgettext") is None:
        pytest.skip("needs gettext's xgettext (make test installs it)")
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns(
        ".venv", "node_modules", "var", "tests", "*.pyc", ".git*", "test-artifacts", "bench", "docs"
    )
    shutil.copytree(BASE_DIR, copy, ignore=ignore, symlinks=True)
    (copy / "tests").mkdir()
    (copy / "tests" / "__init__.py").touch()
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "en",
            "--no-obsolete",
            "--no-location",
            "--ignore",
            "tests",
        ],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    gaps = {}
    for fresh in copy.rglob("locale/en/LC_MESSAGES/django.po"):
        committed = BASE_DIR / fresh.relative_to(copy)
        new_ids = {e.msgid for e in polib.pofile(str(fresh))}
        old_ids = {e.msgid for e in polib.pofile(str(committed))} if committed.exists() else set()
        if new_ids - old_ids:
            gaps[str(committed.relative_to(BASE_DIR))] = sorted(new_ids - old_ids)[:10]
    assert gaps == {}, "run `make messages` and translate the new strings"
