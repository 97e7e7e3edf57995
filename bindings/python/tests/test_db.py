"""Stores, sessions, the clock, versions and the date and time helpers."""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
import re
import unittest

import perfmgmt
from perfmgmt._lib import PM_DATE_NONE, lib
from support import BACKEND, SOURCE_ROOT, StoreTestCase

UTC = dt.timezone.utc


class DbTest(StoreTestCase):
    def test_open_returns_a_context_manager(self) -> None:
        with self.open_store() as db:
            self.assertIsInstance(db, perfmgmt.Db)
            self.assertFalse(db.closed)
            self.assertEqual(db.uri, self.store_uri())
            self.assertIn(repr(self.store_uri()), repr(db))
        self.assertTrue(db.closed)

    def test_db_constructor_is_open(self) -> None:
        with perfmgmt.Db("memory:") as db:
            self.assertFalse(db.closed)

    def test_sessions_say_who_acts(self) -> None:
        pid = self.add_person("E1")
        self.assertEqual(self.sys.actor, 0)
        self.assertIs(self.sys.db, self.db)
        self.assertIn("system", repr(self.sys))
        with self.db.session(pid) as me:
            self.assertEqual(me.actor, pid)
            self.assertIn(f"person {pid}", repr(me))
        self.assertTrue(me.closed)

    def test_hr_admin_role_is_read_when_the_session_opens(self) -> None:
        pid = self.add_person("E1")
        before = self.db.session(pid)
        self.sys.set_hr_admin(pid, True)
        with self.assertRaises(perfmgmt.PermissionDenied):
            before.create_unit("A")
        with self.db.session(pid) as after:
            self.assertGreater(after.create_unit("A"), 0)
        before.close()

    @unittest.skipUnless(BACKEND == "sqlite", "persistence needs a file")
    def test_data_persists_across_opens(self) -> None:
        pid = self.add_person("E1")
        self.db.close()
        with self.open_store(create=False) as db, db.system_session() as s:
            self.assertEqual(s.get_person(pid).external_id, "E1")


class ClockTest(StoreTestCase):
    def test_clock_sets_now_and_write_stamps(self) -> None:
        fixed = dt.datetime(2031, 7, 4, 9, 30, tzinfo=UTC)
        self.db.set_clock(lambda: fixed)
        self.assertEqual(self.db.now(), fixed)
        pid = self.add_person("E1")
        self.assertEqual(self.sys.get_person(pid).created_at, fixed)
        self.db.set_clock(lambda: int(fixed.timestamp()) + 60)
        self.sys.update_person(pid, name="Changed")
        self.assertEqual(self.sys.get_person(pid).updated_at, fixed + dt.timedelta(minutes=1))

    def test_clock_accepts_any_time_zone_and_drops_fractions(self) -> None:
        cet = dt.timezone(dt.timedelta(hours=1))
        self.db.set_clock(lambda: dt.datetime(2030, 1, 1, 1, 0, 0, 999999, tzinfo=cet))
        self.assertEqual(self.db.now(), dt.datetime(2030, 1, 1, tzinfo=UTC))

    def test_none_restores_the_system_clock(self) -> None:
        self.db.set_clock(lambda: dt.datetime(2000, 1, 1, tzinfo=UTC))
        self.db.set_clock(None)
        delta = abs(self.db.now() - dt.datetime.now(UTC))
        self.assertLess(delta, dt.timedelta(minutes=1))

    def test_callback_stays_alive_while_the_store_holds_it(self) -> None:
        calls = []

        def make_clock():  # type: ignore[no-untyped-def]
            def clock() -> dt.datetime:
                calls.append(1)
                return dt.datetime(2029, 2, 3, tzinfo=UTC)

            return clock

        self.db.set_clock(make_clock())
        gc.collect()
        self.assertEqual(self.db.now(), dt.datetime(2029, 2, 3, tzinfo=UTC))
        self.assertTrue(calls)

    def test_clock_that_raises_surfaces_after_the_call(self) -> None:
        def broken() -> dt.datetime:
            raise RuntimeError("clock broke")

        self.db.set_clock(broken)
        with self.assertRaisesRegex(RuntimeError, "clock broke"):
            self.add_person("E1")
        # The write itself went through, stamped with the system time.
        self.db.set_clock(None)
        p = self.sys.lookup_person("E1")
        self.assertLess(abs(p.created_at - dt.datetime.now(UTC)), dt.timedelta(minutes=1))
        self.add_person("E2")  # the error was raised once

    def test_clock_returning_a_wrong_value_raises(self) -> None:
        self.db.set_clock(lambda: dt.datetime(2030, 1, 1))  # naive
        with self.assertRaisesRegex(ValueError, "aware"):
            self.db.now()
        self.db.set_clock(lambda: "2030-01-01")  # type: ignore[arg-type, return-value]
        with self.assertRaises(TypeError):
            self.db.now()

    def test_clock_may_not_call_its_own_store(self) -> None:
        self.db.set_clock(lambda: self.db.now())
        with self.assertRaises(perfmgmt.Misuse) as cm:
            self.db.now()
        self.assertIn("clock", cm.exception.message)

    def test_clock_survives_a_closed_store(self) -> None:
        self.db.set_clock(lambda: dt.datetime(2030, 1, 1, tzinfo=UTC))
        self.db.close()
        gc.collect()


class VersionTest(unittest.TestCase):
    def test_version_matches_the_header(self) -> None:
        header = (SOURCE_ROOT / "include" / "perfmgmt" / "version.h").read_text()
        parts = tuple(
            int(re.search(rf"#define PM_VERSION_{p} (\d+)", header).group(1))  # type: ignore[union-attr]
            for p in ("MAJOR", "MINOR", "PATCH")
        )
        self.assertEqual(perfmgmt.version_info(), parts)
        self.assertEqual(perfmgmt.version(), "%d.%d.%d" % parts)

    def test_package_version_follows_the_library_release(self) -> None:
        self.assertEqual(perfmgmt.__version__.split(".")[:2], perfmgmt.version().split(".")[:2])

    def test_library_path_is_where_it_was_loaded_from(self) -> None:
        self.assertIn("perfmgmt", perfmgmt.library_path)

    def test_explicit_library_that_cannot_load_is_an_import_error(self) -> None:
        import os
        import subprocess
        import sys
        from pathlib import Path

        env = dict(os.environ, PERFMGMT_LIBRARY="/nonexistent/libperfmgmt.so.0")
        env["PYTHONPATH"] = str(Path(perfmgmt.__file__).resolve().parents[1])
        result = subprocess.run(
            [sys.executable, "-c", "import perfmgmt"], env=env, capture_output=True, text=True
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("ImportError: perfmgmt: cannot load PERFMGMT_LIBRARY", result.stderr)


class DateTimeTest(unittest.TestCase):
    def test_dates_match_the_c_conversion(self) -> None:
        for day in (
            dt.date(1, 1, 1),
            dt.date(1969, 12, 31),
            dt.date(1970, 1, 1),
            dt.date(2000, 2, 29),
            dt.date(2025, 3, 1),
            dt.date(9999, 12, 31),
        ):
            out = ctypes.c_int32()
            self.assertEqual(lib.pm_date_from_ymd(ctypes.byref(out), day.year, day.month, day.day), 0)
            self.assertEqual(perfmgmt._convert.date_in(day, "d"), out.value)
            self.assertEqual(perfmgmt._convert.date_out(out.value), day)
            y, m, d = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
            lib.pm_date_to_ymd(out.value, ctypes.byref(y), ctypes.byref(m), ctypes.byref(d))
            self.assertEqual((y.value, m.value, d.value), (day.year, day.month, day.day))
        self.assertIsNone(perfmgmt._convert.date_out(PM_DATE_NONE))

    def test_c_day_of_an_instant(self) -> None:
        t = dt.datetime(2025, 12, 31, 23, 59, 59, tzinfo=UTC)
        days = lib.pm_time_date(int(t.timestamp()))
        self.assertEqual(perfmgmt._convert.date_out(days), t.date())

    def test_parse_and_format_dates(self) -> None:
        self.assertEqual(perfmgmt.parse_date("2026-02-28"), dt.date(2026, 2, 28))
        self.assertEqual(perfmgmt.format_date(dt.date(2026, 2, 28)), "2026-02-28")
        self.assertEqual(perfmgmt.format_date(dt.date(1, 1, 1)), "0001-01-01")
        with self.assertRaises(perfmgmt.OutOfRange):
            perfmgmt.parse_date("2026-02-30")
        for bad in ("2026-2-3", "2026-02-28x", ""):
            with self.assertRaises(perfmgmt.InvalidArgument):
                perfmgmt.parse_date(bad)
        with self.assertRaises(perfmgmt.InvalidUtf8):
            perfmgmt.parse_date("2026-02-28\0")

    def test_instants_convert_across_the_whole_range(self) -> None:
        time_out = perfmgmt._convert.time_out
        self.assertEqual(time_out(0), dt.datetime(1970, 1, 1, tzinfo=UTC))
        self.assertEqual(time_out(-1), dt.datetime(1969, 12, 31, 23, 59, 59, tzinfo=UTC))
        first = dt.datetime(1, 1, 1, tzinfo=UTC)
        last = dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
        for t in (first, last):
            seconds = perfmgmt._convert.time_in(t, "t")
            self.assertEqual(time_out(seconds), t)
        for seconds in (perfmgmt._convert.time_in(first, "t") - 1, 2**62):
            with self.assertRaises(perfmgmt.OutOfRange):
                time_out(seconds)

    def test_parse_and_format_times(self) -> None:
        t = perfmgmt.parse_time("2026-02-28T13:45:00Z")
        self.assertEqual(t, dt.datetime(2026, 2, 28, 13, 45, tzinfo=UTC))
        self.assertEqual(perfmgmt.format_time(t), "2026-02-28T13:45:00Z")
        cet = dt.timezone(dt.timedelta(hours=1))
        self.assertEqual(
            perfmgmt.format_time(dt.datetime(2026, 1, 1, 1, tzinfo=cet)), "2026-01-01T00:00:00Z"
        )
        with self.assertRaises(perfmgmt.InvalidArgument):
            perfmgmt.parse_time("2026-02-28 13:45:00")
        with self.assertRaises(perfmgmt.OutOfRange):
            perfmgmt.parse_time("2026-02-28T25:00:00Z")
        with self.assertRaises(ValueError):
            perfmgmt.format_time(dt.datetime(2026, 1, 1))


if __name__ == "__main__":
    unittest.main()
