"""Newsroom workflow transitions, as pure functions of (story state, command, time).

Each transition returns the next immutable ``StoryVersion`` and the flow action it
announces (``None`` while an embargo holds it back). Storage applies the result in one
transaction; nothing here knows about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsflow.core.story import (
    Action,
    PubStatus,
    StoryContent,
    StoryStatus,
    StoryVersion,
)
from newsflow.errors import Conflict, InvalidInput


@dataclass(frozen=True, slots=True)
class StoryState:
    """What the workflow needs to know about a story to decide the next step."""

    story_id: int
    uri: str
    status: StoryStatus
    draft: StoryContent
    latest: StoryVersion | None
    provider: str
    revision: int = 0  # the stored row's change counter (conflict checks on drafts)


@dataclass(frozen=True, slots=True)
class Transition:
    version: StoryVersion
    status: StoryStatus
    action: Action | None  # None: held by an embargo, announced on release


def _held(content: StoryContent, now: datetime) -> bool:
    return content.embargoed is not None and content.embargoed > now


def publish(state: StoryState, now: datetime) -> Transition:
    """First publication of a draft (or scheduling it behind its embargo)."""
    if state.status is not StoryStatus.DRAFT:
        raise Conflict(f"story {state.story_id} is already {state.status.value}", field="status")
    version = StoryVersion(
        story_id=state.story_id,
        uri=state.uri,
        version=1,
        content=state.draft,
        firstcreated=now,
        versioncreated=now,
        signal=Action.PUBLISH,
        provider=state.provider,
    )
    if _held(state.draft, now):
        return Transition(version, StoryStatus.EMBARGOED, None)
    return Transition(version, StoryStatus.PUBLISHED, Action.PUBLISH)


def revise(
    state: StoryState,
    content: StoryContent,
    action: Action,
    now: datetime,
    note: str | None = None,
) -> Transition:
    """A new version of a published story: update, correction or withdrawal."""
    if state.latest is None or state.status is StoryStatus.DRAFT:
        raise Conflict(f"story {state.story_id} has not been published", field="status")
    if state.status is StoryStatus.WITHDRAWN:
        raise Conflict(f"story {state.story_id} is withdrawn", field="status")
    if action is Action.PUBLISH:
        raise InvalidInput("use publish for a first publication", field="action")
    if action in (Action.CORRECT, Action.WITHDRAW) and not (note and note.strip()):
        field = "note" if action is Action.CORRECT else "reason"
        raise InvalidInput(f"a {action.value} needs a {field}", field=field)
    previous = state.latest
    if action is Action.WITHDRAW:
        # A withdrawal is a notice, not a copy of the story: no body, no public text and
        # no photos travel with it, so no channel can hand out what was withdrawn.
        content = content.with_changes(body_html="", abbreviation=None, description=None, associations=())
    version = StoryVersion(
        story_id=state.story_id,
        uri=state.uri,
        version=previous.version + 1,
        content=content,
        firstcreated=previous.firstcreated,
        versioncreated=now,
        pubstatus=PubStatus.CANCELED if action is Action.WITHDRAW else PubStatus.USABLE,
        signal=action,
        ed_note=note.strip() if note else None,
        provider=state.provider,
        translations=previous.translations,
    )
    if action is Action.WITHDRAW:
        # A withdrawal is announced at once, even under embargo: a held story that is
        # withdrawn must never be released later.
        return Transition(version, StoryStatus.WITHDRAWN, Action.WITHDRAW)
    if state.status is StoryStatus.EMBARGOED and _held(content, now):
        return Transition(version, StoryStatus.EMBARGOED, None)
    status_action = Action.PUBLISH if state.status is StoryStatus.EMBARGOED else action
    return Transition(version, StoryStatus.PUBLISHED, status_action)


def release(state: StoryState, now: datetime) -> Transition | None:
    """Release an embargoed story whose time has come; ``None`` if not yet due."""
    if state.status is not StoryStatus.EMBARGOED or state.latest is None:
        return None
    if _held(state.latest.content, now):
        return None
    return Transition(state.latest, StoryStatus.PUBLISHED, Action.PUBLISH)
