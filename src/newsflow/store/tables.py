"""Every table newsflow keeps, in one SQLAlchemy ``MetaData`` (Alembic reads it).

Times are stored as naive UTC and come back aware (``UTCDateTime``) so SQLite and
PostgreSQL behave the same. Story versions are stored whole as JSON (the internal codec
of ``newsflow.core.codec``) next to the columns that listings and filters need.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import TypeDecorator

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[datetime]):
    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("uri", sa.String(200), nullable=False, unique=True),
    sa.Column("source_uri", sa.String(400), unique=True),  # ingest: the sender's guid
    sa.Column("status", sa.String(20), nullable=False, index=True),
    sa.Column("language", sa.String(35), nullable=False),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("priority", sa.String(20), nullable=False),
    sa.Column("category", sa.String(60), nullable=False),
    sa.Column("public", sa.Boolean, nullable=False, default=False),
    sa.Column("translation_of", sa.Integer, sa.ForeignKey("stories.id")),
    sa.Column("current_version", sa.Integer, nullable=False, default=0),
    sa.Column("headline", sa.Text, nullable=False),
    sa.Column("draft", sa.Text, nullable=False),
    sa.Column("embargo_until", UTCDateTime, index=True),
    sa.Column("created_by", sa.String(100)),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    # every change to the row adds one: a save names the revision it started from
    sa.Column("revision", sa.Integer, nullable=False, server_default="0"),
)

story_versions = sa.Table(
    "story_versions",
    metadata,
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id"), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("versioncreated", UTCDateTime, nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("created_by", sa.String(100)),  # who published this version (None: ingest, the clock)
)

flow_log = sa.Table(
    "flow_log",
    metadata,
    sa.Column("seq", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=False),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id"), nullable=False, index=True),
    sa.Column("uri", sa.String(200), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("priority", sa.String(20), nullable=False),
    sa.Column("category", sa.String(60), nullable=False),
    sa.Column("language", sa.String(35), nullable=False),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("public", sa.Boolean, nullable=False),
    sa.Column("created", UTCDateTime, nullable=False),
)

# Where each durable follower of the flow log has got to (``store.cursors``): the last
# seq it finished, moved in the same transaction as the follower's own writes.
follower_cursors = sa.Table(
    "follower_cursors",
    metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("seq", sa.BigInteger().with_variant(sa.Integer, "sqlite"), nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

# PostgreSQL's commit-order counter for flow_log.seq (one row, id 1): the append's
# UPDATE of this row locks it until COMMIT, so numbers are handed out in commit order
# (``store.flow_log``). SQLite numbers from max(seq) under its single writer instead.
flow_counter = sa.Table(
    "flow_counter",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("seq", sa.BigInteger().with_variant(sa.Integer, "sqlite"), nullable=False),
)

idempotency_keys = sa.Table(
    "idempotency_keys",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("story_id", sa.Integer, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("response", sa.Text, nullable=False),
    sa.Column("created", UTCDateTime, nullable=False),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(100), nullable=False, unique=True),
    sa.Column("role", sa.String(20), nullable=False),  # admin | editor | subscriber
    sa.Column("display_name", sa.String(200)),
    sa.Column("password_hash", sa.String(200)),
    sa.Column("token_hash", sa.String(64), unique=True),  # editors' API tokens (sha256)
    sa.Column("subscriber_id", sa.Integer, sa.ForeignKey("subscribers.id")),
    sa.Column("ui_language", sa.String(8), nullable=False, default="en"),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("failed_logins", sa.Integer, nullable=False, default=0),
    sa.Column("locked_until", UTCDateTime),
    sa.Column("session_epoch", sa.Integer, nullable=False, default=0, server_default="0"),  # moves: logins end
    sa.Column("created_at", UTCDateTime, nullable=False),
)

packages = sa.Table(
    "packages",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("categories", sa.Text, nullable=False, default="[]"),
    sa.Column("languages", sa.Text, nullable=False, default="[]"),
    sa.Column("types", sa.Text, nullable=False, default="[]"),
    sa.Column("priorities", sa.Text, nullable=False, default="[]"),
)

subscribers = sa.Table(
    "subscribers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("deleted", sa.Boolean, nullable=False, default=False),
    sa.Column("packages", sa.Text, nullable=False, default="[]"),  # package names
    sa.Column("categories", sa.Text, nullable=False, default="[]"),
    sa.Column("languages", sa.Text, nullable=False, default="[]"),
    sa.Column("types", sa.Text, nullable=False, default="[]"),
    sa.Column("priorities", sa.Text, nullable=False, default="[]"),
    sa.Column("archive_days", sa.Integer),
    sa.Column("download_limit", sa.Integer),
    sa.Column("ip_ranges", sa.Text, nullable=False, default="[]"),
    sa.Column("expires_at", UTCDateTime),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    # 0012: the media renditions (sizes) the subscriber may download; empty: all
    sa.Column("renditions", sa.Text, nullable=False, default="[]", server_default="[]"),
)

api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("subscriber_id", sa.Integer, sa.ForeignKey("subscribers.id"), nullable=False, index=True),
    sa.Column("prefix", sa.String(16), nullable=False),
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("label", sa.String(100)),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("revoked_at", UTCDateTime),
)

downloads = sa.Table(
    "downloads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("subscriber_id", sa.Integer, sa.ForeignKey("subscribers.id"), nullable=False),
    sa.Column("story_id", sa.Integer, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("format", sa.String(20), nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Index("ix_downloads_subscriber_at", "subscriber_id", "at"),
)

webhooks = sa.Table(
    "webhooks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("subscriber_id", sa.Integer, sa.ForeignKey("subscribers.id"), nullable=False, index=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("secret", sa.String(200), nullable=False),
    sa.Column("format", sa.String(20), nullable=False, default="ninjs"),
    sa.Column("filters", sa.Text, nullable=False, default="{}"),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("cursor", sa.BigInteger, nullable=False, default=0),  # last seq delivered
    sa.Column("created_at", UTCDateTime, nullable=False),
)

webhook_attempts = sa.Table(
    "webhook_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("webhook_id", sa.Integer, sa.ForeignKey("webhooks.id"), nullable=False, index=True),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("attempt", sa.Integer, nullable=False),
    sa.Column("status_code", sa.Integer),
    sa.Column("error", sa.Text),
    sa.Column("at", UTCDateTime, nullable=False),
)

webhook_dead_letters = sa.Table(
    "webhook_dead_letters",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("webhook_id", sa.Integer, sa.ForeignKey("webhooks.id"), nullable=False, index=True),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("last_error", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("replayed_at", UTCDateTime),
)

leads = sa.Table(
    "leads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("organisation", sa.String(200), nullable=False),
    sa.Column("contact_name", sa.String(200), nullable=False),
    sa.Column("email", sa.String(254), nullable=False),
    sa.Column("country", sa.String(100)),
    sa.Column("languages", sa.Text, nullable=False, default="[]"),
    sa.Column("categories", sa.Text, nullable=False, default="[]"),
    sa.Column("message", sa.Text),
    sa.Column("ui_language", sa.String(8)),
    sa.Column("status", sa.String(20), nullable=False, default="new"),
    sa.Column("subscriber_id", sa.Integer, sa.ForeignKey("subscribers.id")),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

media = sa.Table(
    "media",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("uri", sa.String(200), nullable=False, unique=True),
    sa.Column("caption", sa.Text),
    sa.Column("byline", sa.String(200)),
    sa.Column("renditions", sa.Text, nullable=False, default="[]"),
    sa.Column("created_at", UTCDateTime, nullable=False),
    # 0012: graphics and video beside photos, a background job's state, the rest as JSON
    sa.Column("type", sa.String(20), nullable=False, default="picture", server_default="picture"),
    sa.Column("status", sa.String(20), nullable=False, default="ready", server_default="ready"),
    sa.Column("error", sa.Text),
    sa.Column("details", sa.Text, nullable=False, default="{}", server_default="{}"),
)

saved_filters = sa.Table(
    "saved_filters",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False, index=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("filters", sa.Text, nullable=False),
    sa.Column("alert", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("email", sa.String(254)),  # e-mail alerts go here (NULL: none; unsubscribing clears it)
)

# What a wire user has read: the version last opened, per story (an update or correction
# of a story read at an older version is shown as such).
story_reads = sa.Table(
    "story_reads",
    metadata,
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), primary_key=True),
    sa.Column("story_id", sa.Integer, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("read_at", UTCDateTime, nullable=False),
)

# E-mail alerts for saved topics: one row per (topic, story) to tell; "immediate" rows
# (flash, urgent) go out one by one, "digest" rows are gathered per user. Rows wait
# (pending, next_attempt_at) while the SMTP server is down.
alert_outbox = sa.Table(
    "alert_outbox",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("user_id", sa.Integer, nullable=False),
    sa.Column("filter_id", sa.Integer, nullable=False),
    sa.Column("email", sa.String(254), nullable=False),
    sa.Column("story_id", sa.Integer, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("seq", sa.BigInteger().with_variant(sa.Integer, "sqlite"), nullable=False),
    sa.Column("headline", sa.Text, nullable=False),
    sa.Column("priority", sa.String(20), nullable=False),
    sa.Column("language", sa.String(35), nullable=False),
    sa.Column("kind", sa.String(10), nullable=False),  # immediate | digest
    sa.Column("status", sa.String(10), nullable=False),  # pending | sent | dropped
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("next_attempt_at", UTCDateTime, nullable=False),
    sa.Column("last_error", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("sent_at", UTCDateTime),
    sa.Index("ix_alert_outbox_status_next_attempt_at", "status", "next_attempt_at"),
    sa.Index("ix_alert_outbox_user_id_sent_at", "user_id", "sent_at"),
)

# The last flow seq the alerts have turned into outbox rows (one row, id 1).
alert_cursor = sa.Table(
    "alert_cursor",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("seq", sa.BigInteger().with_variant(sa.Integer, "sqlite"), nullable=False),
)

# The agency-compatible API: each user's last accepted request (minimum interval, all nodes).
compat_calls = sa.Table(
    "compat_calls",
    metadata,
    sa.Column("user_key", sa.String(64), primary_key=True),
    sa.Column("last_at", UTCDateTime, nullable=False),
)

rate_hits = sa.Table(  # PostgreSQL only in use (store/rate_hits.py); SQLite limits in process
    "rate_hits",
    metadata,
    sa.Column("key", sa.String(120), primary_key=True),
    sa.Column("hits", sa.Text().with_variant(postgresql.ARRAY(sa.Float(53)), "postgresql"), nullable=False),
)
