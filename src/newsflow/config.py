"""Settings, read once from the environment and passed down explicitly.

Nothing else in newsflow reads ``os.environ``: ``Settings.from_env()`` is called by the
CLI and the server entry point, and the result is handed to ``create_app`` and services.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from dataclasses import dataclass, field
from pathlib import Path

from newsflow.core.editing import DEFAULT_CATEGORIES


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("var")
    database_url: str = ""  # empty: SQLite under data_dir
    host: str = "127.0.0.1"
    port: int = 8000
    base_url: str = "http://127.0.0.1:8000"
    public_url: str = ""  # where readers reach the site (e-mail links); empty: base_url
    agency: str = "newsflow"  # used in story URIs: urn:newsflow:<agency>:<yyyymmdd>:<n>
    agency_name: str = "Newsflow Agency"
    provider_prefix: str = "nf"  # agency-compatible ids: <prefix>:<type>:<yyyymmdd>:<n>
    admin_token: str | None = field(default=None, repr=False)  # never printed
    secret_key: str = field(default="", repr=False)  # signs cookies, tokens and links
    categories: tuple[str, ...] = DEFAULT_CATEGORIES
    # NEWSFLOW_CATEGORY_LABELS="economy=Ekonomi|Economy|اقتصاد;...": a category's names in
    # tr|en|ar for the agency-compatible API, over the defaults in newsflow.formats.agency
    category_labels: tuple[tuple[str, str, str, str], ...] = ()
    languages: tuple[str, ...] = ("ar", "en", "tr")  # NEWSFLOW_LANGUAGES: what the desk writes in
    max_body_bytes: int = 1_000_000
    max_request_bytes: int = 2_000_000
    nats_url: str | None = None  # one server, or a cluster's servers comma-separated
    nats_replicas: int = 1  # NEWSFLOW_NATS_REPLICAS: copies of the flow stream in a JetStream cluster
    compat_min_interval_ms: int = 500
    stream_buffer: int = 256  # events a connection may lag before it is cut off
    heartbeat_seconds: float = 15.0
    public_by_default: tuple[str, ...] = ()  # "category" or "category:priority" entries
    # NEWSFLOW_WEBHOOKS_ALLOW_PRIVATE=1 lets webhooks target loopback/private addresses
    # (tests, a private deployment); off by default so a subscriber cannot probe our network.
    webhooks_allow_private: bool = False
    # Photo uploads (NEWSFLOW_MAX_UPLOAD_BYTES, NEWSFLOW_MAX_IMAGE_PIXELS): the byte limit caps
    # the request, the pixel limit refuses decompression bombs before any pixel is decoded.
    max_upload_bytes: int = 15_000_000
    max_image_pixels: int = 50_000_000
    # E-mail alerts for saved topics (NEWSFLOW_SMTP_URL, e.g. smtp://127.0.0.1:1025; unset: no e-mail).
    smtp_url: str | None = None
    mail_from: str = "newsflow@localhost"  # NEWSFLOW_MAIL_FROM
    alerts_per_hour: int = 10  # NEWSFLOW_ALERTS_PER_HOUR: e-mails one user gets at most per hour
    alert_digest_minutes: float = 60.0  # NEWSFLOW_ALERT_DIGEST_MINUTES: how long routine alerts gather
    alert_retry_seconds: float = 30.0  # first wait after a failed send (doubles, up to an hour)
    # Video uploads (NEWSFLOW_MAX_VIDEO_BYTES, NEWSFLOW_MAX_VIDEO_SECONDS): larger than photos,
    # streamed to disk, never held in memory; longer videos are refused before any transcoding.
    max_video_bytes: int = 500_000_000
    max_video_seconds: int = 1800
    video_web_height: int = 720  # the ``web`` H.264 rendition's height at most
    # GET /metrics without an admin token, from these addresses or networks only
    # (NEWSFLOW_METRICS_ALLOW=127.0.0.1,10.0.0.0/8); empty: an admin token is always needed.
    metrics_allow: tuple[str, ...] = ()
    log_format: str = "text"  # NEWSFLOW_LOG_FORMAT: text, or json (one object a line, with request ids)
    # NEWSFLOW_NODE_NAME (default: the host name): sent as X-Newsflow-Node: <name>/<pid>
    node_name: str = "newsflow"
    # NEWSFLOW_INDEX_PROCESS (default 1 from the environment): on SQLite, the search index
    # follows the flow log in a child process of the server (search/index_process.py), on
    # another core than the requests; 0 keeps it in a thread of the server.
    index_process: bool = False
    # NEWSFLOW_TEXT_PROCESSES (from the environment: the CPUs, up to 4; 0 on one CPU): worker
    # processes that find a publish's text suggestions (services/text_pool.py) on other
    # cores than the requests; 0: in the request's thread. A server with --workers uses none.
    text_processes: int = 0
    # NEWSFLOW_SEARCH_REPLICA (a file path; unset: none): on PostgreSQL, the node keeps a
    # search replica in this local SQLite file and searches it (search/replica.py); the
    # shared PostgreSQL index stays the default and the fallback. Ignored on SQLite.
    search_replica: Path | None = None

    @property
    def sqlalchemy_url(self) -> str:
        url = self.database_url or f"sqlite:///{self.data_dir / 'newsflow.db'}"
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        elif url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgres://")
        return url

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"

    @property
    def link_base(self) -> str:
        """The address links sent outside a request (e-mail) start with."""
        return (self.public_url or self.base_url).rstrip("/")

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        data_dir = Path(env.get("NEWSFLOW_DATA_DIR", "var"))
        port = int(env.get("NEWSFLOW_PORT", "8000"))
        host = env.get("NEWSFLOW_HOST", "127.0.0.1")
        secret = env.get("NEWSFLOW_SECRET_KEY") or _persistent_secret(data_dir)
        categories = tuple(
            c.strip() for c in env.get("NEWSFLOW_CATEGORIES", ",".join(DEFAULT_CATEGORIES)).split(",")
            if c.strip()
        )
        return cls(
            data_dir=data_dir,
            database_url=env.get("NEWSFLOW_DATABASE_URL", ""),
            host=host,
            port=port,
            base_url=env.get("NEWSFLOW_BASE_URL", f"http://{host}:{port}").rstrip("/"),
            public_url=env.get("NEWSFLOW_PUBLIC_URL", "").rstrip("/"),
            agency=env.get("NEWSFLOW_AGENCY", "newsflow"),
            agency_name=env.get("NEWSFLOW_AGENCY_NAME", "Newsflow Agency"),
            provider_prefix=env.get("NEWSFLOW_PROVIDER_PREFIX", "nf"),
            admin_token=env.get("NEWSFLOW_ADMIN_TOKEN") or None,
            secret_key=secret,
            categories=categories,
            category_labels=_category_labels(env.get("NEWSFLOW_CATEGORY_LABELS", "")),
            languages=tuple(
                code.strip() for code in env.get("NEWSFLOW_LANGUAGES", "ar,en,tr").split(",") if code.strip()
            ) or ("ar", "en", "tr"),
            max_body_bytes=int(env.get("NEWSFLOW_MAX_BODY_BYTES", "1000000")),
            nats_url=env.get("NEWSFLOW_NATS_URL") or None,
            nats_replicas=int(env.get("NEWSFLOW_NATS_REPLICAS", "1")),
            compat_min_interval_ms=int(env.get("NEWSFLOW_COMPAT_MIN_INTERVAL_MS", "500")),
            public_by_default=tuple(
                p.strip() for p in env.get("NEWSFLOW_PUBLIC_BY_DEFAULT", "").split(",") if p.strip()
            ),
            webhooks_allow_private=env.get("NEWSFLOW_WEBHOOKS_ALLOW_PRIVATE", "").lower() in ("1", "true", "yes"),
            max_upload_bytes=int(env.get("NEWSFLOW_MAX_UPLOAD_BYTES", "15000000")),
            max_image_pixels=int(env.get("NEWSFLOW_MAX_IMAGE_PIXELS", "50000000")),
            smtp_url=env.get("NEWSFLOW_SMTP_URL") or None,
            mail_from=env.get("NEWSFLOW_MAIL_FROM", "newsflow@localhost"),
            alerts_per_hour=int(env.get("NEWSFLOW_ALERTS_PER_HOUR", "10")),
            alert_digest_minutes=float(env.get("NEWSFLOW_ALERT_DIGEST_MINUTES", "60")),
            max_video_bytes=int(env.get("NEWSFLOW_MAX_VIDEO_BYTES", "500000000")),
            max_video_seconds=int(env.get("NEWSFLOW_MAX_VIDEO_SECONDS", "1800")),
            metrics_allow=_networks(env.get("NEWSFLOW_METRICS_ALLOW", "")),
            log_format=_log_format(env.get("NEWSFLOW_LOG_FORMAT", "text")),
            node_name=env.get("NEWSFLOW_NODE_NAME") or socket.gethostname(),
            index_process=env.get("NEWSFLOW_INDEX_PROCESS", "1").lower() in ("1", "true", "yes"),
            text_processes=int(env.get("NEWSFLOW_TEXT_PROCESSES", str(_default_text_processes()))),
            search_replica=Path(env["NEWSFLOW_SEARCH_REPLICA"]) if env.get("NEWSFLOW_SEARCH_REPLICA") else None,
        )


def _default_text_processes() -> int:
    cpus = os.cpu_count() or 1
    return 0 if cpus < 2 else min(cpus, 4)


def _category_labels(raw: str) -> tuple[tuple[str, str, str, str], ...]:
    """``name=tr|en|ar`` entries separated by ``;`` (labels may hold commas)."""
    out: list[tuple[str, str, str, str]] = []
    for entry in (e.strip() for e in raw.split(";")):
        if not entry:
            continue
        name, sep, labels = entry.partition("=")
        parts = [p.strip() for p in labels.split("|")]
        if not sep or not name.strip() or len(parts) != 3 or not all(parts):
            raise ValueError(f"NEWSFLOW_CATEGORY_LABELS: {entry!r} is not name=tr|en|ar")
        out.append((name.strip(), parts[0], parts[1], parts[2]))
    return tuple(out)


def _networks(raw: str) -> tuple[str, ...]:
    """Addresses and CIDR networks, comma-separated, checked now so a typo fails at start-up."""
    out = []
    for item in (p.strip() for p in raw.split(",")):
        if not item:
            continue
        try:
            out.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError:
            raise ValueError(f"NEWSFLOW_METRICS_ALLOW: {item!r} is not an address or a network") from None
    return tuple(out)


def _log_format(raw: str) -> str:
    value = raw.strip().lower() or "text"
    if value not in ("text", "json"):
        raise ValueError(f"NEWSFLOW_LOG_FORMAT: {raw!r} is not text or json")
    return value


def _persistent_secret(data_dir: Path) -> str:
    """A per-installation secret kept in the data directory, made on first start."""
    import secrets

    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(32)
    path.write_text(value)
    path.chmod(0o600)
    return value
