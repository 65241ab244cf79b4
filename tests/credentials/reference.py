"""The shared reference vectors (../shared/reference/credentials), read in place, never copied."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO.parent / "shared" / "reference" / "credentials"
VERIFIER = REPO / "tools" / "verifier"
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"
# The README's stand-in for the examples context: everything undefined is in its vocabulary.
EXAMPLES = {EXAMPLES_V2: {"@context": {"@vocab": "https://www.w3.org/ns/credentials/examples#"}}}


def ref_path(relative: str) -> Path:
    path = REFERENCE / relative
    if not path.exists():
        pytest.skip(f"reference file absent: {path}")
    return path


def ref_text(relative: str) -> str:
    return ref_path(relative).read_text(encoding="utf-8")


def ref_json(relative: str) -> Any:
    return json.loads(ref_text(relative))


def verifier_installed() -> bool:
    """Whether ``npm ci --prefix tools/verifier`` has run; in CI its absence is a failure."""
    if (VERIFIER / "node_modules" / "@digitalbazaar" / "vc").is_dir():
        return True
    if os.environ.get("CI"):
        pytest.fail("tools/verifier/node_modules missing: scripts/test runs npm ci for it")
    pytest.skip("tools/verifier/node_modules missing (run: npm ci --prefix tools/verifier)")
    return False
