"""Debian's exiftool, for what Pillow cannot do: IPTC IIM, and editing an original in place.

One call per upload tags every delivered file at once: the caption, creator, credit and
copyright in IPTC IIM (UTF-8) and XMP, while GPS positions, maker notes (where cameras
keep serial numbers), serial-number tags and trailers after the image are removed. The
``original`` rendition is the sender's own file edited this way, so its pixels stay
exactly as sent. Where exiftool is not installed the JPEG renditions still carry the XMP
Pillow wrote, and no ``original`` is kept (it would still hold the GPS position).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from newsflow.core.media import MediaMetadata

TIMEOUT_SECONDS = 60

_STRIP = (
    "-gps:all=", "-xmp-exif:all=", "-makernotes:all=", "-xmp-aux:all=", "-trailer:all=",
    "-SerialNumber=", "-LensSerialNumber=", "-InternalSerialNumber=", "-CameraSerialNumber=",
    "-OwnerName=", "-CameraOwnerName=",
)


def available() -> bool:
    return shutil.which("exiftool") is not None


def tag(paths: list[Path], metadata: MediaMetadata) -> None:
    """Write the agency's fields into ``paths`` and strip location and serials (in place)."""
    if not paths:
        return
    args = ["exiftool", "-q", "-q", "-m", "-overwrite_original", "-charset", "iptc=UTF8",
            "-codedcharacterset=utf8", *_STRIP]
    for value, targets in (
        (metadata.caption, ("-IPTC:Caption-Abstract", "-XMP-dc:Description")),
        (metadata.byline, ("-IPTC:By-line", "-XMP-dc:Creator")),
        (metadata.credit, ("-IPTC:Credit", "-XMP-photoshop:Credit")),
        (metadata.copyright, ("-IPTC:CopyrightNotice", "-XMP-dc:Rights")),
    ):
        if value:
            clean = value.replace("\n", " ").replace("\r", " ")
            args += [f"{target}={clean}" for target in targets]
    subprocess.run([*args, *map(str, paths)], check=True, capture_output=True, timeout=TIMEOUT_SECONDS)
