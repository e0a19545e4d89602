"""The JSON API at /api/v1: newsroom, flow, subscribers, admin."""
