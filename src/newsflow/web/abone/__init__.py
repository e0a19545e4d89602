"""The agency-compatible subscriber API at ``/abone/`` (HTTP Basic, JSON envelope).

``routes`` is the HTTP edge; ``ids`` maps agency ids to stories, ``vocab`` holds the
numeric discover vocabularies, ``signing`` makes the 24-hour download links. The use
cases (minimum interval, entitlement-filtered search) live in ``services.compat``.
"""

from newsflow.web.abone.routes import router

__all__ = ["router"]
