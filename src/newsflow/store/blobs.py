"""Where media files live: a small interface, and the local-disk implementation.

Every upload is written into a private *staging* directory first and becomes visible
only by ``commit``: a refused or failed upload leaves nothing under the media directory
(``discard`` removes the staging directory whole), and a reader never sees a half-written
file. Names are ours (32 random hex digits, the rendition, an extension), never the
sender's.

An S3-compatible backend fits the same interface:

* ``stage()`` stays a local temporary directory (Pillow, exiftool and ffmpeg work on
  files);
* ``commit(staged)`` PUTs each staged file as an object (``Content-Type`` from the
  extension, ``Cache-Control`` as ``/media/`` sends it), then removes the directory;
* ``local_path(name)`` answers ``None``, and ``url(name, seconds)`` a presigned GET URL
  that ``/media/`` redirects to after its own entitlement check;
* ``fetch(name, into)`` downloads an object for a background job (the video transcode);
* ``delete(names)`` is a DeleteObjects call.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from pathlib import Path
from typing import Protocol


class MediaStorage(Protocol):
    def stage(self) -> Path:
        """A new, empty, private directory to write an upload's files into."""

    def commit(self, staged: Path) -> list[str]:
        """Make every file in ``staged`` visible under its name; returns the names."""

    def discard(self, staged: Path) -> None:
        """Forget a staging directory and everything in it."""

    def local_path(self, name: str) -> Path | None:
        """The file on this machine, or ``None`` when it is not here (or not stored)."""

    def fetch(self, name: str, into: Path) -> Path:
        """A local copy of a stored file, in ``into`` (a staging directory)."""

    def delete(self, names: list[str]) -> None: ...


class LocalDiskStorage:
    """Files in one directory (``<data dir>/media``); staging in ``.staging/`` beside them.

    Staging on the same file system makes ``commit`` a rename: atomic, no copy.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def _staging_root(self) -> Path:
        return self.root / ".staging"

    def stage(self) -> Path:
        self._staging_root.mkdir(parents=True, exist_ok=True)
        path = self._staging_root / secrets.token_hex(8)
        path.mkdir(mode=0o700)
        return path

    def commit(self, staged: Path) -> list[str]:
        names = sorted(p.name for p in staged.iterdir() if p.is_file() and not p.name.startswith("."))
        for name in names:
            os.replace(staged / name, self.root / name)
        self.discard(staged)
        return names

    def discard(self, staged: Path) -> None:
        if staged.parent == self._staging_root:
            shutil.rmtree(staged, ignore_errors=True)

    def local_path(self, name: str) -> Path | None:
        if "/" in name or name.startswith("."):
            return None
        path = self.root / name
        return path if path.is_file() else None

    def fetch(self, name: str, into: Path) -> Path:
        source = self.local_path(name)
        if source is None:
            raise FileNotFoundError(name)
        target = into / name
        shutil.copyfile(source, target)
        return target

    def delete(self, names: list[str]) -> None:
        for name in names:
            if path := self.local_path(name):
                with contextlib.suppress(OSError):
                    path.unlink()

    def leftovers(self) -> list[Path]:
        """Staging directories still present (none, unless a process died mid-upload)."""
        root = self._staging_root
        return sorted(root.iterdir()) if root.is_dir() else []
