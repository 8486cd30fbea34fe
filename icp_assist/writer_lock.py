"""One writer at a time: an exclusive lock on the workspace's ``.lock`` file, held while a writer has it open.

A second writer waits up to ``ICP_ASSIST_LOCK_TIMEOUT`` seconds (default 30), then fails with a message that
names the process holding the lock.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from typing import ClassVar

from .errors import StoreError


class WriterLock:
    """An exclusive flock on the workspace's ``.lock``; re-entrant within one process."""

    _held: ClassVar[
        dict[Path, tuple[int, int]]
    ] = {}  # lock file -> (fd, how many opens in this process hold it)

    def __init__(self, lock_file: Path) -> None:
        self.lock_file = lock_file

    @classmethod
    def acquire(cls, folder: Path) -> WriterLock:
        """Hold the writer lock of ``folder``, waiting up to ICP_ASSIST_LOCK_TIMEOUT seconds (default 30)."""
        lock_file = (folder / ".lock").resolve()
        if lock_file in cls._held:
            fd, count = cls._held[lock_file]
            cls._held[lock_file] = (fd, count + 1)
            return cls(lock_file)
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + float(os.environ.get("ICP_ASSIST_LOCK_TIMEOUT", "30"))
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 200, 0).decode(errors="replace").strip() or "another process"
                    os.close(fd)
                    raise StoreError(
                        f"workspace {folder} is being written by {holder}; one command writes at a time: "
                        "wait for it to finish (or raise ICP_ASSIST_LOCK_TIMEOUT) and run this again"
                    ) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"icp-assist pid {os.getpid()}".encode(), 0)
        cls._held[lock_file] = (fd, 1)
        return cls(lock_file)

    def release(self) -> None:
        """Give the lock up (the last holder in this process unlocks the file)."""
        fd, count = self._held.pop(self.lock_file, (-1, 0))
        if count > 1:
            self._held[self.lock_file] = (fd, count - 1)
        elif fd >= 0:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
