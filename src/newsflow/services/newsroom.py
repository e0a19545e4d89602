"""The newsroom use cases: write, publish, update, correct, withdraw, release embargoes.

Every state change is one transaction: the version, the story row and the flow entry
commit together. What happens next (waking streams, indexing, cache invalidation) is
run by the listeners after the commit, never before.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from typing import Any

import sqlalchemy as sa

from newsflow.config import Settings
from newsflow.core import workflow
from newsflow.core.clock import Clock, utcnow
from newsflow.core.codec import content_to_dict
from newsflow.core.editing import build_content
from newsflow.core.flow import FlowEntry
from newsflow.core.story import (
    Action,
    Association,
    MediaRole,
    StoryContent,
    StoryStatus,
    StoryVersion,
)
from newsflow.errors import Conflict, InvalidInput, NotFound, PreconditionFailed
from newsflow.store import flow_log
from newsflow.store import stories as story_store
from newsflow.store.database import Database, Tx
from newsflow.store.tables import idempotency_keys

Listener = Callable[[FlowEntry, StoryVersion], None]
Enricher = Callable[[StoryContent], StoryContent]


@dataclass(frozen=True, slots=True)
class Outcome:
    id: int
    uri: str
    version: int
    status: str
    seq: int | None = None
    revision: int | None = None  # a saved draft's new revision (for the next conditional save)

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.id, "uri": self.uri, "version": self.version, "status": self.status, "seq": self.seq}
        if self.revision is not None:
            out["revision"] = self.revision
        return out


class Newsroom:
    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        clock: Clock = utcnow,
        listeners: Sequence[Listener] = (),
        enricher: Enricher | None = None,
        on_schedule: Callable[[], None] | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        self.listeners = list(listeners)
        self.enricher = enricher
        self.on_schedule = on_schedule

    # -- writing ---------------------------------------------------------------------------
    def content_from(self, fields: Mapping[str, Any], base: StoryContent | None = None) -> StoryContent:
        content = build_content(
            fields,
            categories=self.settings.categories,
            max_body_bytes=self.settings.max_body_bytes,
            base=base,
        )
        if "public" not in fields and base is None and self._public_by_default(content):
            content = content.with_changes(public=True)
        return content

    def _public_by_default(self, content: StoryContent) -> bool:
        rules = self.settings.public_by_default
        return content.category in rules or f"{content.category}:{content.priority.value}" in rules

    def create(
        self,
        fields: Mapping[str, Any],
        *,
        publish: bool = False,
        created_by: str | None = None,
        idempotency_key: str | None = None,
        source_uri: str | None = None,
        associations: Sequence[Association] = (),
    ) -> Outcome:
        content = self.content_from(fields)
        if associations:
            content = content.with_changes(associations=tuple(associations))
        if publish:
            content = self._enrich(content)
        now = self.clock()
        where: dict[str, Any] = {
            "agency": self.settings.agency, "now": now, "created_by": created_by, "source_uri": source_uri,
        }
        if publish and not idempotency_key:
            # Without a key to remember, a publish is one statement (story, version, flow
            # entry), and concurrent ones share a commit on SQLite (``write_grouped``).
            return self.db.write_grouped(self._publish_new(content, now, where))
        with self.db.write() as tx:
            if idempotency_key and (done := self._replay(tx, idempotency_key)):
                return done
            if not publish:
                state = story_store.create(tx, content, **where)
                return Outcome(state.story_id, state.uri, 0, StoryStatus.DRAFT.value, revision=0)
            transition, entry = story_store.create_published(
                tx, content, lambda state: workflow.publish(state, now), **where
            )
            outcome = self._announce(tx, transition, entry)
            self._remember(tx, idempotency_key, outcome, now)
            return outcome

    async def publish_async(self, fields: Mapping[str, Any], *, created_by: str | None = None) -> Outcome:
        """``create(fields, publish=True, created_by=...)`` from the event loop, where
        ``db.writes_from_loop``: no idempotency key, no media. The same steps; the
        suggestions are awaited (``_enrich_async``) and the commit is the writer
        thread's (``write_grouped_async``), so no thread of the caller's waits on either."""
        content = await self._enrich_async(self.content_from(fields))
        now = self.clock()
        where = {"agency": self.settings.agency, "now": now, "created_by": created_by, "source_uri": None}
        return await self.db.write_grouped_async(self._publish_new(content, now, where))

    def _publish_new(self, content: StoryContent, now: datetime, where: dict[str, Any]) -> Callable[[Tx], Outcome]:
        """A new story published at once: the statements and their announcement."""

        def publish_new(tx: Tx) -> Outcome:
            transition, entry = story_store.create_published(
                tx, content, lambda state: workflow.publish(state, now), **where
            )
            return self._announce(tx, transition, entry)

        return publish_new

    def edit_draft(
        self, story_id: int, fields: Mapping[str, Any], *, expected_revision: int | None = None
    ) -> Outcome:
        """Save a draft. With ``expected_revision`` (the revision the editor started
        from), a draft changed by someone else since then is not overwritten:
        ``PreconditionFailed`` carries the stored draft and the refused fields."""
        now = self.clock()
        with self.db.write() as tx:
            state = story_store.state(tx.conn, story_id, self.settings.agency)
            if state.status is not StoryStatus.DRAFT:
                raise Conflict(
                    f"story {story_id} is {state.status.value}; use update or correct", field="status"
                )
            if expected_revision is not None and expected_revision != state.revision:
                raise self._stale(state, fields)
            content = self.content_from(fields, base=state.draft)
            revision = story_store.save_draft(tx, story_id, content, now, expected=state.revision)
            if revision is None:  # another node saved between our read and our write
                raise self._stale(story_store.state(tx.conn, story_id, self.settings.agency), fields)
            return Outcome(story_id, state.uri, 0, StoryStatus.DRAFT.value, revision=revision)

    @staticmethod
    def _stale(state: workflow.StoryState, fields: Mapping[str, Any]) -> PreconditionFailed:
        return PreconditionFailed(
            f"story {state.story_id} was changed by someone else (now revision {state.revision}); "
            "nothing was saved",
            field="revision",
            details={
                "current": {"revision": state.revision, "draft": content_to_dict(state.draft)},
                "submitted": {k: v for k, v in fields.items() if isinstance(v, str | int | list | bool | None)},
            },
        )

    def publish(self, story_id: int, *, idempotency_key: str | None = None, by: str | None = None) -> Outcome:
        now = self.clock()
        with self.db.read() as conn:
            draft = story_store.state(conn, story_id, self.settings.agency).draft
        enriched = self._enrich(draft)
        with self.db.write() as tx:
            if idempotency_key and (done := self._replay(tx, idempotency_key)):
                return done

            def step(state: workflow.StoryState) -> workflow.Transition:
                if state.status is StoryStatus.DRAFT and state.draft == draft:
                    state = workflow.StoryState(
                        state.story_id, state.uri, state.status, enriched, state.latest, state.provider, state.revision
                    )
                return workflow.publish(state, now)

            outcome = self._transition(tx, story_id, now, step, by=by)
            self._remember(tx, idempotency_key, outcome, now)
            return outcome

    def revise(
        self,
        story_id: int,
        action: Action,
        fields: Mapping[str, Any] | None = None,
        *,
        note: str | None = None,
        idempotency_key: str | None = None,
        by: str | None = None,
    ) -> Outcome:
        if note is not None and not isinstance(note, str):
            raise InvalidInput("note must be a string", field="note")
        now = self.clock()
        with self.db.write() as tx:
            if idempotency_key and (done := self._replay(tx, idempotency_key)):
                return done

            def step(state: workflow.StoryState) -> workflow.Transition:
                base = state.latest.content if state.latest else state.draft
                content = base if action is Action.WITHDRAW else self.content_from(fields or {}, base=base)
                if content.public and not (fields or {}).get("abbreviation") and content.body_html != base.body_html:
                    # the old abbreviation may quote text the new body no longer has
                    content = content.with_changes(abbreviation=None)
                if action is not Action.WITHDRAW:
                    content = self._enrich(content)
                return workflow.revise(state, content, action, now, note)

            outcome = self._transition(tx, story_id, now, step, by=by)
            self._remember(tx, idempotency_key, outcome, now)
            return outcome

    def release_due(self) -> list[Outcome]:
        """Release every embargoed story whose time has come (any node may call this)."""
        now = self.clock()
        with self.db.read() as conn:
            due = story_store.due_embargoes(conn, now)
        released = []
        for story_id in due:
            with self.db.write() as tx:
                state = story_store.state(tx.conn, story_id, self.settings.agency, for_update=True)
                transition = workflow.release(state, now)
                if transition is None:  # another node released it, or it was withdrawn
                    continue
                released.append(self._apply(tx, transition, now, previous_version=state.latest.version if state.latest else 0))
        return released

    # -- reading ---------------------------------------------------------------------------
    def version(self, story_id: int, version: int | None = None) -> StoryVersion:
        with self.db.read() as conn:
            return story_store.get_version(conn, story_id, version)

    def versions(self, story_id: int) -> list[StoryVersion]:
        with self.db.read() as conn:
            return story_store.list_versions(conn, story_id)

    def preview(self, story_id: int) -> StoryVersion:
        """What publishing would send now: a draft as its first version (with the
        suggestions publishing fills in), or the latest version of a published story.
        Nothing is stored; the version is never cached or announced."""
        now = self.clock()
        state = self.state(story_id)
        if state.status is not StoryStatus.DRAFT and state.latest is not None:
            return state.latest
        return StoryVersion(
            story_id=state.story_id, uri=state.uri, version=1, content=self._enrich(state.draft),
            firstcreated=now, versioncreated=now, provider=state.provider,
        )

    def history(self, story_id: int) -> list[tuple[StoryVersion, str | None]]:
        """Every published version, oldest first, with who published it."""
        with self.db.read() as conn:
            return story_store.history(conn, story_id)

    def find_originals(self, words: str, *, exclude: int | None = None, limit: int = 10) -> list[dict[str, Any]]:
        """Stories an editor may link a translation to, found by words of their headline."""
        words = words.strip()
        if not words:
            return []
        with self.db.read() as conn:
            rows = story_store.find_by_headline(conn, words[:200], limit=limit, exclude=exclude)
        return [{"id": r.id, "headline": r.headline, "language": r.language, "status": r.status} for r in rows]

    def translation_group(self, story_id: int) -> list[Any]:
        """The story, the one it translates, and every other translation of that one (rows)."""
        with self.db.read() as conn:
            return story_store.translation_group(conn, story_id)

    def newest_entries(self, before: int | None, limit: int) -> list[tuple[FlowEntry, str]]:
        """Up to ``limit`` flow entries below ``before`` (all when None), newest first, each
        with its version's headline (the desk's flow page; seqs are contiguous from 1)."""
        with self.db.read() as conn:
            last = flow_log.last_seq(conn) + 1
            top = last if before is None else min(before, last)
            start = max(0, top - 1 - limit)
            entries = [e for e in flow_log.read_after(conn, start, limit) if e.seq < top]
            rows = []
            for entry in reversed(entries):
                try:
                    headline = story_store.get_version(conn, entry.story_id, entry.version).headline
                except NotFound:
                    headline = ""
                rows.append((entry, headline))
        return rows

    def state(self, story_id: int) -> workflow.StoryState:
        with self.db.read() as conn:
            return story_store.state(conn, story_id, self.settings.agency)

    # -- internals -------------------------------------------------------------------------
    def _enrich(self, content: StoryContent) -> StoryContent:
        return self.enricher(content) if self.enricher else content

    async def _enrich_async(self, content: StoryContent) -> StoryContent:
        """``_enrich`` awaited: through the enricher's own ``enrich_async`` where it has one
        (the text worker pool reads its answer on the loop), else in a thread. Derived from
        ``enricher`` at each call, so replacing the enricher changes both paths."""
        enricher = self.enricher
        if enricher is None:
            return content
        awaited: Callable[[StoryContent], Awaitable[StoryContent]] | None = getattr(enricher, "enrich_async", None)
        if awaited is not None:
            return await awaited(content)
        return await asyncio.to_thread(enricher, content)

    def _transition(
        self,
        tx: Tx,
        story_id: int,
        now: datetime,
        step: Callable[[workflow.StoryState], workflow.Transition],
        *,
        by: str | None = None,
    ) -> Outcome:
        state = story_store.state(tx.conn, story_id, self.settings.agency, for_update=True)
        previous = state.latest.version if state.latest else 0
        return self._apply(tx, step(state), now, previous_version=previous, by=by)

    def _apply(
        self, tx: Tx, transition: workflow.Transition, now: datetime, *, previous_version: int,
        by: str | None = None,
    ) -> Outcome:
        entry = story_store.apply(tx, transition, now, previous_version=previous_version, by=by)
        return self._announce(tx, transition, entry)

    def _announce(self, tx: Tx, transition: workflow.Transition, entry: FlowEntry | None) -> Outcome:
        """Tell the listeners after commit (or reschedule the embargo clock)."""
        version = transition.version
        if entry is not None:
            for listener in self.listeners:
                tx.after_commit(partial(listener, entry, version))
        elif transition.status is StoryStatus.EMBARGOED and self.on_schedule is not None:
            tx.after_commit(self.on_schedule)
        return Outcome(
            version.story_id, version.uri, version.version, transition.status.value,
            entry.seq if entry else None,
        )

    def _replay(self, tx: Tx, key: str) -> Outcome | None:
        stored = tx.conn.execute(
            sa.select(idempotency_keys.c.response).where(idempotency_keys.c.key == key)
        ).scalar()
        return Outcome(**json.loads(stored)) if stored else None

    def _remember(self, tx: Tx, key: str | None, outcome: Outcome, now: datetime) -> None:
        if key:
            tx.conn.execute(
                idempotency_keys.insert().values(
                    key=key, story_id=outcome.id, version=outcome.version,
                    response=json.dumps(outcome.to_dict()), created=now,
                )
            )

    # -- media ---------------------------------------------------------------------------
    def attach_photo(self, story_id: int, association: Association) -> Outcome:
        """Attach a stored photo to a draft (re-attaching the same uri replaces it)."""
        if self.state(story_id).status is not StoryStatus.DRAFT:
            raise Conflict(f"story {story_id} is not a draft; use /media to add media to it", field="status")
        return self.add_media(story_id, association)

    def add_media(
        self, story_id: int, association: Association, *, idempotency_key: str | None = None, by: str | None = None
    ) -> Outcome:
        """Carry a media item (again: replaced in place); a published story gets a new version."""
        return self._change_media(story_id, lambda current: with_media(current, association), idempotency_key, by)

    def remove_media(self, story_id: int, uri: str, *, idempotency_key: str | None = None) -> Outcome:
        def change(current: tuple[Association, ...]) -> tuple[Association, ...]:
            if not any(a.uri == uri for a in current):
                raise NotFound("the story does not carry this media item", field="media_id")
            return tuple(a for a in current if a.uri != uri)

        return self._change_media(story_id, change, idempotency_key)

    def _change_media(
        self,
        story_id: int,
        change: Callable[[tuple[Association, ...]], tuple[Association, ...]],
        idempotency_key: str | None,
        by: str | None = None,
    ) -> Outcome:
        """On a draft, edit it; on a published (or held) story, publish an update of it."""
        now = self.clock()
        with self.db.write() as tx:
            if idempotency_key and (done := self._replay(tx, idempotency_key)):
                return done
            state = story_store.state(tx.conn, story_id, self.settings.agency, for_update=True)
            if state.status is StoryStatus.DRAFT:
                draft = state.draft.with_changes(associations=change(state.draft.associations))
                revision = story_store.save_draft(tx, story_id, draft, now)
                return Outcome(story_id, state.uri, 0, StoryStatus.DRAFT.value, revision=revision)
            base = state.latest.content if state.latest else state.draft
            content = base.with_changes(associations=change(base.associations))
            transition = workflow.revise(state, content, Action.UPDATE, now)
            previous = state.latest.version if state.latest else 0
            outcome = self._apply(tx, transition, now, previous_version=previous, by=by)
            self._remember(tx, idempotency_key, outcome, now)
            return outcome


def with_media(current: tuple[Association, ...], association: Association) -> tuple[Association, ...]:
    """``current`` carrying ``association``: in place if already there, the lead first.

    A story has one lead: a new lead makes the previous one inline.
    """
    is_lead = association.role is MediaRole.LEAD
    out = []
    for a in current:
        if a.uri == association.uri:
            continue
        if is_lead and a.role is MediaRole.LEAD:
            a = replace(a, role=MediaRole.INLINE)
        out.append(a)
    if is_lead:
        return (association, *out)
    position = next((i for i, a in enumerate(current) if a.uri == association.uri), None)
    if position is not None:
        out.insert(min(position, len(out)), association)
        return tuple(out)
    return (*out, association)
