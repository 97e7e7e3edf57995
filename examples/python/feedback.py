#!/usr/bin/env python3
"""Feedback in every direction: real-time, anonymous, and asked for.

Usage, from the top of a built checkout::

    PERFMGMT_LIBRARY=build/libperfmgmt.so python3 examples/python/feedback.py /tmp/feedback.db [org.csv]

The CSV defaults to examples/quickstart/org.csv; it is imported into the
SQLite file given first (created when missing), on a clock fixed with
``Db.set_clock`` so every date printed is the same on each run. Then:

- Björn Ekström (N002) praises Märta Åsander (N005), his report, for the
  incident review, as situation, behaviour and impact, shared with her
  managers; Märta thanks him.
- Sofia Häggström (N007) tells Märta, her manager, something to change,
  anonymously. Märta reads it without learning who wrote it; so does the HR
  admin Ingrid Sjöberg (N004). Only Sofia's own session recognises it.
- Märta asks Oskar Lundén (N008) and Jörgen Nyström (N006) for feedback on
  her roadmap talk. Oskar answers, Jörgen declines.
- At the end: Märta's feedback numbers for March.

Anonymous feedback needs the deployment's secret key, which hides the
giver in the store and is never written there: it is read from the
PERFMGMT_SECRET environment variable (at least 16 bytes), with a demo key
when that is not set. Keep a real one with the application's other secrets
and pass the same one every time.

Run it on a fresh file: it creates people's feedback anew each time, and
its checks count what it wrote. Any failure prints the library's message
and exits with status 1.

When the binding is not installed (``pip install bindings/python``), the
copy in this checkout is used. PERFMGMT_LIBRARY is not needed once
libperfmgmt is installed on the library path.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

try:
    import perfmgmt
except ModuleNotFoundError:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bindings" / "python" / "src"))
    import perfmgmt

from perfmgmt import FeedbackKind, FeedbackVisibility, Reaction, RequestState

DEFAULT_CSV = Path(__file__).resolve().parent.parent / "quickstart" / "org.csv"
DEMO_SECRET = b"perfmgmt example secret: not for production"


class Failed(Exception):
    """Something the example expected did not happen."""


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise Failed(f"expected {what}")


def describe(entry: perfmgmt.Feedback, names: dict[int, str]) -> str:
    """One line for a feedback entry, as its reader sees it."""
    giver = "someone (anonymous)" if entry.giver is None else names[entry.giver]
    mine = ", written by you" if entry.is_mine else ""
    return (f"{entry.kind.name.lower()} from {giver}{mine}, "
            f"{entry.direction.name.lower()}, on {entry.given_at:%Y-%m-%d}: \"{entry.text}\"")


def run(store: str, csv: str, secret: bytes) -> None:
    now = [dt.datetime(2025, 3, 3, 9, tzinfo=dt.timezone.utc)]

    def set_today(day: int, hour: int = 10) -> None:
        now[0] = dt.datetime(2025, 3, day, hour, tzinfo=dt.timezone.utc)

    with perfmgmt.open("sqlite:" + store, secret=secret) as db:
        db.set_clock(lambda: now[0])
        with db.system_session() as system:
            stats = system.import_csv_file(csv, on=dt.date(2025, 1, 1))
            print(f"Imported {stats.rows} people from {csv} into {store}.")
            people = {p.external_id: p for p in system.search_people()}
        names = {p.id: p.name for p in people.values()}
        bjorn, marta, sofia = people["N002"], people["N005"], people["N007"]
        oskar, jorgen, ingrid = people["N008"], people["N006"], people["N004"]

        with db.session(bjorn.id) as b, db.session(marta.id) as m, db.session(sofia.id) as s, \
                db.session(ingrid.id) as hr:  # fmt: skip
            # 1. Real-time praise, structured as situation, behaviour, impact.
            set_today(4)
            praise = b.give_feedback(
                marta.id, FeedbackKind.PRAISE, "Thank you for running the incident review.",
                situation="Monday's outage review",
                behaviour="You kept the discussion on causes, not on people",
                impact="Two teams signed up for the follow-up work",
                visibility=FeedbackVisibility.TO_MANAGERS,
            )
            print(f"\n{bjorn.name} gives {marta.name} feedback:")
            got = m.get_feedback(praise)
            print(f"  {describe(got, names)}")
            print(f"  Situation: {got.situation}. Behaviour: {got.behaviour}. Impact: {got.impact}.")
            m.react_to_feedback(praise, Reaction.THANKS)
            got = b.get_feedback(praise)
            expect(got.reaction == Reaction.THANKS and got.acknowledged_at is not None,
                   "Märta's thanks, which also acknowledges it")
            print(f"  {marta.name} reads it and reacts: {got.reaction.name.lower()}.")

            # 2. Anonymous feedback upward: no one learns the giver.
            set_today(5, 16)
            anonymous = s.give_feedback(
                marta.id, FeedbackKind.CONSTRUCTIVE,
                "Our stand-ups run long; could we keep them to fifteen minutes?",
                anonymous=True,
            )
            print(f"\n{sofia.name} gives {marta.name} feedback anonymously.")
            for who, session in ((marta.name, m), (ingrid.name + " (HR)", hr), (sofia.name, s)):
                entry = session.get_feedback(anonymous)
                print(f"  {who} sees: {describe(entry, names)}")
                expect(entry.giver is None, f"no giver shown to {who}")
            expect(s.get_feedback(anonymous).is_mine, "Sofia's session to recognise her entry")
            expect(not hr.get_feedback(anonymous).is_mine, "HR not to be told who wrote it")
            print("  Its time is kept to the day, and only Sofia's session knows it is hers.")

            # 3. Asking for feedback: one answers, one declines.
            set_today(6)
            request = m.request_feedback([oskar.id, jorgen.id], "My roadmap talk at the all-hands",
                                         due=dt.date(2025, 3, 13))  # fmt: skip
            print(f"\n{marta.name} asks {oskar.name} and {jorgen.name} for feedback"
                  " on her roadmap talk, by 13 March.")
            with db.session(oskar.id) as o, db.session(jorgen.id) as j:
                open_for_oskar = list(o.requests(oskar.id, perfmgmt.RequestRole.ADDRESSED_TO,
                                                 perfmgmt.RequestFilter.OPEN))  # fmt: skip
                expect([r.id for r in open_for_oskar] == [request], "the request in Oskar's open list")
                set_today(7, 14)
                answer = o.respond_to_request(request, FeedbackKind.SUGGESTION,
                                              "Start with the customer problem, then the plan.")  # fmt: skip
                j.decline_request(request)
            print(f"  {oskar.name} answers; {jorgen.name} declines.")
            for part in m.get_request(request).parts:
                when = f" on {part.answered_at:%Y-%m-%d %H:%M}" if part.answered_at else ""
                print(f"  - {names[part.addressee]}: {part.state.name.lower()}{when}")
            states = [p.state for p in m.get_request(request).parts]
            expect(states == [RequestState.SUBMITTED, RequestState.DECLINED], "one answer, one decline")
            expect(m.get_feedback(answer).request == request, "the answer linked to the request")

            # 4. What Märta received, and her numbers for March.
            set_today(31, 17)
            print(f"\n{marta.name}'s feedback, newest first:")
            received = list(m.feedback_received(marta.id))
            for entry in received:
                print(f"  - {describe(entry, names)}")
            expect(len(received) == 3, "three entries received")
            numbers = m.feedback_stats_person(marta.id, dt.date(2025, 3, 1), dt.date(2025, 3, 31))
            print(f"\nIn March {marta.name} received {numbers.received} entries"
                  f" ({numbers.anonymous_received} anonymous); by direction: "
                  + ", ".join(f"{d.name.lower()} {n}" for d, n in numbers.received_by_direction.items() if n))
            expect((numbers.received, numbers.anonymous_received) == (3, 1), "3 received, 1 anonymous")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", help="SQLite file to write into (created when missing)")
    parser.add_argument("csv", nargs="?", default=str(DEFAULT_CSV), help="the CSV export")
    args = parser.parse_args(argv)
    secret = os.environb.get(b"PERFMGMT_SECRET", DEMO_SECRET)
    try:
        run(args.store, args.csv, secret)
    except perfmgmt.Error as exc:
        # The message names the field and the reason.
        print(f"feedback: {exc}", file=sys.stderr)
        return 1
    except Failed as exc:
        print(f"feedback: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
