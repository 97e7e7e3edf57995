"""The Session methods for the personal-data export (``export.h``)."""

from __future__ import annotations

import os
from ctypes import c_void_p, string_at

from . import _convert as cv
from ._lib_export import lib
from ._session_base import _SessionBase


class _ExportMixin(_SessionBase):
    """Everything held about a person, as one JSON document."""

    __slots__ = ()

    def export_person(self, person: int) -> str:
        """Everything perfmgmt holds about ``person``, as the JSON text of a
        ``perfmgmt.person-export`` document, version 1 (docs/person-export.md
        describes it; docs/person-export.schema.json is its JSON Schema).
        Read it with :func:`json.loads`.

        The person may export their own data; HR admins and the system
        session export on their behalf, without the parts only the person
        may read (listed in the document's ``withheld``). Each export is
        recorded in the audit trail.

        :raises NotFound: no person has this id.
        :raises PermissionDenied: the session is another person's.
        :raises ReadOnly: the store was opened read-only (an export is audited).
        """
        pid = cv.ident(person, "person")
        out = c_void_p()
        try:
            self._call_out(lib.pm_person_export_json, out, pid)
            return string_at(out).decode("utf-8") if out.value else ""
        finally:
            lib.pm_free(out)

    def export_person_to_file(
        self, person: int, path: str | bytes | os.PathLike[str] | os.PathLike[bytes]
    ) -> None:
        """Writes :meth:`export_person`'s text into the file ``path``, whole
        or not at all: written next to it, flushed, and renamed over it, with
        mode 0600. On failure no file is left and nothing is audited.

        :raises IOError: the file cannot be written (perfmgmt.IOError; the
            message names the path and the reason).
        :raises NotFound: no person has this id.
        :raises PermissionDenied: the session is another person's.
        """
        pid = cv.ident(person, "person")
        self._call(lib.pm_person_export, pid, cv.path(path, "path"))
