"""Pure domain: the story model, workflow transitions, the flow entry, entitlements.

Nothing here performs I/O or imports a framework; adapters depend on this package,
never the other way round.
"""
