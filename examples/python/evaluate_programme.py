#!/usr/bin/env python3
"""Did the programme help? A before-and-after evaluation report.

Usage, from the top of a built checkout::

    PERFMGMT_LIBRARY=build/libperfmgmt.so python3 examples/python/evaluate_programme.py /tmp/evaluate.db [org.csv]

The CSV defaults to examples/quickstart/org.csv; it is imported into the
SQLite file given first (created when missing), on a clock fixed with
``Db.set_clock`` so every number printed is the same on each run. Then:

- HR runs "Resilience coaching", a coaching programme, for the six people
  of Engineering from February to March 2025; all six complete it.
- The outcome metric is a wellbeing index (0-100, higher is better) with a
  known reliability of 0.85. Its measurements are imported by the system
  actor with their past times: two in January (before) and one in April
  (after) for each person; Ella Öhman misses the April one.
- The evaluation compares each participant's mean in the January window
  with their mean in the April window, against a comparison group (the
  five people of Sales and People, measured the same way), and prints
  the paired analysis: n, means, change, t, p, the 95% CI, d_z, g_av,
  the Wilcoxon signed-rank test, the difference in differences and the
  reliable change index. The missing value is reported, not dropped.
- A second evaluation, "Flexible hours pilot", has no programme and no
  windows: its before and after values come from the pilot's own
  questionnaire and are given explicitly.

Run it on a fresh file: it creates the programme and measurements anew
each time. Any failure prints the library's message and exits with
status 1.

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

from perfmgmt import EnrolmentResult, MeasurementSource, ProgrammeKind

DEFAULT_CSV = Path(__file__).resolve().parent.parent / "quickstart" / "org.csv"
UTC = dt.timezone.utc

# Wellbeing index by external id: two January values, then April's (None: missed).
PARTICIPANTS = {
    "N002": (52, 56, 63),  # Björn Ekström
    "N005": (60, 64, 70),  # Märta Åsander
    "N006": (48, 50, 60),  # Jörgen Nyström
    "N007": (66, 70, 71),  # Sofia Häggström
    "N008": (55, 57, 58),  # Oskar Lundén
    "N009": (61, 59, None),  # Ella Öhman: no April measurement
}
COMPARISON = {
    "N003": (58, 60, 60),  # Karin Lindqvist
    "N010": (62, 62, 61),  # Per Ärlig
    "N011": (50, 54, 55),  # Nils Holm
    "N004": (65, 67, 66),  # Ingrid Sjöberg
    "N012": (57, 55, 58),  # Lena Berg
}
# The flexible hours pilot's own questionnaire: (before, after).
PILOT = {
    "N001": (55, 61),
    "N003": (59, 64),
    "N004": (66, 65),
    "N010": (62, 70),
    "N011": (52, 58),
    "N012": (56, 57),
}


class Failed(Exception):
    """Something the example expected did not happen."""


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise Failed(f"expected {what}")


def moment(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=UTC)


def report(title: str, r: perfmgmt.EvaluationResult) -> None:
    """Prints an evaluation result the way HR would read it."""
    print(f"\n{title}")
    print(f"  Participants {r.participants}: {r.n} with both values, "
          f"{r.missing_pre} without a value before, {r.missing_post} without one after")
    if r.suppressed:
        print("  Fewer pairs than the minimum group: only the counts are shown.")
        return
    print(f"  Before: mean {r.pre_mean:.2f} (SD {r.pre_sd:.2f})   after: mean {r.post_mean:.2f} (SD {r.post_sd:.2f})")
    print(f"  Change: mean {r.mean_change:+.2f}, SD {r.sd_change:.2f}, "
          f"95% CI [{r.ci_low:+.2f}, {r.ci_high:+.2f}]")
    print(f"  Paired t({r.df}) = {r.t:.3f}, two-sided p = {r.p:.4f}")
    print(f"  Effect size: d_z = {r.d_z:.2f}, Hedges' g_av = {r.g_av:.2f}")
    how = "exact" if r.wilcoxon_exact else "normal approximation"
    print(f"  Wilcoxon signed-rank: W+ = {r.wilcoxon_w:g} over {r.wilcoxon_n} non-zero changes, "
          f"p = {r.wilcoxon_p:.4f} ({how})")
    if r.has_comparison:
        print(f"  Comparison group: {r.comparison_n} with both values, mean change {r.comparison_change:+.2f}")
        print(f"  Difference in differences: {r.did:+.2f}, 95% CI [{r.did_ci_low:+.2f}, {r.did_ci_high:+.2f}] (Welch)")
    else:
        print("  No comparison group: the change is not set against anyone else's.")
    if r.has_rci:
        print(f"  Reliable change (Jacobson-Truax): {r.reliable_improved} improved, "
              f"{r.reliable_worsened} worsened ({r.reliable_share:.0%} of the pairs)")
    else:
        print("  No reliability known for the metric: reliable change is not assessed.")


def run(store: str, csv: str) -> None:
    now = [moment(dt.date(2025, 1, 2))]
    with perfmgmt.open("sqlite:" + store) as db:
        db.set_clock(lambda: now[0])
        with db.system_session() as system:
            stats = system.import_csv_file(csv, on=dt.date(2025, 1, 1))
            print(f"Imported {stats.rows} people from {csv} into {store}.")
            people = {p.external_id: p for p in system.search_people()}
            ids = {code: people[code].id for code in people}

            # The programme, and everyone in it through to completion.
            scale = system.create_scale("Proficiency", ["Beginner", "Practitioner", "Expert"])
            resilience = system.create_competency("Resilience", "Wellbeing", scale)
            programme = system.create_programme("Resilience coaching", [resilience], kind=ProgrammeKind.COACHING,
                                                description="Six coaching sessions, February to March")  # fmt: skip
            now[0] = moment(dt.date(2025, 2, 3))
            for code in PARTICIPANTS:
                system.create_plan(ids[code], dt.date(2025, 12, 31), start=dt.date(2025, 1, 1))
                system.enrol(programme, ids[code])
            now[0] = moment(dt.date(2025, 5, 5))
            for code in PARTICIPANTS:
                system.complete_enrolment(programme, ids[code], EnrolmentResult.PASSED, dt.date(2025, 3, 31))
            print(f"Programme \"Resilience coaching\": {system.programme_stats(programme).completed} completed.")

            # The outcome metric, and its measurements imported with their past times.
            index = system.create_metric("Wellbeing index", 0, 100, unit="points", reliability=0.85)
            imported = 0
            for code, (jan1, jan2, apr) in {**PARTICIPANTS, **COMPARISON}.items():
                for day, value in ((dt.date(2025, 1, 13), jan1), (dt.date(2025, 1, 27), jan2),
                                   (dt.date(2025, 4, 14), apr)):  # fmt: skip
                    if value is not None:
                        system.add_measurement(ids[code], index, value, at=moment(day),
                                               source=MeasurementSource.IMPORT)  # fmt: skip
                        imported += 1
            print(f"Imported {imported} measurements of the wellbeing index (January and April).")

            # 1. The programme: pre and post windows, with a comparison group.
            january = (moment(dt.date(2025, 1, 1), 0), moment(dt.date(2025, 1, 31), 23))
            april = (moment(dt.date(2025, 4, 1), 0), moment(dt.date(2025, 4, 30), 23))
            evaluation = system.create_evaluation(
                "Resilience coaching", index, programme=programme,  # participants: those who completed it
                comparison=[ids[code] for code in COMPARISON], pre=january, post=april,
            )
            result = system.evaluation_result(evaluation)
            report("Resilience coaching: wellbeing index, January against April", result)
            expect((result.participants, result.n, result.missing_post) == (6, 5, 1),
                   "six participants, five pairs, Ella's April value missing")  # fmt: skip
            expect(result.has_comparison and result.comparison_n == 5, "the comparison group analysed")
            expect(result.has_rci, "reliable change assessed with the metric's reliability")
            expect(result.wilcoxon_exact and result.wilcoxon_w == 15, "an exact signed-rank test, all changes up")

            # 2. An initiative without a programme: explicit before and after values.
            pilot = system.create_evaluation("Flexible hours pilot", index,
                                             participants=[ids[code] for code in PILOT])  # fmt: skip
            for code, (before, after) in PILOT.items():
                system.set_evaluation_values(pilot, ids[code], before, after)
            result = system.evaluation_result(pilot)
            report("Flexible hours pilot: the pilot's own questionnaire, before and after", result)
            expect((result.n, result.has_comparison) == (6, False), "six pairs and no comparison group")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", help="SQLite file to write into (created when missing)")
    parser.add_argument("csv", nargs="?", default=str(DEFAULT_CSV), help="the CSV export")
    args = parser.parse_args(argv)
    try:
        run(args.store, args.csv)
    except perfmgmt.Error as exc:
        # The message names the field and the reason.
        print(f"evaluate_programme: {exc}", file=sys.stderr)
        return 1
    except Failed as exc:
        print(f"evaluate_programme: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
