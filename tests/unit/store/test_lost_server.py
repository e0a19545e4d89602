"""Which database errors mean "the server is unreachable" (503 + Retry-After), and which do not."""

from __future__ import annotations

import sqlalchemy as sa

from newsflow.store.database import _lost_server


def _raised_while_handling(first: BaseException, then: BaseException) -> BaseException:
    try:
        try:
            raise first
        except BaseException:
            raise then  # noqa: B904  (the implicit context is what the store sees)
    except BaseException as exc:
        return exc


def test_a_dropped_connection_and_what_follows_from_it_mean_unreachable() -> None:
    dropped = sa.exc.OperationalError("SELECT 1", {}, Exception("terminating connection"))
    assert _lost_server(dropped)
    assert _lost_server(sa.exc.TimeoutError("pool exhausted"))
    # another member of the same group commit, on the connection the server dropped
    follows = _raised_while_handling(dropped, sa.exc.PendingRollbackError("can't reconnect until rolled back"))
    assert _lost_server(follows)


def test_errors_of_the_request_itself_are_not_an_outage() -> None:
    assert not _lost_server(sa.exc.IntegrityError("INSERT", {}, Exception("duplicate key")))
    assert not _lost_server(sa.exc.PendingRollbackError("inactive transaction"))
    unrelated = _raised_while_handling(ValueError("bad"), sa.exc.PendingRollbackError("inactive transaction"))
    assert not _lost_server(unrelated)
