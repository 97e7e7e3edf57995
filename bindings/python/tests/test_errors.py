"""The error mapping: each exception class raised from a real C error, with
the library's message and code."""

from __future__ import annotations

import os
import sqlite3
import threading
import unittest

import perfmgmt
from perfmgmt import Status
from support import BACKEND, StoreTestCase

# Class per status, as the C header lists the codes.
CLASSES = {
    Status.EINVAL: perfmgmt.InvalidArgument,
    Status.ENOTFOUND: perfmgmt.NotFound,
    Status.EPERM: perfmgmt.PermissionDenied,
    Status.ECONFLICT: perfmgmt.Conflict,
    Status.ESTORAGE: perfmgmt.StorageError,
    Status.ENOMEM: perfmgmt.OutOfMemory,
    Status.EUTF8: perfmgmt.InvalidUtf8,
    Status.ERANGE: perfmgmt.OutOfRange,
    Status.EBUSY: perfmgmt.Busy,
    Status.EVERSION: perfmgmt.VersionMismatch,
    Status.ECYCLE: perfmgmt.Cycle,
    Status.ECORRUPT: perfmgmt.Corrupt,
    Status.EREADONLY: perfmgmt.ReadOnly,
    Status.EMISUSE: perfmgmt.Misuse,
    Status.EUNSUPPORTED: perfmgmt.Unsupported,
    Status.EIO: perfmgmt.IOError,
    Status.EHELD: perfmgmt.UnderLegalHold,
}


class ErrorMappingTest(StoreTestCase):
    def assertError(self, cls: type[perfmgmt.Error], call, *needles: str) -> perfmgmt.Error:  # type: ignore[no-untyped-def]
        with self.assertRaises(cls) as cm:
            call()
        err = cm.exception
        self.assertIsInstance(err, perfmgmt.Error)
        self.assertIs(type(err), cls)
        self.assertIs(err.code, cls.status)
        for needle in needles:
            self.assertIn(needle, err.message)
        self.assertEqual(str(err), f"{perfmgmt.status_str(err.code)}: {err.message}")
        return err

    def test_empty_name_is_invalid_argument(self) -> None:
        self.assertError(
            perfmgmt.InvalidArgument,
            lambda: self.sys.create_person("E1", ""),
            "person.display_name: must not be empty",
        )

    def test_bad_email_is_invalid_argument(self) -> None:
        self.assertError(
            perfmgmt.InvalidArgument,
            lambda: self.sys.create_person("E1", "Ada", email="no-at-sign"),
            "person.email",
        )

    def test_unknown_uri_scheme_is_invalid_argument(self) -> None:
        self.assertError(perfmgmt.InvalidArgument, lambda: perfmgmt.open("ftp://x"), "uri")

    def test_unknown_id_is_not_found(self) -> None:
        self.assertError(perfmgmt.NotFound, lambda: self.sys.get_person(4242), "4242")
        self.assertError(perfmgmt.NotFound, lambda: self.sys.get_unit(4242), "4242")
        self.assertError(perfmgmt.NotFound, lambda: self.db.session(4242), "4242")

    def test_non_admin_write_is_permission_denied(self) -> None:
        pid = self.add_person("E1")
        with self.db.session(pid) as s:
            self.assertError(
                perfmgmt.PermissionDenied, lambda: s.create_unit("Mine"), "permission denied"
            )

    def test_duplicate_external_id_is_conflict(self) -> None:
        self.add_person("E1")
        self.assertError(
            perfmgmt.Conflict, lambda: self.add_person("E1"), "'E1' is already used by person"
        )

    def test_bad_utf8_bytes_are_invalid_utf8(self) -> None:
        data = b"external_id,name\nE1,Bad \xff byte\n"
        self.assertError(perfmgmt.InvalidUtf8, lambda: self.sys.import_csv(data), "line 2", "UTF-8")

    def test_lone_surrogate_reaches_c_as_invalid_utf8(self) -> None:
        self.assertError(
            perfmgmt.InvalidUtf8,
            lambda: self.sys.create_person("E1", "Bad \udcff"),
            "person.display_name: invalid UTF-8",
        )

    def test_embedded_nul_with_a_length_is_refused_by_c(self) -> None:
        self.assertError(
            perfmgmt.InvalidUtf8,
            lambda: self.sys.create_person("E1", "Ada\0Lovelace"),
            "person.display_name: contains a NUL byte",
        )
        self.assertError(
            perfmgmt.InvalidUtf8, lambda: self.sys.create_unit("La\0b"), "contains a NUL byte"
        )
        self.assertEqual(list(self.sys.search_people()), [])

    def test_embedded_nul_without_a_length_is_refused_before_c(self) -> None:
        # C would see these texts cut at the NUL; the binding refuses them
        # with the class and wording the library uses.
        self.assertError(
            perfmgmt.InvalidUtf8, lambda: self.sys.lookup_person("E1\0x"), "contains a NUL byte"
        )
        self.assertError(perfmgmt.InvalidUtf8, lambda: self.sys.search_people("a\0"))
        self.assertError(perfmgmt.InvalidUtf8, lambda: self.sys.find_unit("A\0/B"))
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.import_csv_file("x\0.csv"))
        self.assertError(perfmgmt.InvalidArgument, lambda: perfmgmt.open("memory:\0"))

    def test_too_long_is_out_of_range(self) -> None:
        self.assertError(
            perfmgmt.OutOfRange,
            lambda: self.sys.create_person("E1", "x" * 201),
            "longer than 200 characters",
        )
        # Code points count, not bytes: 200 two-byte letters fit.
        self.assertGreater(self.sys.create_person("E2", "å" * 200), 0)

    def test_id_beyond_64_bits_is_out_of_range(self) -> None:
        self.assertError(perfmgmt.OutOfRange, lambda: self.sys.get_person(2**63))

    def test_manager_cycle_is_cycle(self) -> None:
        a = self.add_person("A")
        b = self.add_person("B", manager=a)
        self.assertError(perfmgmt.Cycle, lambda: self.sys.set_manager(a, b))

    def test_commit_without_begin_is_misuse(self) -> None:
        self.assertError(perfmgmt.Misuse, self.sys.commit, "none is open")
        self.sys.begin()
        self.assertError(perfmgmt.Misuse, self.sys.begin, "already open")
        self.sys.rollback()

    def test_missing_csv_file_is_io_error(self) -> None:
        self.assertError(perfmgmt.IOError, lambda: self.sys.import_csv_file(self.temp_path("no.csv")))

    def test_garbage_file_is_corrupt(self) -> None:
        path = self.temp_path("garbage.db")
        with open(path, "wb") as f:
            f.write(b"this is not a database\n" * 512)
        self.assertError(perfmgmt.Corrupt, lambda: perfmgmt.open("sqlite:" + path))

    def test_sqlite_file_of_another_application_is_corrupt(self) -> None:
        path = self.temp_path("other.db")
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE notes (body TEXT)")
        conn.close()
        self.assertError(
            perfmgmt.Corrupt, lambda: perfmgmt.open("sqlite:" + path), "not a perfmgmt store"
        )

    def test_store_of_a_newer_schema_is_version_mismatch(self) -> None:
        path = self.temp_path("newer.db")
        perfmgmt.open("sqlite:" + path).close()
        conn = sqlite3.connect(path)
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        conn.execute(f"PRAGMA user_version = {version + 1}")
        conn.commit()
        conn.close()
        self.assertError(
            perfmgmt.VersionMismatch, lambda: perfmgmt.open("sqlite:" + path), "newer"
        )

    def test_missing_store_without_create(self) -> None:
        self.assertError(
            perfmgmt.IOError, lambda: perfmgmt.open("sqlite:" + self.temp_path("x.db"), create=False)
        )
        self.assertFalse(os.path.exists(self.temp_path("x.db")))
        self.assertError(perfmgmt.NotFound, lambda: perfmgmt.open("memory:", create=False))

    def test_write_to_read_only_store_is_read_only(self) -> None:
        path = self.temp_path("ro.db")
        with perfmgmt.open("sqlite:" + path) as db, db.system_session() as s:
            pid = s.create_person("E1", "Ada")
        with perfmgmt.open("sqlite:" + path, readonly=True) as db, db.system_session() as s:
            self.assertEqual(s.get_person(pid).name, "Ada")
            self.assertError(perfmgmt.ReadOnly, lambda: s.create_person("E2", "Bo"))

    @unittest.skipUnless(BACKEND == "sqlite", "two stores on one file need the sqlite backend")
    def test_writer_waiting_for_another_store_is_busy(self) -> None:
        other = perfmgmt.open(self.store_uri())
        self.addCleanup(other.close)
        writer = other.system_session()
        writer.begin()
        writer.create_person("W1", "Holds the write lock")
        try:
            # The library waits its busy timeout (5 s) before giving up.
            self.assertError(perfmgmt.Busy, lambda: self.add_person("E1"))
        finally:
            writer.rollback()
        self.add_person("E1")

    def test_erasing_a_held_person_is_under_legal_hold(self) -> None:
        pid = self.add_person("E1")
        self.sys.place_legal_hold(pid, "Case 7")
        self.assertError(
            perfmgmt.UnderLegalHold,
            lambda: self.sys.erase_person(pid),
            f"person: {pid} is under a legal hold; lift it before erasing",
        )
        self.assertEqual(self.sys.get_person(pid).status, perfmgmt.PersonStatus.ACTIVE)

    def test_every_class_maps_its_code(self) -> None:
        # ESTORAGE, ENOMEM and EUNSUPPORTED cannot be provoked from here;
        # their classes are checked through the one check function.
        for code, cls in CLASSES.items():
            with self.assertRaises(cls) as cm:
                perfmgmt.errors.check(code, "message")
            self.assertIs(cm.exception.code, code)
            self.assertEqual(cm.exception.message, "message")
            self.assertEqual(cls.status, code)
        perfmgmt.errors.check(Status.OK, "ignored")

    def test_unknown_code_gives_the_base_class_with_the_raw_code(self) -> None:
        with self.assertRaises(perfmgmt.Error) as cm:
            perfmgmt.errors.check(-99, "from the future")
        self.assertIs(type(cm.exception), perfmgmt.Error)
        self.assertEqual(cm.exception.code, -99)
        self.assertEqual(str(cm.exception), "unknown status: from the future")

    def test_status_str_is_the_c_description(self) -> None:
        self.assertEqual(perfmgmt.status_str(Status.ENOTFOUND), "not found")
        self.assertEqual(perfmgmt.status_str(0), "ok")
        self.assertEqual(perfmgmt.status_str(-1000), "unknown status")
        self.assertEqual(perfmgmt.status_str(2**40), "unknown status")
        for code in Status:
            self.assertNotEqual(perfmgmt.status_str(code), "unknown status", code)
        with self.assertRaises(TypeError):
            perfmgmt.status_str("-1")  # type: ignore[arg-type]

    def test_session_keeps_the_code_of_its_last_call(self) -> None:
        from perfmgmt._lib import lib

        with self.assertRaises(perfmgmt.NotFound):
            self.sys.get_person(77)
        self.assertEqual(lib.pm_session_errcode(self.sys._h.ptr), Status.ENOTFOUND)
        self.sys.create_unit("A")
        self.assertEqual(lib.pm_session_errcode(self.sys._h.ptr), Status.OK)
        self.assertEqual(lib.pm_session_errmsg(self.sys._h.ptr), b"")

    def test_errors_survive_pickling(self) -> None:
        import pickle

        err = perfmgmt.Conflict(Status.ECONFLICT, "person.external_id: taken")
        copy = pickle.loads(pickle.dumps(err))
        self.assertIs(type(copy), perfmgmt.Conflict)
        self.assertEqual((copy.code, copy.message), (err.code, err.message))

    def test_error_message_is_per_session(self) -> None:
        # Two threads, two sessions: each error carries its own message.
        other = self.db.system_session()
        errors: list[perfmgmt.Error] = []

        def fail(session: perfmgmt.Session, pid: int) -> None:
            try:
                session.get_person(pid)
            except perfmgmt.Error as exc:
                errors.append(exc)

        threads = [
            threading.Thread(target=fail, args=(self.sys, 111)),
            threading.Thread(target=fail, args=(other, 222)),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(e.message for e in errors), ["person: 111 does not exist", "person: 222 does not exist"])


if __name__ == "__main__":
    unittest.main()
