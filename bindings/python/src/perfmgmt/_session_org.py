"""The Session methods for people, units, reporting lines and the CSV import."""

from __future__ import annotations

import datetime as _dt
import os
from ctypes import byref, c_int, c_void_p, string_at

from . import _convert as cv
from ._lib import (
    PM_IMPORT_MARK_MISSING_LEFT,
    PM_IMPORT_OPTS_VERSION,
    PM_IMPORT_STATS_VERSION,
    PM_ORG_REPORTS_INDIRECT,
    PM_PERSON_INCLUDE_LEFT,
    PM_PERSON_OPTS_VERSION,
    PM_UNIT_MEMBERS_DEEP,
    PM_UNIT_OPTS_VERSION,
    ImportOpts,
    PersonOpts,
    UnitOpts,
    lib,
    pm_id,
)
from ._lib import ImportStats as _CImportStats
from ._session_base import _message, _SessionBase
from ._session_iter import PersonIterator, UnitIterator
from .errors import check
from .records import ImportStats, Person, Unit, person_from, stats_from, unit_from

_pm_person_get = lib.pm_person_get
_pm_person_free = lib.pm_person_free


class _OrgMixin(_SessionBase):
    """People, units, memberships, reporting lines and the import."""

    __slots__ = ()

    def create_person(
        self,
        external_id: str,
        name: str,
        email: str | None = None,
        hr_admin: bool = False,
        unit: int | None = None,
        manager: int | None = None,
        start: _dt.date | None = None,
    ) -> int:
        """Creates a person (HR admins and the system actor) and returns the id.

        :param external_id: the HRIS's key, unique, up to 64 code points.
        :param name: the display name, up to 200 code points.
        :param email: optional; must hold one ``@`` with text either side.
        :param hr_admin: make the person an HR admin.
        :param unit: the unit the person joins, or None.
        :param manager: the person's manager, or None.
        :param start: when unit and manager take effect; None for today.
        :raises InvalidArgument, InvalidUtf8, OutOfRange, Conflict, NotFound,
            PermissionDenied: as the C library decides.
        """
        ext = cv.text(external_id, "external_id")
        nm = cv.text(name, "name")
        em = cv.optional_text(email, "email")
        admin = cv.flag(hr_admin, "hr_admin")
        unit_id = cv.optional_ident(unit, "unit")
        manager_id = cv.optional_ident(manager, "manager")
        day = cv.date_in(start, "start")
        opts = PersonOpts()
        check(lib.pm_person_opts_init(byref(opts), PM_PERSON_OPTS_VERSION))
        opts.external_id, opts.external_id_len = ext, len(ext)
        opts.display_name, opts.display_name_len = nm, len(nm)
        if em is not None:
            opts.email, opts.email_len = em, len(em)
        opts.hr_admin = 1 if admin else 0
        opts.unit = unit_id
        opts.manager = manager_id
        opts.start = day
        out = pm_id()
        self._call_out(lib.pm_person_create, out, byref(opts))
        return out.value

    def update_person(
        self,
        person: int,
        external_id: str | None = None,
        name: str | None = None,
        email: str | None = None,
    ) -> None:
        """Changes the given fields of a person; None leaves a field as it
        is, and ``email=""`` removes the email.

        A person may change their own name and email; HR admins and the
        system actor may change any of them.
        """
        pid = cv.ident(person, "person")
        ext = cv.optional_text(external_id, "external_id")
        nm = cv.optional_text(name, "name")
        em = cv.optional_text(email, "email")
        opts = PersonOpts()
        check(lib.pm_person_opts_init(byref(opts), PM_PERSON_OPTS_VERSION))
        if ext is not None:
            opts.external_id, opts.external_id_len = ext, len(ext)
        if nm is not None:
            opts.display_name, opts.display_name_len = nm, len(nm)
        if em is not None:
            opts.email, opts.email_len = em, len(em)
        self._call(lib.pm_person_update, pid, byref(opts))

    def set_hr_admin(self, person: int, hr_admin: bool) -> None:
        """Grants or removes the HR-admin role (HR admins and the system actor).

        Sessions already open for that person keep the role they had.
        """
        pid = cv.ident(person, "person")
        admin = cv.flag(hr_admin, "hr_admin")
        self._call(lib.pm_person_set_hr_admin, pid, 1 if admin else 0)

    def set_left(self, person: int, on: _dt.date | None = None) -> None:
        """Records that a person left on ``on`` (their last day is the day
        before; None for today). Their unit membership and reporting line
        end that day.

        :raises Conflict: the person has already left.
        """
        pid = cv.ident(person, "person")
        day = cv.date_in(on, "on")
        self._call(lib.pm_person_set_left, pid, day)

    def get_person(self, person: int) -> Person:
        """Reads a person by id.

        :raises NotFound: no person has this id.
        """
        pid = cv.ident(person, "person")
        h = self._h
        ptr = h.enter()
        try:
            out = c_void_p()
            rc = _pm_person_get(byref(out), ptr, pid)
            if rc:
                check(rc, _message(ptr))
            try:
                return person_from(out)
            finally:
                _pm_person_free(out)
        finally:
            h.leave()

    def lookup_person(self, external_id: str) -> Person:
        """Reads a person by external id (exact match after NFC normalisation).

        :raises NotFound: no person has this external id.
        """
        ext = cv.c_string(external_id, "external_id")
        out = c_void_p()
        self._call_out(lib.pm_person_lookup, out, ext)
        try:
            return person_from(out)
        finally:
            lib.pm_person_free(out)

    def search_people(self, query: str = "", include_left: bool = False) -> PersonIterator:
        """People whose display name contains ``query``, ignoring case
        (Unicode case folding: ``"ÅSA"`` finds ``"Åsa"``), in folded-name
        order. ``""`` lists everyone.

        :param include_left: include people who have left.
        """
        q = cv.c_string(query, "query")
        flags = PM_PERSON_INCLUDE_LEFT if cv.flag(include_left, "include_left") else 0
        return self._iterator(PersonIterator, lib.pm_person_search, q, flags)

    # ---- units ------------------------------------------------------------

    def create_unit(self, name: str, parent: int | None = None) -> int:
        """Creates a unit under ``parent`` (None: top level) and returns its id.

        :raises Conflict: a sibling has the name (ignoring case).
        """
        nm = cv.text(name, "name")
        parent_id = cv.optional_ident(parent, "parent")
        opts = UnitOpts()
        check(lib.pm_unit_opts_init(byref(opts), PM_UNIT_OPTS_VERSION))
        opts.name, opts.name_len = nm, len(nm)
        opts.parent = parent_id
        out = pm_id()
        self._call_out(lib.pm_unit_create, out, byref(opts))
        return out.value

    def rename_unit(self, unit: int, name: str) -> None:
        """Renames a unit."""
        uid = cv.ident(unit, "unit")
        nm = cv.text(name, "name")
        self._call(lib.pm_unit_rename, uid, nm, len(nm))

    def move_unit(self, unit: int, parent: int | None) -> None:
        """Moves a unit under another parent (None: top level).

        :raises Cycle: the new parent is the unit or below it.
        """
        uid = cv.ident(unit, "unit")
        parent_id = cv.optional_ident(parent, "parent")
        self._call(lib.pm_unit_move, uid, parent_id)

    def get_unit(self, unit: int) -> Unit:
        """Reads a unit by id."""
        uid = cv.ident(unit, "unit")
        out = c_void_p()
        self._call_out(lib.pm_unit_get, out, uid)
        try:
            return unit_from(out)
        finally:
            lib.pm_unit_free(out)

    def find_unit(self, path: str) -> int:
        """The id of the unit at ``path``, names from the top separated by
        ``/`` (``"Company/Engineering"``), ignoring case.

        :raises NotFound: no unit has this path.
        """
        p = cv.c_string(path, "path")
        out = pm_id()
        self._call_out(lib.pm_unit_find, out, p)
        return out.value

    def unit_path(self, unit: int) -> str:
        """The path of a unit from the top, names separated by ``/``."""
        uid = cv.ident(unit, "unit")
        out = c_void_p()
        self._call_out(lib.pm_unit_path, out, uid)
        try:
            return string_at(out).decode("utf-8", "replace") if out.value else ""
        finally:
            lib.pm_free(out)

    def unit_children(self, parent: int | None = None) -> UnitIterator:
        """The units directly under ``parent`` (None: the top-level units),
        in name order."""
        parent_id = cv.optional_ident(parent, "parent")
        return self._iterator(UnitIterator, lib.pm_unit_children, parent_id)

    def unit_members(
        self, unit: int, on: _dt.date | None = None, deep: bool = False
    ) -> PersonIterator:
        """The people who belonged to ``unit`` on ``on`` (None: today), in
        name order.

        :param deep: include members of the units below.
        """
        uid = cv.ident(unit, "unit")
        day = cv.date_in(on, "on")
        flags = PM_UNIT_MEMBERS_DEEP if cv.flag(deep, "deep") else 0
        return self._iterator(PersonIterator, lib.pm_unit_members, uid, day, flags)

    # ---- membership and reporting lines ---------------------------------

    def set_unit(self, person: int, unit: int | None, on: _dt.date | None = None) -> None:
        """Puts a person in ``unit`` from ``on`` (None: today); ``unit=None``
        removes them from any unit.

        :raises Conflict: a later change is recorded for the person.
        """
        pid = cv.ident(person, "person")
        uid = cv.optional_ident(unit, "unit")
        day = cv.date_in(on, "on")
        self._call(lib.pm_org_set_unit, pid, uid, day)

    def unit_on(self, person: int, on: _dt.date | None = None) -> int | None:
        """The unit the person belonged to on ``on`` (None: today), or None."""
        pid = cv.ident(person, "person")
        day = cv.date_in(on, "on")
        out = pm_id()
        self._call_out(lib.pm_org_unit_on, out, pid, day)
        return out.value or None

    def set_manager(self, person: int, manager: int | None, on: _dt.date | None = None) -> None:
        """Makes ``manager`` the person's manager from ``on`` (None: today);
        ``manager=None`` ends the reporting line.

        :raises InvalidArgument: the person as their own manager.
        :raises Cycle: the manager reports, directly or not, to the person.
        :raises Conflict: a later change is recorded for the person.
        """
        pid = cv.ident(person, "person")
        mid = cv.optional_ident(manager, "manager")
        day = cv.date_in(on, "on")
        self._call(lib.pm_org_set_manager, pid, mid, day)

    def manager_on(self, person: int, on: _dt.date | None = None) -> int | None:
        """The person's manager on ``on`` (None: today), or None."""
        pid = cv.ident(person, "person")
        day = cv.date_in(on, "on")
        out = pm_id()
        self._call_out(lib.pm_org_manager_on, out, pid, day)
        return out.value or None

    def reports(
        self, manager: int, on: _dt.date | None = None, indirect: bool = False
    ) -> PersonIterator:
        """The people who reported to ``manager`` on ``on`` (None: today),
        in name order.

        :param indirect: include reports of reports, all the way down.
        """
        mid = cv.ident(manager, "manager")
        day = cv.date_in(on, "on")
        flags = PM_ORG_REPORTS_INDIRECT if cv.flag(indirect, "indirect") else 0
        return self._iterator(PersonIterator, lib.pm_org_reports, mid, day, flags)

    def is_above(self, manager: int, person: int, on: _dt.date | None = None) -> bool:
        """Whether ``manager`` is above ``person`` in the reporting chain on
        ``on`` (None: today): their manager, their manager's manager, ..."""
        mid = cv.ident(manager, "manager")
        pid = cv.ident(person, "person")
        day = cv.date_in(on, "on")
        out = c_int()
        self._call_out(lib.pm_org_is_above, out, mid, pid, day)
        return bool(out.value)

    # ---- import -----------------------------------------------------------

    @staticmethod
    def _import_opts(on: object, mark_missing_left: object) -> ImportOpts:
        """The pm_import_opts for the keyword arguments of the import methods."""
        day = cv.date_in(on, "on")
        flags = PM_IMPORT_MARK_MISSING_LEFT if cv.flag(mark_missing_left, "mark_missing_left") else 0
        opts = ImportOpts()
        check(lib.pm_import_opts_init(byref(opts), PM_IMPORT_OPTS_VERSION))
        opts.date = day
        opts.flags = flags
        return opts

    def import_csv(
        self,
        data: str | bytes,
        on: _dt.date | None = None,
        mark_missing_left: bool = False,
    ) -> ImportStats:
        """Imports an organisation from CSV text (HR admins and the system
        actor), all or nothing. See ``perfmgmt/import.h`` for the columns.

        :param data: the CSV as str, or as bytes (bytearray, memoryview)
            holding UTF-8; bytes go to the library unchanged.
        :param on: when unit and manager changes take effect; None for today.
        :param mark_missing_left: mark people in the store but not in the
            file as left.
        :raises Error: a subclass naming the line and the field.
        """
        if isinstance(data, str):
            raw = data.encode("utf-8", "surrogatepass")
        elif isinstance(data, bytes):
            raw = data
        elif isinstance(data, (bytearray, memoryview)):
            raw = bytes(data)
        else:
            raise cv.type_error("data", "str or bytes", data)
        opts = self._import_opts(on, mark_missing_left)
        stats = _CImportStats()
        stats.version = PM_IMPORT_STATS_VERSION
        self._call(lib.pm_import_csv, raw, len(raw), byref(opts), byref(stats))
        return stats_from(stats)

    def import_csv_file(
        self,
        path: str | bytes | os.PathLike[str] | os.PathLike[bytes],
        on: _dt.date | None = None,
        mark_missing_left: bool = False,
    ) -> ImportStats:
        """Imports an organisation from a CSV file, as :meth:`import_csv`.

        :raises IOError: the file cannot be read.
        """
        p = cv.path(path, "path")
        opts = self._import_opts(on, mark_missing_left)
        stats = _CImportStats()
        stats.version = PM_IMPORT_STATS_VERSION
        self._call(lib.pm_import_csv_file, p, byref(opts), byref(stats))
        return stats_from(stats)
