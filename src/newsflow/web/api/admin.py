"""Admin JSON API: subscribers, packages, keys, usage."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from fastapi.responses import Response

from newsflow.errors import InvalidInput
from newsflow.services.subscribers import month_range
from newsflow.web.deps import AdminDep, ServicesDep

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])

Payload = Annotated[dict[str, Any], Body()]


@router.post("/subscribers", status_code=201, summary="Create a subscriber (secrets shown once)")
def create_subscriber(data: Payload, services: ServicesDep, _: AdminDep) -> dict[str, Any]:
    return services.subscribers.create(data)


@router.get("/subscribers", summary="List subscribers")
def list_subscribers(services: ServicesDep, _: AdminDep) -> dict[str, Any]:
    return {"subscribers": services.subscribers.list()}


@router.get("/subscribers/{subscriber_id}")
def get_subscriber(subscriber_id: int, services: ServicesDep, _: AdminDep) -> dict[str, Any]:
    return services.subscribers.get(subscriber_id)


@router.patch("/subscribers/{subscriber_id}", summary="Change a subscription (takes effect at once)")
def patch_subscriber(subscriber_id: int, data: Payload, services: ServicesDep, _: AdminDep) -> dict[str, Any]:
    return services.subscribers.update(subscriber_id, data)


@router.delete("/subscribers/{subscriber_id}", status_code=204, summary="Deactivate and revoke a subscriber")
def delete_subscriber(subscriber_id: int, services: ServicesDep, _: AdminDep) -> Response:
    services.subscribers.delete(subscriber_id)
    return Response(status_code=204)


@router.post("/subscribers/{subscriber_id}/keys", status_code=201, summary="Issue an API key")
def create_key(subscriber_id: int, services: ServicesDep, _: AdminDep, label: str | None = None) -> dict[str, Any]:
    return services.subscribers.create_key(subscriber_id, label)


@router.delete("/subscribers/{subscriber_id}/keys/{key_id}", status_code=204, summary="Revoke an API key")
def revoke_key(subscriber_id: int, key_id: int, services: ServicesDep, _: AdminDep) -> Response:
    services.subscribers.revoke_key(subscriber_id, key_id)
    return Response(status_code=204)


@router.put("/packages/{name}", status_code=204, summary="Create or replace a package")
def put_package(name: str, data: Payload, services: ServicesDep, _: AdminDep) -> Response:
    if not name or len(name) > 100:
        raise InvalidInput("package name must be 1-100 characters", field="name")
    services.subscribers.set_package(name, data)
    return Response(status_code=204)


@router.get("/usage", summary="Downloads per subscriber for a month")
def usage(services: ServicesDep, _: AdminDep, month: Annotated[str, Query(pattern=r"^\d{4}-\d{2}$")]) -> dict[str, Any]:
    start, end = month_range(month)
    return {"month": month, "subscribers": services.subscribers.usage_report(start, end)}
