"""Load the demo stories through the newsroom, exactly as an editor would."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from newsflow.core.story import Action
from newsflow.demo.stories import STORIES
from newsflow.services.newsroom import Newsroom


def load_demo(newsroom: Newsroom) -> dict[str, int]:
    """Publish every demo story (and its later versions); returns key → story id."""
    ids: dict[str, int] = {}
    for story in STORIES:
        fields: dict[str, Any] = {
            k: v for k, v in story.items() if k not in ("key", "then", "translation_of", "embargo_minutes")
        }
        if "translation_of" in story:
            fields["translation_of"] = ids[story["translation_of"]]
        if "embargo_minutes" in story:
            fields["embargoed"] = (newsroom.clock() + timedelta(minutes=story["embargo_minutes"])).isoformat()
        outcome = newsroom.create(fields, publish=True, created_by="demo")
        ids[story["key"]] = outcome.id
        for step in story.get("then", ()):
            _apply(newsroom, outcome.id, fields, step)
    return ids


def _apply(newsroom: Newsroom, story_id: int, fields: dict[str, Any], step: dict[str, Any]) -> None:
    action = Action(step["action"])
    if action is Action.WITHDRAW:
        newsroom.revise(story_id, action, note=step["reason"])
        return
    body = fields["body"]
    if "body_append" in step:
        body = body + "\n\n" + step["body_append"]
    if "replace" in step:
        old, new = step["replace"]
        body = body.replace(old, new)
    changes: dict[str, Any] = {"body": body}
    if "headline" in step:
        changes["headline"] = step["headline"]
    newsroom.revise(story_id, action, changes, note=step.get("note"))
