"""The Data Integrity ``eddsa-rdfc-2022`` cryptosuite (W3C Data Integrity EdDSA Cryptosuites
v1.0, section 3.2), on pyld canonicalisation and ``cryptography``'s Ed25519.

Create (3.2.1-3.2.6): the proof configuration is the proof's options with the document's
``@context``; both it and the document without its proof are canonicalised (RDFC-1.0) and
hashed with SHA-256; the Ed25519 signature over ``proofHash || docHash`` is the ``proofValue``,
multibase base58btc. Verify runs the same transformation on the received document and checks the
signature with the key its ``verificationMethod`` names.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from aicert.credentials.signing import multibase
from aicert.credentials.signing.jsonld import CanonicalizationError, canonicalize

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
# XML Schema dateTime as Data Integrity requires it for ``created`` (UTC "Z" or an offset).
DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")

Extra = Mapping[str, Mapping[str, Any]] | None


class ProofError(ValueError):
    """The proof is missing, malformed or does not verify; the message says which."""


def utc_timestamp(moment: dt.datetime) -> str:
    """A ``created``/``validFrom`` value: UTC, whole seconds, ``Z``."""
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _proof_config(document: Mapping[str, Any], proof: Mapping[str, Any]) -> dict[str, Any]:
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in config and config["@context"] != document.get("@context"):
        raise ProofError("the proof's @context differs from the document's")
    config["@context"] = document.get("@context")
    return config


def hash_data(
    unsecured: Mapping[str, Any], proof_config: Mapping[str, Any], *, extra: Extra = None
) -> tuple[str, str, bytes]:
    """(canonical document, canonical proof configuration, proofHash || docHash)."""
    canon_doc = canonicalize(unsecured, extra=extra)
    canon_proof = canonicalize(proof_config, extra=extra)
    digest = (
        hashlib.sha256(canon_proof.encode("utf-8")).digest()
        + hashlib.sha256(canon_doc.encode("utf-8")).digest()
    )
    return canon_doc, canon_proof, digest


def proof_create(
    document: Mapping[str, Any],
    *,
    secret_key: Ed25519PrivateKey,
    verification_method: str,
    created: str,
    proof_purpose: str = "assertionMethod",
    extra: Extra = None,
) -> dict[str, Any]:
    """A copy of ``document`` with a DataIntegrityProof (``eddsa-rdfc-2022``) added."""
    if "proof" in document:
        raise ProofError("the document already has a proof")
    if not DATETIME.fullmatch(created):
        raise ProofError(f"created is not an XML Schema dateTime: {created!r}")
    proof: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    _, _, data = hash_data(document, _proof_config(document, proof), extra=extra)
    proof["proofValue"] = multibase.encode_z(secret_key.sign(data))
    signed = copy.deepcopy(dict(document))
    signed["proof"] = proof
    return signed


@dataclass(frozen=True)
class VerifiedProof:
    verification_method: str
    created: str


def proof_verify(
    document: Mapping[str, Any],
    *,
    resolve_key: Callable[[str], Ed25519PublicKey | None],
    expected_purpose: str = "assertionMethod",
    extra: Extra = None,
) -> VerifiedProof:
    """Check ``document``'s one eddsa-rdfc-2022 proof; raise :class:`ProofError` saying why not.

    ``resolve_key`` maps a verificationMethod URL to the public key it names (``None``: unknown).
    """
    proof = document.get("proof")
    if isinstance(proof, list) and len(proof) == 1:
        proof = proof[0]
    if not isinstance(proof, Mapping):
        raise ProofError("the document has no proof (or more than one)")
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError(f"the proof is not a {PROOF_TYPE} with cryptosuite {CRYPTOSUITE}")
    if proof.get("proofPurpose") != expected_purpose:
        raise ProofError(f"the proof's purpose is not {expected_purpose}")
    created = proof.get("created", "")
    if created and not (isinstance(created, str) and DATETIME.fullmatch(created)):
        raise ProofError("the proof's created is not a dateTime")
    method = proof.get("verificationMethod")
    if not isinstance(method, str):
        raise ProofError("the proof names no verificationMethod")
    key = resolve_key(method)
    if key is None:
        raise ProofError(f"unknown verificationMethod: {method}")
    try:
        signature = multibase.decode_z(proof.get("proofValue", ""))
    except multibase.MultibaseError as exc:
        raise ProofError(f"proofValue: {exc}") from None
    if len(signature) != 64:
        raise ProofError("proofValue is not an Ed25519 signature")
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    try:
        _, _, data = hash_data(unsecured, _proof_config(document, proof), extra=extra)
    except CanonicalizationError as exc:
        raise ProofError(f"cannot canonicalise: {exc}") from None
    try:
        key.verify(signature, data)
    except InvalidSignature:
        raise ProofError("the signature does not match the document") from None
    return VerifiedProof(verification_method=method, created=created)
