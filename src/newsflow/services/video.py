"""Video: ffprobe reads what a file is, ffmpeg writes the poster frame and the ``web`` MP4.

``probe`` runs at upload time (a fraction of a second) and refuses at once what can never
be published: a file that is not an MP4, MOV or WebM, one with no video stream, one
longer than the limit. The codecs are checked by the background job (``transcode``), so
an unknown codec ends as ``failed`` with the reason, visible in the API and the desk.

The ``web`` rendition is H.264 (yuv420p, at most ``video_web_height`` lines) with AAC
audio and the index at the front (``+faststart``), what every browser and player takes.
ffmpeg runs under ``nice -n 10`` so transcoding yields the CPU to the flow. Its
``-progress`` report (``out_time_us=…`` lines on stdout) gives the share of the input
written so far, which the media library shows as ``progress`` (0-100) while processing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from newsflow.errors import InvalidInput

PROBE_TIMEOUT_SECONDS = 30
CONTAINERS = {"mp4": "video/mp4", "mov": "video/quicktime", "webm": "video/webm"}
VIDEO_CODECS = frozenset({"h264", "hevc", "vp8", "vp9", "av1", "mpeg4", "prores", "mjpeg", "mpeg2video", "dnxhd"})
AUDIO_CODECS = frozenset({"aac", "mp3", "opus", "vorbis", "ac3", "eac3", "alac", "flac",
                          "pcm_s16le", "pcm_s24le", "pcm_s16be", "pcm_f32le"})


Progress = Callable[[int], None]


class TranscodeFailed(Exception):
    """A background job could not produce the renditions; the message is for the editor."""


@dataclass(frozen=True, slots=True)
class VideoInfo:
    container: str  # mp4 | mov | webm
    mimetype: str
    duration: float
    width: int
    height: int
    video_codec: str
    audio_codec: str | None

    def details(self) -> dict[str, object]:
        return {"duration": round(self.duration, 3), "width": self.width, "height": self.height,
                "video_codec": self.video_codec, "audio_codec": self.audio_codec}


def available() -> bool:
    return shutil.which("ffprobe") is not None and shutil.which("ffmpeg") is not None


def looks_like_video(head: bytes) -> bool:
    """ISO base media (MP4/MOV: an ``ftyp``, ``moov``, ``mdat``, ``wide`` or ``free`` box) or WebM (EBML)."""
    return head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip") or head.startswith(b"\x1a\x45\xdf\xa3")


def probe(path: Path, *, max_seconds: int) -> VideoInfo:
    if not available():
        raise InvalidInput("video uploads need ffmpeg, which is not installed on this server", field="file")
    try:
        done = subprocess.run(
            ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)],
            capture_output=True, timeout=PROBE_TIMEOUT_SECONDS, check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise InvalidInput("the video could not be read in time", field="file") from exc
    if done.returncode != 0:
        raise InvalidInput("the file is not a readable video (damaged or truncated?)", field="file")
    info = json.loads(done.stdout or b"{}")
    names = set(str(info.get("format", {}).get("format_name", "")).split(","))
    if names & {"mov", "mp4"}:
        major = str(info.get("format", {}).get("tags", {}).get("major_brand", "")).strip()
        container = "mov" if major == "qt" else "mp4"
    elif names & {"webm", "matroska"}:
        container = "webm"
    else:
        raise InvalidInput("the video is not an MP4, MOV or WebM file", field="file")
    streams = info.get("streams", [])
    video = next((s for s in streams if s.get("codec_type") == "video" and not _is_cover(s)), None)
    if video is None:
        raise InvalidInput("the file has no video stream", field="file")
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    duration = _float(info.get("format", {}).get("duration")) or _float(video.get("duration"))
    if duration is None or duration <= 0:
        raise InvalidInput("the video's duration cannot be read (damaged or truncated?)", field="file")
    if duration > max_seconds:
        raise InvalidInput(f"the video lasts {duration:.0f} s; at most {max_seconds} s are accepted", field="file")
    return VideoInfo(
        container=container, mimetype=CONTAINERS[container], duration=duration,
        width=int(video.get("width") or 0), height=int(video.get("height") or 0),
        video_codec=str(video.get("codec_name") or "unknown"),
        audio_codec=str(audio.get("codec_name") or "unknown") if audio else None,
    )


def _is_cover(stream: dict[str, object]) -> bool:
    disposition = stream.get("disposition")
    return isinstance(disposition, dict) and bool(disposition.get("attached_pic"))


def _float(value: object) -> float | None:
    try:
        return float(str(value))
    except ValueError:
        return None


class Transcoder:
    """Runs ffmpeg for one job at a time; ``stop`` ends the running one (shutdown)."""

    def __init__(self, *, web_height: int, timeout_factor: float = 20.0) -> None:
        self.web_height = web_height
        self.timeout_factor = timeout_factor  # seconds of work allowed per second of video
        self._running: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._stopped = False

    def check_codecs(self, info: VideoInfo) -> None:
        if info.video_codec not in VIDEO_CODECS:
            raise TranscodeFailed(f"unknown video codec {info.video_codec!r}")
        if info.audio_codec is not None and info.audio_codec not in AUDIO_CODECS:
            raise TranscodeFailed(f"unknown audio codec {info.audio_codec!r}")

    def web(self, source: Path, target: Path, info: VideoInfo, on_progress: Progress | None = None) -> None:
        """The H.264/AAC rendition; ``on_progress(percent)`` each time the whole percent grows."""
        height = min(self.web_height, info.height or self.web_height)
        height -= height % 2
        args = ["-i", str(source), "-map", "0:v:0", "-map", "0:a:0?", "-c:v", "libx264", "-preset", "veryfast",
                "-crf", "23", "-pix_fmt", "yuv420p", "-vf", f"scale=-2:{height}", "-c:a", "aac", "-b:a", "128k",
                "-ac", "2", "-movflags", "+faststart", "-f", "mp4", str(target)]
        self._ffmpeg(args, timeout=60 + info.duration * self.timeout_factor, what="the web rendition",
                     progress=(info.duration, on_progress) if on_progress else None)

    def poster(self, source: Path, target: Path, info: VideoInfo) -> None:
        at = min(1.0, info.duration / 2)
        args = ["-ss", f"{at:.3f}", "-i", str(source), "-frames:v", "1", "-q:v", "3", "-f", "image2", str(target)]
        self._ffmpeg(args, timeout=120, what="the poster frame")

    def _ffmpeg(
        self, args: list[str], *, timeout: float, what: str, progress: tuple[float, Progress] | None = None
    ) -> None:
        report = ["-progress", "pipe:1", "-nostats"] if progress else []
        command = ["nice", "-n", "10", "ffmpeg", "-nostdin", "-v", "error", "-y", *report, *args]
        with tempfile.TemporaryFile() as err:
            with self._lock:
                if self._stopped:
                    raise TranscodeFailed("the server is stopping")
                process = subprocess.Popen(
                    command, stdout=subprocess.PIPE if progress else subprocess.DEVNULL, stderr=err
                )
                self._running = process
            timed_out = threading.Event()

            def kill() -> None:
                timed_out.set()
                process.kill()

            timer = threading.Timer(timeout, kill)
            timer.start()
            try:
                if progress is not None and process.stdout is not None:
                    duration, report_to = progress
                    with process.stdout:
                        for percent in percents(process.stdout, duration):
                            report_to(percent)
                process.wait()
            except BaseException:
                process.kill()
                process.wait()
                raise
            finally:
                timer.cancel()
                with self._lock:
                    self._running = None
            if timed_out.is_set():
                raise TranscodeFailed(f"writing {what} took longer than {timeout:.0f} s")
            if process.returncode != 0:
                err.seek(0)
                last = err.read(65536).decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
                raise TranscodeFailed(f"ffmpeg could not write {what}: {last[0][:300]}")

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._running is not None and self._running.poll() is None:
                self._running.kill()


def percents(lines: Iterable[bytes], duration: float) -> Iterable[int]:
    """Whole percents of ``duration`` written, from ffmpeg's ``-progress`` lines, rising only.

    A block of ``key=value`` lines ends with ``progress=continue`` (or ``end``, which is
    100). ``out_time_us`` is the position written so far (``N/A`` before the first frame).
    """
    last = -1
    for raw in lines:
        key, _, value = raw.decode("ascii", "replace").strip().partition("=")
        percent = None
        if key == "out_time_us" and value.isdigit() and duration > 0:
            percent = min(99, int(int(value) / 1e6 / duration * 100))
        elif key == "progress" and value == "end":
            percent = 100
        if percent is not None and percent > last:
            last = percent
            yield percent
