"""`make audit`: pip-audit over the pinned versions in constraints.txt, saying plainly whether
the vulnerability database could be asked at all.

Exit status: 0 every pin audited and none vulnerable; 1 a known vulnerability (listed);
3 the database could not be asked for some or all pins (no network, a mirror without PyPI's
JSON API) — nothing is known either way. With AUDIT_OFFLINE_OK=1 that last case exits 0,
still printing the warning. Extra pip-audit options (e.g. `-s osv`) go in PIP_AUDIT_ARGS.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNREACHABLE = 3


def main() -> int:
    command = [
        str(Path(sys.executable).with_name("pip-audit")),
        "--disable-pip",  # every version is pinned: nothing to resolve
        "--no-deps",
        "--requirement",
        str(ROOT / "constraints.txt"),
        "--progress-spinner",
        "off",
        "--format",
        "json",
        *shlex.split(os.environ.get("PIP_AUDIT_ARGS", "")),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(result.stderr.strip(), file=sys.stderr)
        return offline("pip-audit could not reach a vulnerability database.")
    deps = report.get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    skipped = [d for d in deps if d.get("skip_reason")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            print(f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixed})")
    if vulnerable:
        return 1
    if skipped:
        names = ", ".join(d["name"] for d in skipped[:8]) + (" …" if len(skipped) > 8 else "")
        return offline(
            f"{len(skipped)} of {len(deps)} pinned packages could not be audited "
            f"(no vulnerability database answered for: {names})."
        )
    print(f"pip-audit: {len(deps)} pinned packages audited, no known vulnerabilities.")
    return 0


def offline(message: str) -> int:
    print(f"AUDIT NOT DONE: {message}", file=sys.stderr)
    print(
        "Nothing is known either way. Run `make audit` where PyPI's JSON API (or OSV, with "
        "PIP_AUDIT_ARGS='-s osv') is reachable; creditdesk/tests/test_dependency_pins.py holds "
        "the pins above the fixes listed in docs/security.md meanwhile.",
        file=sys.stderr,
    )
    return 0 if os.environ.get("AUDIT_OFFLINE_OK") == "1" else UNREACHABLE


if __name__ == "__main__":
    sys.exit(main())
