"""The pinned versions (constraints.txt) stay at or above the releases that fixed the
advisories known today; docs/security.md lists each advisory. `make audit` asks a vulnerability
database where one is reachable; this test holds the line where none is.

To add an advisory: a row here and a row in docs/security.md's table (the test checks both).
"""

import importlib.util
import json
import subprocess
from types import SimpleNamespace

import pytest
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.helpers import BASE_DIR

# package → [(advisory id, first fixed release)]
ADVISORIES: dict[str, list[tuple[str, str]]] = {
    "django": [
        ("CVE-2025-64458", "5.2.8"),
        ("CVE-2025-64459", "5.2.8"),
        ("CVE-2025-13372", "5.2.9"),
        ("CVE-2025-64460", "5.2.9"),
        ("CVE-2025-13473", "5.2.11"),
        ("CVE-2025-14550", "5.2.11"),
        ("CVE-2026-1207", "5.2.11"),
        ("CVE-2026-1285", "5.2.11"),
        ("CVE-2026-1287", "5.2.11"),
        ("CVE-2026-1312", "5.2.11"),
        ("CVE-2026-25673", "5.2.12"),
        ("CVE-2026-25674", "5.2.12"),
        ("CVE-2026-35192", "5.2.14"),
        ("CVE-2026-5766", "5.2.14"),
        ("CVE-2026-6907", "5.2.14"),
        ("GHSA-923m-gv2p-w5qp", "5.2.15"),
        ("GHSA-8cjm-8mp7-r2xf", "5.2.15"),
        ("GHSA-qpc8-7fxc-cm4p", "5.2.15"),
        ("CVE-2026-48588", "5.2.16"),
        ("CVE-2026-53877", "5.2.16"),
        ("CVE-2026-53878", "5.2.16"),
        ("CVE-2026-15307", "5.2.17"),
        ("CVE-2026-15337", "5.2.17"),
        ("CVE-2026-15830", "5.2.17"),
        ("CVE-2026-15920", "5.2.17"),
    ],
    "djangorestframework": [
        ("CVE-2024-21520", "3.15.2"),
        ("CVE-2026-73228", "3.17.2"),
        ("CVE-2026-73229", "3.17.2"),
    ],
    "weasyprint": [
        ("CVE-2025-68616", "68.0"),
        ("CVE-2026-55073", "70.0"),
    ],
    "pillow": [
        ("CVE-2025-48379", "11.3.0"),
        ("CVE-2026-25990", "12.1.1"),
        ("CVE-2026-40192", "12.2.0"),
        ("CVE-2026-55379", "12.3.0"),
    ],
    "urllib3": [
        ("CVE-2025-66418", "2.6.0"),
        ("CVE-2025-66471", "2.6.0"),
        ("CVE-2026-21441", "2.6.3"),
        ("CVE-2026-44431", "2.7.0"),
        ("CVE-2026-44432", "2.7.0"),
    ],
    "requests": [
        ("CVE-2024-35195", "2.32.0"),
        ("CVE-2024-47081", "2.32.4"),
        ("CVE-2026-25645", "2.33.0"),
    ],
    "pypdf": [  # not a dependency today; held if one is added
        ("CVE-2026-59935", "6.14.2"),
        ("CVE-2026-71852", "6.15.0"),
        ("CVE-2026-71870", "6.15.0"),
    ],
    "sqlparse": [
        ("CVE-2024-4340", "0.5.0"),
        ("CVE-2026-54284", "0.6.0"),
        ("CVE-2026-59893", "0.6.0"),
        ("CVE-2026-71491", "0.6.0"),
    ],
    "gunicorn": [("CVE-2024-1135", "22.0.0"), ("CVE-2024-6827", "23.0.0")],
    "fonttools": [("CVE-2025-66034", "4.61.0")],
    "brotli": [("CVE-2025-6176", "1.2.0")],
    "certifi": [("CVE-2024-39689", "2024.7.4")],
    "idna": [("CVE-2024-3651", "3.7")],
    "filelock": [("CVE-2025-68146", "3.20.1")],
    "pygments": [("CVE-2022-40896", "2.15.0")],
    "pyyaml": [("CVE-2020-14343", "5.4")],
    "celery": [("CVE-2021-23727", "5.2.2")],
    "redis": [("CVE-2023-28858", "4.5.4"), ("CVE-2023-28859", "4.5.4")],
}
MUST_BE_PINNED = ["django", "djangorestframework", "weasyprint", "pillow", "urllib3"]


def pins() -> dict[str, Version]:
    found = {}
    for line in (BASE_DIR / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            found[canonicalize_name(name)] = Version(version.strip())
    return found


def test_the_named_packages_are_pinned():
    assert set(MUST_BE_PINNED) <= set(pins())


@pytest.mark.parametrize("package", sorted(ADVISORIES))
def test_pin_is_at_or_above_every_fix(package):
    pinned = pins().get(package)
    if pinned is None:
        pytest.skip(f"{package} is not a dependency")
    below = [
        f"{advisory} (fixed in {fixed})"
        for advisory, fixed in ADVISORIES[package]
        if pinned < Version(fixed)
    ]
    assert below == [], f"{package}=={pinned} is below the fix of {below}"


def test_every_advisory_is_listed_in_docs_security():
    doc = (BASE_DIR / "docs" / "security.md").read_text()
    missing = [a for rows in ADVISORIES.values() for a, _ in rows if a not in doc]
    assert missing == []


# make audit (.ci/audit.py): says plainly whether the database could be asked.


def _audit_module():
    spec = importlib.util.spec_from_file_location("audit", BASE_DIR / ".ci" / "audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run_audit(monkeypatch, capsys, stdout, env=None):
    audit = _audit_module()
    answer = SimpleNamespace(stdout=stdout, stderr="", returncode=0)
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: answer)
    for key, value in (env or {}).items():
        monkeypatch.setenv(key, value)
    code = audit.main()
    out = capsys.readouterr()
    return code, out.out + out.err


def test_audit_passes_when_every_pin_is_audited_clean(monkeypatch, capsys):
    report = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}
    code, text = _run_audit(monkeypatch, capsys, json.dumps(report))
    assert code == 0 and "no known vulnerabilities" in text


def test_audit_fails_on_a_known_vulnerability(monkeypatch, capsys):
    vuln = {"id": "CVE-2099-1", "fix_versions": ["5.2.99"]}
    report = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": [vuln]}]}
    code, text = _run_audit(monkeypatch, capsys, json.dumps(report))
    assert code == 1 and "CVE-2099-1" in text


def test_audit_says_so_when_no_database_answers(monkeypatch, capsys):
    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.19", "skip_reason": "Dependency not found"}
        ]
    }
    code, text = _run_audit(monkeypatch, capsys, json.dumps(report))
    assert code == 3 and "AUDIT NOT DONE" in text
    code, text = _run_audit(monkeypatch, capsys, "", env={"AUDIT_OFFLINE_OK": "1"})
    assert code == 0 and "AUDIT NOT DONE" in text
