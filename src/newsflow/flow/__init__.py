"""Delivery adapters: the commit signal, the fan-out hub, streams, webhooks, buses."""
