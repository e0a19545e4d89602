"""FlowFilters: what a reader of the flow asked for (categories, languages, priorities,
types), narrowed by what its entitlement allows. Used by the cursor feed, the streams,
webhooks and the wire alike."""

from __future__ import annotations

from dataclasses import dataclass

from newsflow.core.entitlements import Entitlement


@dataclass(frozen=True, slots=True)
class FlowFilters:
    categories: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    types: tuple[str, ...] = ()

    def narrowed(self, ent: Entitlement | None) -> FlowFilters | None:
        """Intersect the request's filters with an entitlement; None if nothing can match."""
        if ent is None:
            return self
        out = []
        for asked, allowed in (
            (self.categories, ent.categories),
            (self.languages, ent.languages),
            (self.priorities, ent.priorities),
            (self.types, ent.types),
        ):
            if not allowed:
                out.append(asked)
            elif not asked:
                out.append(tuple(sorted(allowed)))
            else:
                both = tuple(a for a in asked if a in allowed)
                if not both:
                    return None
                out.append(both)
        return FlowFilters(*out)
