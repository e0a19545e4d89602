"""The agency-compatible subscriber API at ``/abone/`` (HTTP Basic, JSON envelope).

``routes`` is the HTTP edge (``downloads`` adds documents, pictures and signed links); ``ids`` maps agency ids to stories, ``vocab`` holds the
numeric discover vocabularies, ``signing`` makes the 24-hour download links. The use
cases (minimum interval, entitlement-filtered search) live in ``services.compat``.
"""

from newsflow.web.abone import downloads as _downloads  # noqa: F401  (its routes join ``router``)
from newsflow.web.abone.routes import router

__all__ = ["router"]
