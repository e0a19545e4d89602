"""Use cases over the core and the storage adapter: newsroom, subscribers, ingest."""
