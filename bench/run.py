"""Run the benchmarks: every ``bench/bench_*.py`` module with a ``run() -> list[dict]``.

    .venv/bin/python bench/run.py                 # all benchmarks
    .venv/bin/python bench/run.py schedules       # only modules whose name contains "schedules"
    .venv/bin/python bench/run.py --output bench/results.md

Each dict returned by ``run()`` is one row of the table (conventional keys: ``case``, ``n``,
``seconds``, ``per_item_us``; any others become extra columns). Results are printed as a
Markdown table to paste into docs/performance.md; timings are never asserted anywhere.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import os
import platform
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent


def setup_django() -> None:
    sys.path[:0] = [str(ROOT), str(BENCH_DIR)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "creditdesk.settings")
    import django

    django.setup()


def discover(patterns: list[str]) -> list[str]:
    names = sorted(path.stem for path in BENCH_DIR.glob("bench_*.py"))
    if patterns:
        names = [name for name in names if any(p in name for p in patterns)]
    return names


def format_value(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if value < 1000 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def table(rows: list[dict]) -> str:
    columns: list[str] = []
    for row in rows:
        columns += [key for key in row if key not in columns]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        lines.append("| " + " | ".join(format_value(row.get(c, "")) for c in columns) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("patterns", nargs="*", help="run only modules whose name contains one")
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)

    setup_django()
    rows: list[dict] = []
    for name in discover(args.patterns):
        print(f"running {name} …", file=sys.stderr, flush=True)
        for row in importlib.import_module(name).run():
            rows.append({"benchmark": name.removeprefix("bench_")} | row)
    if not rows:
        print("no benchmarks found", file=sys.stderr)
        return 1
    header = (
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC · Python "
        f"{platform.python_version()} · {platform.machine()} · {os.cpu_count()} CPUs"
    )
    report = f"{header}\n\n{table(rows)}\n"
    print(report)
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
