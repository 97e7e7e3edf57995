"""Ownership of C objects: who frees what, in which order, under which lock.

Each C object the binding holds (a store, a session, an iterator) has one
Handle. Handles form a tree mirroring the C rules: an iterator must be freed
before its session, a session before its store. Closing a handle closes its
children first, so no C object outlives the one it depends on, whichever
Python object is collected first.

The tree holds only handles, never the Python objects wrapping them, so the
garbage collector may finalise the wrappers in any order: a wrapper's
``__del__`` closes its handle, and a handle that is already closed (because
its parent was) is left alone.

A store and everything opened on it share one lock. The C library wants
each store used by one thread at a time; the lock makes a mistake there an
orderly wait instead of a crash.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from .errors import Misuse, Status


class Handle:
    """One C object: its pointer (None once freed) and the function freeing it."""

    __slots__ = ("ptr", "free", "what", "parent", "children", "root", "lock", "reason")

    ptr: Any
    root: Root
    lock: threading.Lock

    def __init__(self, ptr: Any, free: Callable[[Any], None], what: str, parent: Handle | None) -> None:
        self.ptr = ptr
        self.free = free
        self.what = what
        self.parent = parent
        # A dict keeps creation order; children are closed newest first.
        self.children: dict[Handle, None] = {}
        self.reason = ""
        if parent is not None:
            self.root = parent.root
            self.lock = parent.lock
            parent.children[self] = None

    def closed_error(self) -> Misuse:
        """The error for using this handle after it was closed."""
        why = f" ({self.reason})" if self.reason else ""
        return Misuse(Status.EMISUSE, f"{self.what}: used after it was closed{why}")

    def enter(self) -> Any:
        """Takes the store's lock and returns the live pointer.

        Raises Misuse, without the lock, when the handle is closed. Every
        enter() that returns is paired with leave().
        """
        lock = self.lock
        if not lock.acquire(False):
            self.root.wait()
        root = self.root
        if root.pending:
            root.drain()
        ptr = self.ptr
        if ptr is None:
            lock.release()
            raise self.closed_error()
        return ptr

    def leave(self) -> None:
        """Releases the lock taken by enter(), then raises what the clock
        callback raised during the call, if anything."""
        root = self.root
        error = root.clock_error
        if error is not None:
            root.clock_error = None
        self.lock.release()
        if error is not None:
            raise error

    def close(self) -> None:
        """Frees the C object and its children; does nothing when closed."""
        if self.ptr is None:
            return
        if not self.lock.acquire(False):
            self.root.wait()
        try:
            self.close_locked()
        finally:
            self.lock.release()

    def close_locked(self, reason: str = "") -> None:
        """Frees the children, then the C object (the lock is held).

        :param reason: why, when a parent closes it, for later errors.
        """
        if self.ptr is None:
            return
        children = self.children
        while children:
            child, _ = children.popitem()
            child.parent = None
            child.close_locked(f"its {self.what} was closed")
        ptr = self.ptr
        self.ptr = None
        self.reason = reason
        self.free(ptr)
        parent = self.parent
        if parent is not None:
            parent.children.pop(self, None)
            self.parent = None
        self.closed()

    def closed(self) -> None:
        """Called once the C object is freed."""

    def close_soon(self) -> None:
        """Closes from a finaliser: now when the lock is free, else at the
        next call on the store.

        A finaliser may run in any thread, and also in this thread while it
        holds the lock (a collection triggered inside a call, or inside the
        clock callback). Waiting there could deadlock, and freeing there
        could pull a session from under a running C call.
        """
        try:
            if self.ptr is None:
                return
            lock = self.lock
            if lock.acquire(False):
                try:
                    self.close_locked()
                finally:
                    lock.release()
            else:
                self.root.pending.append(self)
        except BaseException:  # noqa: BLE001 - finalisers must not raise (interpreter shutdown)
            pass


class Root(Handle):
    """The handle of a store: owns the lock shared by all its handles."""

    __slots__ = ("pending", "clock_thread", "clock_error", "keep")

    def __init__(self, ptr: Any, free: Callable[[Any], None]) -> None:
        self.root = self
        self.lock = threading.Lock()
        super().__init__(ptr, free, "store", None)
        self.pending: list[Handle] = []
        self.clock_thread: int | None = None
        self.clock_error: BaseException | None = None
        # What C holds a pointer to and Python must keep alive (the clock).
        self.keep: Any = None

    def wait(self) -> None:
        """Waits for the lock, refusing to wait for the thread itself."""
        if self.clock_thread == threading.get_ident():
            raise Misuse(
                Status.EMISUSE,
                "clock: the clock callback may not call perfmgmt on the store it serves",
            )
        self.lock.acquire()

    def drain(self) -> None:
        """Closes the handles whose Python objects were collected while the
        lock was taken (the lock is held)."""
        pending = self.pending
        while pending:
            pending.pop().close_locked()

    def closed(self) -> None:
        self.keep = None
        self.pending.clear()
