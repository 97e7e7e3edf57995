#!/usr/bin/env python3
"""Per-call overhead of the Python binding: one look-up of a person by id.

    PERFMGMT_LIBRARY=build/libperfmgmt.so python3 bench/bench_python.py [N] [ROUNDS]

For each backend (memory, and SQLite on a temporary file) it creates N people
(default 1000) and then times, per call:

  ctypes no-op     pm_session_actor() through ctypes: the floor of any call
  ctypes get       pm_person_get() + pm_person_free() through ctypes directly
  ctypes get+copy  the same, reading all eleven fields through their getters
  get_person()     Session.get_person(): argument checks, the store's lock,
                   the call, the copy into a frozen Person, the error check

The best of ROUNDS rounds (default 15) is printed in ns/call, with the ratio
of get_person() to the direct ctypes call. Run it on an optimised build
(scripts/bench builds one in build-bench/) on a quiet machine.
"""

from __future__ import annotations

import ctypes
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

try:
    import perfmgmt
except ModuleNotFoundError:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bindings" / "python" / "src"))
    import perfmgmt

from perfmgmt._lib import lib


def best_ns_per_call(runs: dict[str, Callable[[], None]], calls: int, rounds: int) -> dict[str, float]:
    """The best time per call of each run. The runs take turns within each
    round, so a burst of load from elsewhere on the machine hits them alike."""
    best = {label: float("inf") for label in runs}
    for _ in range(rounds):
        for label, run in runs.items():
            start = time.perf_counter_ns()
            run()
            elapsed = time.perf_counter_ns() - start
            best[label] = min(best[label], elapsed / calls)
    return best


def bench(uri: str, n: int, rounds: int) -> dict[str, float]:
    with perfmgmt.open(uri) as db, db.system_session() as s:
        with s.transaction():
            ids = [s.create_person(f"E{i:06d}", f"Person {i}") for i in range(n)]
        sp = s._h.ptr  # the C session, for the direct calls
        get, free, actor = lib.pm_person_get, lib.pm_person_free, lib.pm_session_actor
        getters = [
            lib.pm_person_id, lib.pm_person_external_id, lib.pm_person_display_name,
            lib.pm_person_email, lib.pm_person_status_get, lib.pm_person_left_on,
            lib.pm_person_is_hr_admin, lib.pm_person_created_at, lib.pm_person_created_by,
            lib.pm_person_updated_at, lib.pm_person_updated_by,
        ]  # fmt: skip
        byref = ctypes.byref

        def noop() -> None:
            for _ in ids:
                actor(sp)

        def direct() -> None:
            out = ctypes.c_void_p()
            for pid in ids:
                if get(byref(out), sp, pid):
                    raise RuntimeError("pm_person_get failed")
                free(out)

        def direct_copy() -> None:
            out = ctypes.c_void_p()
            for pid in ids:
                if get(byref(out), sp, pid):
                    raise RuntimeError("pm_person_get failed")
                for g in getters:
                    g(out)
                free(out)

        def pythonic() -> None:
            for pid in ids:
                s.get_person(pid)

        runs = {
            "ctypes no-op": noop,
            "ctypes get": direct,
            "ctypes get+copy": direct_copy,
            "get_person()": pythonic,
        }
        for run in runs.values():  # warm caches
            run()
        return best_ns_per_call(runs, n, rounds)


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 1000
    rounds = int(argv[1]) if len(argv) > 1 else 15
    print(f"perfmgmt {perfmgmt.version()} ({perfmgmt.library_path})")
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.processor() or platform.system()}, "
          f"{os.cpu_count()} CPUs; {n} people, best of {rounds} rounds")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="perfmgmt-bench-") as tmp:
        for name, uri in (("memory", "memory:"), ("sqlite", "sqlite:" + os.path.join(tmp, "bench.db"))):
            r = bench(uri, n, rounds)
            print(f"\n{name}:")
            for label, ns in r.items():
                print(f"  {label:<16} {ns:10.0f} ns/call")
            ratio = r["get_person()"] / r["ctypes get"]
            extra = r["get_person()"] - r["ctypes get"]
            print(f"  get_person() / ctypes get = {ratio:.2f}x  (+{extra:.0f} ns per call)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
