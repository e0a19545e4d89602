"""The flow entry: one line of the ordered, durable flow log.

Every publish, update, correction, withdrawal and embargo release appends exactly one
entry, committed with the version it announces. Delivery channels read nothing else to
decide *what* to send; they load the version (rendered once) to decide *what bytes*.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsflow.core.story import Action, ContentType, Priority


@dataclass(frozen=True, slots=True)
class FlowEntry:
    seq: int
    story_id: int
    uri: str
    version: int
    action: Action
    priority: Priority
    category: str
    language: str
    type: ContentType
    public: bool
    created: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "id": self.story_id,
            "uri": self.uri,
            "version": self.version,
            "action": self.action.value,
            "priority": self.priority.value,
            "category": self.category,
            "language": self.language,
            "type": self.type.value,
            "public": self.public,
            "time": self.created.isoformat(),
        }
