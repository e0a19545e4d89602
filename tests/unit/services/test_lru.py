"""LruCache: bounded, least recently used first out, peek leaves the order alone; TtlCache: entries expire."""

from __future__ import annotations

from newsflow.services.lru import LruCache, TtlCache


def test_the_least_recently_used_entry_goes_first() -> None:
    cache: LruCache[str, int] = LruCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recently used
    cache.put("c", 3)
    assert cache.get("b") is None and cache.get("a") == 1 and cache.get("c") == 3
    assert len(cache) == 2


def test_peek_does_not_refresh_an_entry() -> None:
    cache: LruCache[str, int] = LruCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.peek("a") == 1
    cache.put("c", 3)
    assert cache.peek("a") is None and cache.peek("b") == 2
    cache.clear()
    assert len(cache) == 0


def test_pop_and_drop_where_forget_chosen_entries() -> None:
    cache: LruCache[str, int] = LruCache(10)
    for i, key in enumerate("abcd"):
        cache.put(key, i)
    assert cache.pop("a") == 0 and cache.pop("a") is None
    assert cache.drop_where(lambda _key, value: value % 2 == 1) == 2  # b and d
    assert (cache.peek("b"), cache.peek("c"), cache.peek("d")) == (None, 2, None)


def test_ttl_entries_expire_and_stay_bounded() -> None:
    now = [100.0]
    cache: TtlCache[str, str] = TtlCache(2, ttl=60.0, now=lambda: now[0])
    cache.put("a", "first")
    now[0] += 60.0
    assert cache.get("a") == "first"  # exactly ttl old: still there
    now[0] += 0.5
    assert cache.get("a") is None and len(cache) == 0  # older: gone, and forgotten
    cache.put("a", "1")
    cache.put("b", "2")
    cache.put("c", "3")
    assert cache.get("a") is None and cache.get("c") == "3" and len(cache) == 2
