"""The HTTP API over a Rasid store (`rasid serve`): events, documents, actors, stats, search and analysis.

    from rasid.api import create_app
    app = create_app("news.db")            # a FastAPI application; serve it with uvicorn

FastAPI is imported only when the application is built, so `rasid` starts without it.
"""

from __future__ import annotations

from typing import Any

DEFAULT_MAX_BYTES = 1_000_000  # the largest request body (413 beyond)
DEFAULT_TIMEOUT_S = 60.0  # the longest analysis (504 beyond)

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT_S", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from rasid.api.app import create_app

        return create_app
    raise AttributeError(name)
