#!/usr/bin/env python3
"""Import an organisation from a CSV file and show what perfmgmt made of it.

Usage, from the top of a built checkout::

    PERFMGMT_LIBRARY=build/libperfmgmt.so python3 examples/python/import_org.py /tmp/org.db [org.csv]

The CSV defaults to examples/quickstart/org.csv. The organisation is written
into the SQLite file given first (created when missing), as the system
actor, all or nothing; then the unit tree is printed with the people in each
unit, and for each manager the people who report to them. Running it again
on the same file updates the store and changes nothing when the file has
not changed.

When the binding is not installed (``pip install bindings/python``), the
copy in this checkout is used. PERFMGMT_LIBRARY is not needed once
libperfmgmt is installed on the library path.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

try:
    import perfmgmt
except ModuleNotFoundError:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bindings" / "python" / "src"))
    import perfmgmt

DEFAULT_CSV = Path(__file__).resolve().parent.parent / "quickstart" / "org.csv"


def print_units(session: perfmgmt.Session, parent: int | None = None, depth: int = 0) -> None:
    """Prints the units under ``parent``, indented by depth, with their members."""
    for unit in session.unit_children(parent):
        members = [p.name for p in session.unit_members(unit.id)]
        print(f"{'  ' * (depth + 1)}{unit.name}: {'; '.join(members) or '(nobody)'}")
        print_units(session, unit.id, depth + 1)


def print_managers(session: perfmgmt.Session) -> None:
    """Prints each person who has reports, with their direct reports."""
    for person in session.search_people():
        reports = [f"{p.name} ({p.external_id})" for p in session.reports(person.id)]
        if reports:
            print(f"  {person.name} ({person.external_id}):")
            for line in reports:
                print(f"    {line}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", help="SQLite file to import into (created when missing)")
    parser.add_argument("csv", nargs="?", default=str(DEFAULT_CSV), help="the CSV export")
    args = parser.parse_args(argv)

    try:
        with perfmgmt.open("sqlite:" + args.store) as db, db.system_session() as system:
            stats = system.import_csv_file(args.csv)
            print(f"perfmgmt {perfmgmt.version()}: imported {args.csv} into {args.store}")
            print(
                f"  {stats.rows} rows: {stats.people_created} people created, "
                f"{stats.people_updated} updated; {stats.units_created} units created"
            )
            print("\nUnits:")
            print_units(system)
            print("\nManagers and their direct reports:")
            print_managers(system)
    except perfmgmt.Error as exc:
        # The message names the line and the field that failed.
        print(f"import_org: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
