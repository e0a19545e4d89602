"""The ``newsflow`` command: thin commands over the services.

Errors from the domain are printed as one clear line and exit with status 2.
"""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console

from newsflow.config import Settings
from newsflow.errors import InvalidInput, NewsflowError
from newsflow.listing import Column, print_rows

if TYPE_CHECKING:
    from newsflow.search.follower import FollowedIndex
    from newsflow.wiring import Services

app = typer.Typer(help="newsflow: a news agency's news flow system.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
stories_app = typer.Typer(help="Stories.", no_args_is_help=True)
flow_app = typer.Typer(help="The flow log.", no_args_is_help=True)
users_app = typer.Typer(help="Admins, editors and their tokens.", no_args_is_help=True)
subscribers_app = typer.Typer(help="Subscriber organisations and their credentials.", no_args_is_help=True)
usage_app = typer.Typer(help="Download usage.", no_args_is_help=True)
leads_app = typer.Typer(help="Subscription requests from the public site.", no_args_is_help=True)
app.add_typer(leads_app, name="leads")
for sub, name in (
    (db_app, "db"), (stories_app, "stories"), (flow_app, "flow"), (users_app, "users"),
    (subscribers_app, "subscribers"), (usage_app, "usage"),
):
    app.add_typer(sub, name=name)

console = Console()
err = Console(stderr=True)
# Every command that lists things prints a table at a terminal, tab-separated lines in a
# pipe, and JSON with --json (newsflow.listing).
JsonOption = Annotated[bool, typer.Option("--json", help="print the rows as JSON")]
F = TypeVar("F", bound=Callable[..., Any])


def friendly(fn: F) -> F:
    """Print domain errors as a message instead of a traceback."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except NewsflowError as exc:
            where = f" ({exc.field})" if exc.field else ""
            err.print(f"[red]error{where}:[/red] {exc.detail}")
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _services(migrate: bool = True) -> Services:
    from newsflow.wiring import build_services

    return build_services(Settings.from_env(), migrate=migrate)


@app.command()
@friendly
def serve(
    host: Annotated[str | None, typer.Option(help="default NEWSFLOW_HOST or 127.0.0.1")] = None,
    port: Annotated[int | None, typer.Option(help="default NEWSFLOW_PORT or 8000")] = None,
    demo: Annotated[bool, typer.Option("--demo", help="load the demo stories into an empty database")] = False,
    wait_for_services: Annotated[bool, typer.Option(
        "--wait-for-services", help="wait until the database and NATS answer instead of exiting",
    )] = False,
    workers: Annotated[int, typer.Option(
        min=1, envvar="NEWSFLOW_WORKERS", help="worker processes on this node (more than one needs PostgreSQL)")] = 1,
) -> None:
    """Start the HTTP server."""
    from newsflow.web import logs

    settings = Settings.from_env()
    where = f"http://{host or settings.host}:{port or settings.port}"
    if workers > 1:
        check_workers_backend(settings, workers)
    logs.configure(settings.log_format)
    check_services(settings, wait=wait_for_services)
    if workers > 1:
        # Migrate once, before any worker starts; each worker then builds its own services
        # (its own hub, fed by PostgreSQL NOTIFY and NATS like any other node): web/workers.py
        if demo:
            _load_demo_if_empty(_services())
        else:
            _migrate(settings)
        console.print(f"newsflow serving on {where} with {workers} workers  (data: {settings.data_dir})")
        from newsflow.web.workers import WorkerFailed, run_workers

        try:
            run_workers(host or settings.host, port or settings.port, workers)
        except WorkerFailed as exc:
            err.print(f"[red]error:[/red] {exc} (its log is above)")
            raise typer.Exit(1) from None
        return

    import uvicorn

    from newsflow.web.app import create_app
    from newsflow.web.http_server import OneWriteHttp

    services = _services()
    if demo:
        _load_demo_if_empty(services)
    console.print(f"newsflow serving on {where}  (data: {settings.data_dir})")
    application = create_app(settings, services=services)
    freeze_startup_objects()
    uvicorn.run(
        application,
        host=host or settings.host,
        port=port or settings.port,
        log_level="info",
        # JSON lines: every logger (uvicorn's too) goes through newsflow.web.logs
        log_config=None if settings.log_format == "json" else uvicorn.config.LOGGING_CONFIG,
        access_log=False,
        timeout_graceful_shutdown=3,
        http=OneWriteHttp,  # a complete response's head and body in one socket write
    )


def check_services(settings: Settings, *, wait: bool, pause: float = 1.0) -> None:
    """Exit with one line per unreachable dependency (no traceback), or wait for them.

    Waiting says what it waits for, and again whenever the reason changes; it polls every
    ``pause`` seconds, up to 5 s apart, for as long as it takes (a service manager's start
    timeout bounds it).
    """
    import time

    from newsflow.flow.readiness import unreachable

    said: dict[str, str] = {}
    while problems := unreachable(settings.database_url, settings.sqlalchemy_url, settings.nats_url):
        if not wait:
            for problem in problems:
                typer.echo(f"error: {problem.line()}", err=True)
            raise typer.Exit(1)
        for problem in problems:
            if said.get(problem.setting) != problem.why:
                said[problem.setting] = problem.why
                typer.echo(f"waiting: {problem.line()}", err=True)
        time.sleep(pause)
        pause = min(pause * 1.5, 5.0)
    if said:
        typer.echo("the database and NATS answer; starting", err=True)


def check_workers_backend(settings: Settings, workers: int) -> None:
    """Several workers share one database the way several nodes do, which needs PostgreSQL:
    on a SQLite file each worker would deliver every webhook and e-mail alert, and a
    stream on one worker would not hear of another worker's commits."""
    if not settings.sqlalchemy_url.startswith("postgresql"):
        raise InvalidInput(
            f"--workers {workers} needs PostgreSQL (NEWSFLOW_DATABASE_URL=postgresql://...): on SQLite"
            " every worker would send each webhook and alert and streams would miss other workers'"
            " commits; run one worker per SQLite database",
            field="workers",
        )


def freeze_startup_objects() -> None:
    """Move everything built so far (modules, the app, vocabularies, gazetteers) out of
    the garbage collector's reach: it lives as long as the process, and a full
    collection traversing it paused a search for 60-125 ms (docs/performance.md)."""
    gc.collect()
    gc.freeze()


def _load_demo_if_empty(services: Services) -> None:
    from newsflow.demo.loader import load_demo

    if services.stories_list(status=None, limit=1, offset=0):
        console.print("demo: the database already has stories; nothing loaded")
        return
    ids = load_demo(services.newsroom)
    console.print(f"demo: loaded {len(ids)} stories")


@app.command()
@friendly
def demo() -> None:
    """Load the demo stories (into an empty database)."""
    _load_demo_if_empty(_services())


@db_app.command("upgrade")
@friendly
def db_upgrade() -> None:
    """Apply Alembic migrations up to the latest."""
    _migrate(Settings.from_env())
    console.print("database is up to date")


def _migrate(settings: Settings) -> None:
    from newsflow.store.database import Database
    from newsflow.store.migrate import upgrade

    db = Database(settings.sqlalchemy_url)
    try:
        upgrade(db)
        if settings.search_replica is not None and db.dialect == "postgresql":
            from newsflow.search.replica import open_replica

            open_replica(settings.search_replica).dispose()  # the node's search replica too
    finally:
        db.dispose()


@stories_app.command("publish")
@friendly
def stories_publish(file: Path) -> None:
    """Publish a story from a file: ninjs (.json), NewsML-G2 (.xml), or text with a header.

    Text files start with ``Key: value`` lines (headline, language, priority, category,
    dateline, byline, public), then a blank line, then the body. ninjs and NewsML-G2 go
    through ingest: a known guid becomes an update, correction or withdrawal.
    """
    if not file.exists():
        raise InvalidInput(f"{file} does not exist", field="file")
    raw = file.read_bytes()
    services = _services()
    head = raw.lstrip()[:1]
    if file.suffix in (".json", ".xml") or head in (b"{", b"<"):
        from newsflow.services.ingest import parse_document

        media_type = "application/json" if file.suffix == ".json" or head == b"{" else "application/xml"
        results = services.ingest.ingest(parse_document(raw, media_type), by="cli")
        console.print_json(json.dumps([r.to_dict() for r in results]))
        return
    outcome = services.newsroom.create(_fields_from_text(raw), publish=True, created_by="cli")
    console.print_json(json.dumps(outcome.to_dict()))


def _fields_from_text(raw: bytes) -> dict[str, Any]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput("the file is not UTF-8", field="file") from exc
    header, _, body = text.partition("\n\n")
    fields: dict[str, Any] = {"body": body.strip()}
    for line in header.splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            raise InvalidInput(f"header line {line!r} is not 'Key: value'", field="file")
        key = key.strip().lower()
        value = value.strip()
        fields[key] = value.lower() in ("true", "yes", "1") if key == "public" else value
    return fields


@flow_app.command("tail")
@friendly
def flow_tail(
    after: Annotated[int, typer.Option(help="start after this sequence number (default: the end)")] = -1,
    follow: Annotated[bool, typer.Option(help="keep following new entries")] = True,
) -> None:
    """Print flow entries as they commit (follows the log live)."""
    import asyncio

    from newsflow.store import flow_log

    services = _services()

    async def run() -> None:
        services.signal.bind(asyncio.get_running_loop())
        cursor = after
        with services.db.read() as conn:
            if cursor < 0:
                cursor = max(0, flow_log.last_seq(conn) - 10)
        while True:
            with services.db.read() as conn:
                entries = flow_log.read_after(conn, cursor, 500)
            for e in entries:
                console.print(
                    f"{e.seq:>7}  {e.created:%H:%M:%S}  {e.action.value:<8} {e.priority.value:<9} "
                    f"{e.language:<5} {e.category:<18} {e.uri} v{e.version}"
                )
                cursor = e.seq
            if not follow:
                return
            # Other processes commit here: poll the database briefly between wake-ups.
            await services.signal.wait_beyond(cursor, 0.5)

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())


@users_app.command("create-editor")
@friendly
def create_editor(name: str) -> None:
    """Create an editor and print its API token (shown once)."""
    from newsflow.services.accounts import Role

    _, token = _services().accounts.create_user(name, Role.EDITOR, with_token=True)
    console.print(token)


@users_app.command("create-admin")
@friendly
def create_admin(
    name: str,
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
) -> None:
    """Create an admin who logs in with a password; prints an API token too (shown once)."""
    from newsflow.services.accounts import Role

    _, token = _services().accounts.create_user(name, Role.ADMIN, password=password, with_token=True)
    console.print(f"admin {name} created; API token: {token}")


@users_app.command("set-password")
@friendly
def set_password(
    name: str,
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
) -> None:
    """Set a user's password (for editors who log in to the desk)."""
    _services().accounts.set_password(name, password)
    console.print(f"password set for {name}")


def _json_arg(value: str | None, name: str) -> Any:
    if value is None:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


@subscribers_app.command("create")
@friendly
def subscribers_create(
    name: str,
    categories: Annotated[str | None, typer.Option(help="comma-separated; default all")] = None,
    languages: Annotated[str | None, typer.Option(help="comma-separated; default all")] = None,
    types: Annotated[str | None, typer.Option(help="comma-separated; default all")] = None,
    priorities: Annotated[str | None, typer.Option(help="comma-separated; default all")] = None,
    archive_days: Annotated[int | None, typer.Option()] = None,
    download_limit: Annotated[int | None, typer.Option()] = None,
) -> None:
    """Create a subscriber; prints its API key, username and password (shown once)."""
    data: dict[str, Any] = {"name": name}
    for key, value in (("categories", categories), ("languages", languages), ("types", types), ("priorities", priorities)):
        if value is not None:
            data[key] = _json_arg(value, key)
    if archive_days is not None:
        data["archive_days"] = archive_days
    if download_limit is not None:
        data["download_limit"] = download_limit
    console.print_json(json.dumps(_services().subscribers.create(data)))


@subscribers_app.command("list")
@friendly
def subscribers_list(as_json: JsonOption = False) -> None:
    """List subscribers and their subscriptions."""
    print_rows(_services().subscribers.list(), [
        Column("id", lambda s: str(s["id"])),
        Column("name", lambda s: s["name"]),
        Column("active", lambda s: "yes" if s["active"] else "no"),
        Column("categories", lambda s: ",".join(s["categories"]) or "all"),
        Column("languages", lambda s: ",".join(s["languages"]) or "all"),
        Column("archive", lambda s: str(s["archive_days"] or "-")),
        Column("limit/day", lambda s: str(s["download_limit"] or "-")),
    ], as_json=as_json)


@subscribers_app.command("update")
@friendly
def subscribers_update(subscriber_id: int, changes: Annotated[str, typer.Argument(help='JSON, e.g. {"active": false}')]) -> None:
    """Change a subscription with a JSON object of fields."""
    try:
        data = json.loads(changes)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"not JSON: {exc.msg}", field="changes") from exc
    if not isinstance(data, dict):
        raise InvalidInput("changes must be a JSON object", field="changes")
    console.print_json(json.dumps(_services().subscribers.update(subscriber_id, data)))


@subscribers_app.command("delete")
@friendly
def subscribers_delete(subscriber_id: int) -> None:
    """Deactivate a subscriber and revoke every credential."""
    _services().subscribers.delete(subscriber_id)
    console.print(f"subscriber {subscriber_id} deactivated")


@subscribers_app.command("add-key")
@friendly
def subscribers_add_key(subscriber_id: int, label: str | None = None) -> None:
    """Issue another API key (shown once)."""
    console.print_json(json.dumps(_services().subscribers.create_key(subscriber_id, label)))


@usage_app.command("report")
@friendly
def usage_report(month: Annotated[str, typer.Option(help="YYYY-MM")], as_json: JsonOption = False) -> None:
    """Downloads per subscriber for a month."""
    from newsflow.services.subscribers import month_range

    start, end = month_range(month)
    print_rows(_services().subscribers.usage_report(start, end), [
        Column("id", lambda r: str(r["id"])),
        Column("subscriber", lambda r: r["name"]),
        Column("downloads", lambda r: str(r["downloads"])),
    ], as_json=as_json, title=f"Downloads {month}")


@leads_app.command("list")
@friendly
def leads_list(
    status: Annotated[str | None, typer.Option(help="only leads with this status, e.g. new")] = None,
    as_json: JsonOption = False,
) -> None:
    """List subscription requests, newest first."""
    print_rows(_services().leads.list(status), [
        Column("id", lambda r: str(r["id"])),
        Column("received", lambda r: r["created_at"][:16]),
        Column("organisation", lambda r: r["organisation"]),
        Column("contact", lambda r: r["contact_name"]),
        Column("e-mail", lambda r: r["email"]),
        Column("country", lambda r: r["country"] or "-"),
        Column("languages", lambda r: ",".join(r["languages"]) or "-"),
        Column("categories", lambda r: ",".join(r["categories"]) or "-"),
        Column("status", lambda r: r["status"]),
    ], as_json=as_json)


search_app = typer.Typer(help="The archive search index.", no_args_is_help=True)
app.add_typer(search_app, name="search")


@search_app.command("reindex")
@friendly
def search_reindex(
    shared: Annotated[bool, typer.Option(
        "--shared", help="with NEWSFLOW_SEARCH_REPLICA set: rebuild the shared PostgreSQL index, not the replica",
    )] = False,
) -> None:
    """Rebuild the search index from the stories table (published and withdrawn); on a
    node with a search replica (NEWSFLOW_SEARCH_REPLICA), that replica."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from newsflow.search.indexer import reindex, searchable_count
    from newsflow.search.replica import ReplicaIndex, start_cursor

    services = _services()
    index: FollowedIndex = services.search
    bulk: bool | None = None
    where = services.db.dialect
    if isinstance(services.search, ReplicaIndex):
        if shared:
            index = services.search.shared
        else:  # the replica's cursor first: what is committed while the stories are read follows
            start_cursor(services.search.raw.db, services.db, services.clock)
            bulk, where = False, f"replica {services.search.path}"
    total = searchable_count(services.db)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("reindex", total=total)
        done = reindex(
            services.db, index, lambda n: progress.advance(task, n),
            lambda name: progress.update(task, description=f"reindex: {name}"), bulk=bulk,
        )
    if isinstance(services.search, ReplicaIndex) and not shared:
        services.search.replica.compact()  # as a bulk load ends: written in small batches
    console.print(f"search index rebuilt: {done} stories ({where})")


def main() -> None:  # pragma: no cover
    app(prog_name="newsflow")


if __name__ == "__main__":  # pragma: no cover
    main()
