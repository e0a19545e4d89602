"""Media: a 12-megapixel photo upload until its renditions are ready, and video transcoding.

    nice -n 10 .venv/bin/python bench/bench_media.py [--photos 12] [--video-seconds 10]

Photos: ``MediaLibrary.upload`` (what ``POST /api/v1/media`` calls, minus HTTP) of 4000 x
3000 JPEGs with camera metadata, each different; timed from the call to its return, when
the thumbnail/web/print renditions and the original are written, tagged (exiftool, if
installed) and committed. Photos are uploaded one after the other.

Video: one 1920 x 1080, 25 fps H.264/AAC input of ``--video-seconds`` made with
``ffmpeg -f lavfi``; timed from the upload call until the background job has the item
``ready`` (poster, thumbnail and the 720p H.264/AAC ``web`` rendition); reported per minute
of input. The job runs ffmpeg under ``nice -n 10`` itself.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

from PIL import Image

from calibration import machine_line
from newsflow.config import Settings
from newsflow.core.media import MediaStatus
from newsflow.services.exiftool import available as exiftool_available
from newsflow.wiring import build_services


def photo(seed: int) -> bytes:
    """A 12 MP JPEG that compresses like a photo (noise over gradients), with EXIF."""
    width, height = 4000, 3000
    base = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    noise = Image.effect_noise((width, height), 40 + seed % 20).convert("RGB")
    image = Image.blend(base, noise, 0.35)
    exif = Image.Exif()
    exif[0x010F] = "BenchCam"
    exif[0x010E] = f"Bench photo {seed}"
    out = BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=12)
    parser.add_argument("--video-seconds", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nf-bench-media-") as tmp:
        settings = Settings(data_dir=Path(tmp), secret_key="bench", max_upload_bytes=60_000_000)
        services = build_services(settings)
        library = services.media
        print(f"making {args.photos} photos of 12 MP ...", file=sys.stderr, flush=True)
        inputs = [photo(i) for i in range(args.photos)]
        timings = []
        for i, data in enumerate(inputs, 1):
            started = time.perf_counter()
            item = library.upload(data, caption=f"Bench photo {i}", credit="Bench")
            timings.append(time.perf_counter() - started)
            assert item.status is MediaStatus.READY
            print(f"  photo {i}/{args.photos}: {timings[-1]:.2f} s", file=sys.stderr, flush=True)
        rows = [
            ("photos (4000 x 3000 JPEG, ~%.1f MB each)" % (statistics.mean(map(len, inputs)) / 1e6), f"{len(inputs)}"),
            ("exiftool tagging", "yes" if exiftool_available() else "no (not installed)"),
            ("photos/s, one after the other", f"{len(timings) / sum(timings):.2f}"),
            ("per photo p50 / p95 / max", f"{statistics.median(timings):.2f} / {percentile(timings, 0.95):.2f} / "
                                          f"{max(timings):.2f} s"),
        ]
        if shutil.which("ffmpeg"):
            source = Path(tmp) / "input.mp4"
            print(f"making a {args.video_seconds} s 1080p input ...", file=sys.stderr, flush=True)
            subprocess.run(
                ["nice", "-n", "10", "ffmpeg", "-nostdin", "-v", "error", "-y",
                 "-f", "lavfi", "-i", f"testsrc2=duration={args.video_seconds}:size=1920x1080:rate=25",
                 "-f", "lavfi", "-i", f"sine=frequency=440:duration={args.video_seconds}", "-shortest",
                 "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac", str(source)],
                check=True, timeout=600,
            )
            started = time.perf_counter()
            with source.open("rb") as stream:
                item = library.upload(stream)
            deadline = started + 60 + args.video_seconds * 60
            while item.status is MediaStatus.PROCESSING and time.perf_counter() < deadline:
                time.sleep(0.5)  # a benchmark's poll of the job's state, not a test
                item = library.get(item.id)
            elapsed = time.perf_counter() - started
            if item.status is not MediaStatus.READY:
                print(f"video job ended {item.status.value}: {item.error}", file=sys.stderr)
                return 1
            rows += [
                (f"video input ({args.video_seconds} s, 1920 x 1080, 25 fps H.264/AAC)",
                 f"{source.stat().st_size / 1e6:.1f} MB"),
                ("upload → ready (poster, thumbnail, 720p web)", f"{elapsed:.1f} s"),
                ("transcode time per minute of 1080p input", f"{elapsed / args.video_seconds * 60:.0f} s"),
            ]
        else:
            rows.append(("video", "not run: ffmpeg is not installed"))
        services.db.dispose()
    width = max(len(name) for name, _ in rows)
    print(f"| {'measured'.ljust(width)} | value |")
    print(f"| {'-' * width} | --- |")
    for name, value in rows:
        print(f"| {name.ljust(width)} | {value} |")
    print(machine_line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
