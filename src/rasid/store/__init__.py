"""The event store: an embedded SQLite database of analysed articles, searchable in Arabic, with event
queries, aggregation and GDELT-like export (`docs/store.md`).

    from rasid.store import Store
    from rasid.store.ingest import ingest
    with Store.open("news.db") as store:
        ingest(store, ["../shared/data/news"], workers=2)
"""

from __future__ import annotations

from rasid.store.db import SQLITE_HEADER, QueryError, Store, StoreError, schema_version

__all__ = ["SQLITE_HEADER", "QueryError", "Store", "StoreError", "schema_version"]
