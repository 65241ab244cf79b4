"""Verifiable-credential signing, kept free of Django (an import-linter contract checks it).

* :mod:`.multibase` — base58btc (``z``) and base64url (``u``) multibase strings.
* :mod:`.multikey` — Ed25519 keys as Multikey (W3C Controlled Identifiers 1.0, multicodec
  ``0xed01`` public, ``0x8026`` secret).
* :mod:`.jsonld` — RDF Dataset Canonicalization (URDNA2015 = RDFC-1.0) with pyld and a document
  loader that serves only the contexts bundled in ``contexts/`` (never the network).
* :mod:`.eddsa_rdfc_2022` — the Data Integrity ``eddsa-rdfc-2022`` cryptosuite (W3C Data
  Integrity EdDSA Cryptosuites v1.0, section 3.2).
* :mod:`.bitstring` — the Bitstring Status List ``encodedList`` (W3C Bitstring Status List v1.0).
"""
