"""Photos: trust nothing the sender says, keep clean pixels and the caption.

A photo is accepted on what its bytes are (Pillow sniffs JPEG, PNG, WebP or TIFF; the
file name and the declared content type are ignored), within a pixel limit checked from
the header *before* any pixel is decoded (a 40 kB PNG can claim 10 gigapixels).

What the file says about itself is read first (``read_metadata``: XMP, then IPTC IIM,
then EXIF, for caption, creator, credit, copyright and the time it was taken). Then the
camera's orientation is applied and the pixels are copied onto a fresh canvas, so EXIF
(GPS position, camera serials), ICC and text chunks are left behind; the JPEG renditions
get an XMP packet with the caption, creator, credit and copyright the agency decided
(``services.exiftool`` adds IPTC IIM where Debian's exiftool is installed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageOps, IptcImagePlugin, UnidentifiedImageError

from newsflow.core.media import MediaMetadata
from newsflow.core.story import Rendition
from newsflow.errors import InvalidInput
from newsflow.formats import xmp

FORMATS = ("JPEG", "PNG", "WEBP", "TIFF")
MIMETYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "TIFF": "image/tiff"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "TIFF": "tif"}


@dataclass(frozen=True, slots=True)
class RenditionSpec:
    name: str
    long_edge: int | None  # None: keep the original size
    quality: int


RENDITIONS = (
    RenditionSpec("thumbnail", 320, 80),
    RenditionSpec("web", 1280, 85),
    RenditionSpec("print", None, 95),
)

# EXIF tags (TIFF/EXIF 2.32) and IPTC IIM datasets (record 2) that carry the fields.
_EXIF = {"caption": 0x010E, "byline": 0x013B, "copyright": 0x8298}
_EXIF_IFD, _DATE_TAKEN = 0x8769, 0x9003
_IPTC = {"caption": (2, 120), "byline": (2, 80), "credit": (2, 110), "copyright": (2, 116)}
_IPTC_DATE, _IPTC_TIME = (2, 55), (2, 60)


@dataclass(frozen=True, slots=True)
class DecodedPhoto:
    image: Image.Image  # clean RGB pixels, orientation applied
    format: str  # one of FORMATS
    metadata: MediaMetadata  # what the file said


def sniff(head: bytes) -> str | None:
    """The photo format these first bytes announce, if one we take."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    return None


def decode(data: bytes, *, max_pixels: int) -> DecodedPhoto:
    """Open, check and clean one photo, or raise ``InvalidInput`` (field ``file``)."""
    try:
        image = Image.open(BytesIO(data), formats=FORMATS)
    except (UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise InvalidInput("the file is not a JPEG, PNG, WebP or TIFF photo", field="file") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise InvalidInput("the photo is damaged or truncated", field="file") from exc
    width, height = image.size
    if width < 1 or height < 1 or width * height > max_pixels:
        raise InvalidInput(
            f"the photo is {width}x{height} pixels; at most {max_pixels} pixels are accepted", field="file"
        )
    if image.format == "PNG" and not _png_ends_cleanly(data):
        raise InvalidInput("the PNG has data after its end (another file hidden in it)", field="file")
    fmt = str(image.format)
    metadata = read_metadata(image)
    try:
        image.seek(0)  # animated PNG/WebP, multi-page TIFF: the first frame
        image.load()
        oriented = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise InvalidInput("the photo is damaged or truncated", field="file") from exc
    return DecodedPhoto(_clean_copy(oriented), fmt, metadata)


def _png_ends_cleanly(data: bytes) -> bool:
    # IEND is a zero-length chunk: length, type, CRC, and nothing after it
    return data.rstrip(b"\x00\r\n ").endswith(b"IEND\xaeB`\x82")


def read_metadata(image: Image.Image) -> MediaMetadata:
    """Caption, creator, credit, copyright and time taken, as the file states them."""
    fields: dict[str, str] = {}
    for source in (_from_xmp(image), _from_iptc(image), _from_exif(image)):
        for key, value in source.items():
            if value and not fields.get(key):
                fields[key] = value
    return MediaMetadata(
        caption=fields.get("caption", "")[:2000],
        byline=fields.get("byline", "")[:200],
        credit=fields.get("credit", "")[:200],
        copyright=fields.get("copyright", "")[:500],
        taken=_parse_time(fields.get("taken", "")),
    )


def _from_xmp(image: Image.Image) -> dict[str, str]:
    raw = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
    if raw is None and image.format == "TIFF":
        raw = getattr(image, "tag_v2", {}).get(700)
    return xmp.parse(raw) if isinstance(raw, bytes | str) else {}


def _from_iptc(image: Image.Image) -> dict[str, str]:
    try:
        info = IptcImagePlugin.getiptcinfo(image) or {}  # type: ignore[arg-type]
    except (OSError, SyntaxError, ValueError, TypeError, IndexError):
        return {}
    found = {key: _text(info.get(dataset)) for key, dataset in _IPTC.items()}
    date, time = _text(info.get(_IPTC_DATE)), _text(info.get(_IPTC_TIME))
    if len(date) == 8 and date.isdigit():
        clock = time[:6] if len(time) >= 6 and time[:6].isdigit() else "000000"
        found["taken"] = f"{date[:4]}-{date[4:6]}-{date[6:]}T{clock[:2]}:{clock[2:4]}:{clock[4:6]}"
    return found


def _from_exif(image: Image.Image) -> dict[str, str]:
    try:
        exif = image.getexif()
        found = {key: _text(exif.get(tag)) for key, tag in _EXIF.items()}
        taken = _text(exif.get_ifd(_EXIF_IFD).get(_DATE_TAKEN))
    except (OSError, SyntaxError, ValueError, TypeError):
        return {}
    if len(taken) >= 19:  # "YYYY:MM:DD HH:MM:SS"
        found["taken"] = taken[:10].replace(":", "-") + "T" + taken[11:19]
    return found


def _text(value: object) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, bytes):
        raw = value
        try:
            value = raw.decode("utf-8")
        except UnicodeDecodeError:
            value = raw.decode("latin-1")
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def _parse_time(text: str) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _clean_copy(image: Image.Image) -> Image.Image:
    """The pixels only, on a fresh RGB canvas: nothing from ``image.info`` survives."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    canvas = Image.new("RGB", image.size, (255, 255, 255))
    if has_alpha:
        rgba = image.convert("RGBA")
        canvas.paste(rgba, mask=rgba.getchannel("A"))
    elif image.mode in ("I;16", "I;16B", "I;16L", "I"):
        canvas.paste(image.point(lambda v: v / 256).convert("L").convert("RGB"))
    else:
        canvas.paste(image.convert("RGB"))
    return canvas


def write_renditions(
    image: Image.Image, metadata: MediaMetadata, directory: Path, stem: str, *, href: Callable[[str], str]
) -> list[Rendition]:
    """``thumbnail``, ``web`` and ``print`` JPEGs in ``directory``, each with its XMP packet."""
    packet = xmp.packet(
        caption=metadata.caption, byline=metadata.byline, credit=metadata.credit,
        copyright=metadata.copyright, taken=metadata.taken, language=metadata.language,
    )
    out = []
    for spec in RENDITIONS:
        copy = image.copy()
        if spec.long_edge is not None:
            copy.thumbnail((spec.long_edge, spec.long_edge), Image.Resampling.LANCZOS)
        name = f"{stem}-{spec.name}.jpg"
        path = directory / name
        copy.save(
            path, "JPEG", quality=spec.quality, optimize=spec.long_edge is not None, progressive=True,
            subsampling=0 if spec.long_edge is None else 2, xmp=packet,
        )
        out.append(Rendition(spec.name, href(name), "image/jpeg", copy.width, copy.height))
    return out
