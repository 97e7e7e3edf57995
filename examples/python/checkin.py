#!/usr/bin/env python3
"""Three weekly check-ins between a manager and her report, on a fixed clock.

Usage, from the top of a built checkout::

    PERFMGMT_LIBRARY=build/libperfmgmt.so python3 examples/python/checkin.py /tmp/checkin.db [org.csv]

The CSV defaults to examples/quickstart/org.csv; it is imported into the
SQLite file given first (created when missing). Märta Åsander (N005) and
Sofia Häggström (N007), who reports to her, then meet weekly from Monday
7 April 2025. The store's clock is fixed with ``Db.set_clock``, so every
date printed is the same on each run. Along the way: a talking point that
is not discussed moves on to the next check-in, Märta's private note does
not appear in Sofia's list, an action item stays on every check-in until it
is done, a goal is discussed with a snapshot of its progress, and Sofia
gives her mood. At the end: the series' next due date, the days since the
last check-in and Märta's completion rate.

Run it on a fresh file: on a file it has already run on, the library refuses
a second series for the same pair (a conflict). Any failure prints the
library's message and exits with status 1.

When the binding is not installed (``pip install bindings/python``), the
copy in this checkout is used. PERFMGMT_LIBRARY is not needed once
libperfmgmt is installed on the library path.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

try:
    import perfmgmt
except ModuleNotFoundError:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bindings" / "python" / "src"))
    import perfmgmt

from perfmgmt import EntryKind

DEFAULT_CSV = Path(__file__).resolve().parent.parent / "quickstart" / "org.csv"


class Failed(Exception):
    """Something the example expected did not happen."""


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise Failed(f"expected {what}")


def describe(entry: perfmgmt.CheckinEntry, shown_on: int) -> str:
    """One line for an entry, as a person sees it on check-in ``shown_on``."""
    if entry.kind == EntryKind.GOAL:
        line = (
            f"goal discussed: {entry.goal_progress:.0%} done, "
            f"{entry.goal_health.name.lower().replace('_', ' ')} at the time"
        )
    else:
        line = f"{entry.kind.name.lower().replace('_', ' ')}: \"{entry.text}\""
    if entry.private:
        line += " (private)"
    if entry.origin != shown_on:
        line += " (from an earlier check-in)"
    if entry.kind == EntryKind.ACTION_ITEM:
        line += f", due {entry.due}, {'done' if entry.done else 'open'}"
    elif entry.kind == EntryKind.TALKING_POINT:
        line += ", discussed" if entry.done else ", not discussed yet"
    return line


def show(session: perfmgmt.Session, checkin: int, who: str) -> list[perfmgmt.CheckinEntry]:
    """Prints what ``checkin`` shows to the person acting in ``session``."""
    entries = list(session.checkin_entries(checkin))
    print(f"  What {who} sees:")
    for entry in entries:
        print(f"    - {describe(entry, checkin)}")
    return entries


def run(store: str, csv: str) -> None:
    now = [dt.datetime(2025, 3, 31, 12, tzinfo=dt.timezone.utc)]

    def set_today(day: dt.date, hour: int = 10) -> None:
        now[0] = dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.timezone.utc)

    with perfmgmt.open("sqlite:" + store) as db:
        # "Today" and every time stamp come from now[0] from here on.
        db.set_clock(lambda: now[0])
        with db.system_session() as system:
            stats = system.import_csv_file(csv)
            print(f"Imported {stats.rows} people from {csv} into {store}.")
            marta = system.lookup_person("N005")
            sofia = system.lookup_person("N007")
            expect(system.manager_on(sofia.id) == marta.id, "Sofia to report to Märta")
        print(f"{marta.name} manages {sofia.name}.")

        with db.session(marta.id) as manager, db.session(sofia.id) as report:
            # A goal of Sofia's, with some progress, to bring to a check-in.
            goal = report.create_goal(
                sofia.id, "Every service has a runbook", dt.date(2025, 6, 30),
                start=dt.date(2025, 4, 1), visibility=perfmgmt.Visibility.UNIT,
            )
            runbooks = report.add_key_result(goal, "Runbooks published", 14, unit="runbooks")
            report.set_goal_state(goal, perfmgmt.GoalState.ACTIVE)
            set_today(dt.date(2025, 4, 4))
            report.add_progress(goal, 5, key_result=runbooks, comment="The first five.")
            print(f"{sofia.name} has a goal, \"Every service has a runbook\": 5 of 14 so far.")

            series = manager.create_checkin_series(marta.id, sofia.id, start=dt.date(2025, 4, 7))
            first = next(iter(manager.checkins(series)))
            print(f"{marta.name} starts weekly check-ins with {sofia.name} on {first.date}.")

            # Week 1: points, a private note, an action item, a goal, a mood.
            set_today(dt.date(2025, 4, 7))
            print(f"\nCheck-in 1, {first.date}.")
            rota = report.add_checkin_entry(first.id, EntryKind.TALKING_POINT, "The on-call rota")
            report.add_checkin_entry(first.id, EntryKind.TALKING_POINT, "A conference in June")
            manager.add_checkin_entry(
                first.id, EntryKind.NOTE, "Sofia sounds stretched; ask about her workload.",
                private=True,
            )
            manager.add_checkin_entry(
                first.id, EntryKind.ACTION_ITEM, "Draft the runbook template",
                owner=sofia.id, due=dt.date(2025, 4, 18),
            )
            report.add_checkin_entry(first.id, EntryKind.GOAL, goal=goal)
            report.set_checkin_entry_done(rota)
            print("They discuss the on-call rota; the conference has to wait.")
            seen_by_marta = show(manager, first.id, "Märta")
            seen_by_sofia = show(report, first.id, "Sofia")
            private = [e for e in seen_by_marta if e.private]
            expect(len(private) == 1, "Märta to see her private note")
            expect(all(e.id != private[0].id for e in seen_by_sofia),
                   "the private note to be absent from Sofia's list")
            print(f"  Märta's private note is not in Sofia's list"
                  f" ({len(seen_by_sofia)} entries against Märta's {len(seen_by_marta)}).")
            second = manager.hold_checkin(first.id, mood=4)
            expect(second is not None, "a next check-in")
            print("  Held. Sofia's mood: 4 of 5.")

            # Week 2: the conference point and the open action item come along.
            set_today(dt.date(2025, 4, 14))
            date = manager.get_checkin(second).date
            print(f"\nCheck-in 2, {date}.")
            entries = show(report, second, "Sofia")
            carried = [e for e in entries if e.kind == EntryKind.TALKING_POINT]
            expect(len(carried) == 1 and carried[0].origin == first.id,
                   "the undiscussed point to carry over")
            expect(any(e.kind == EntryKind.ACTION_ITEM and not e.done for e in entries),
                   "the open action item to stay")
            report.set_checkin_entry_done(carried[0].id)
            print("  They discuss the conference; the template is not drafted yet.")
            third = manager.hold_checkin(second, mood=3)
            expect(third is not None, "a next check-in")
            print("  Held. Sofia's mood: 3 of 5.")

            # Week 3: the action item is done, so it stops following the series.
            set_today(dt.date(2025, 4, 21))
            date = manager.get_checkin(third).date
            print(f"\nCheck-in 3, {date}.")
            action = [e for e in report.checkin_entries(third) if e.kind == EntryKind.ACTION_ITEM]
            expect(len(action) == 1, "the action item on the third check-in")
            report.set_checkin_entry_done(action[0].id)
            print("  Sofia has drafted the runbook template and marks it done.")
            show(report, third, "Sofia")
            fourth = manager.hold_checkin(third, mood=5)
            expect(fourth is not None, "a next check-in")
            print("  Held. Sofia's mood: 5 of 5.")
            left = list(report.checkin_entries(fourth))
            expect(not left, "nothing left over for the fourth check-in")
            print("  Nothing is left over for the next one.")

            # Where things stand on Thursday 24 April.
            today = dt.date(2025, 4, 24)
            set_today(today, 17)
            print(f"\nOn {today}:")
            info = manager.get_checkin_series(series)
            print(f"  The next check-in is due on {info.next_due};"
                  f" the last was held on {info.last_held}.")
            days = manager.checkin_days_since(sofia.id)
            print(f"  {days} days have passed since {sofia.name}'s last check-in.")
            rate = manager.checkin_rate_manager(marta.id, dt.date(2025, 4, 1), today)
            print(f"  {marta.name} held {rate.held} of the {rate.due} check-ins due in April"
                  f" so far: {rate.rate:.0%}.")
            expect(info.next_due == dt.date(2025, 4, 28), "the next check-in on 28 April")
            expect(days == 3, "three days since the last check-in")
            expect((rate.held, rate.due) == (3, 3), "three of three held")
            held = perfmgmt.CheckinState.HELD
            moods = [c.mood for c in manager.checkins(series) if c.state == held]
            print(f"  {sofia.name}'s moods, check-in by check-in:"
                  f" {', '.join(map(str, moods))} (of 5).")
            expect(moods == [4, 3, 5], "the moods recorded")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", help="SQLite file to write into (created when missing)")
    parser.add_argument("csv", nargs="?", default=str(DEFAULT_CSV), help="the CSV export")
    args = parser.parse_args(argv)
    try:
        run(args.store, args.csv)
    except perfmgmt.Error as exc:
        # The message names the field and the reason.
        print(f"checkin: {exc}", file=sys.stderr)
        return 1
    except Failed as exc:
        print(f"checkin: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
