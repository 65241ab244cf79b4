"""The ``encodedList`` of a Bitstring Status List (W3C Bitstring Status List v1.0, 2.3 and 3.2).

A list of N entries is N bits, the first entry being the most significant bit of the first byte;
it is GZIP-compressed and written as multibase base64url (``u`` + no padding). The W3C minimum
is 131,072 entries (16 KiB uncompressed) so one entry hides among many.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable

from aicert.credentials.signing import multibase

MIN_ENTRIES = 131_072


class BitstringError(ValueError):
    """Not a valid encodedList."""


def encode(set_indices: Iterable[int], size: int = MIN_ENTRIES) -> str:
    """The encodedList of a ``size``-bit list whose bits at ``set_indices`` are 1."""
    if size % 8 or size < MIN_ENTRIES:
        raise BitstringError(f"a list has a multiple of 8 entries, at least {MIN_ENTRIES}")
    bits = bytearray(size // 8)
    for index in set_indices:
        if not 0 <= index < size:
            raise BitstringError(f"index {index} outside the list")
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0: the same bits always give the same bytes (a stable, cacheable document).
    return multibase.encode_u(gzip.compress(bytes(bits), compresslevel=9, mtime=0))


def decode(encoded_list: str) -> bytes:
    """The raw bitstring of an encodedList."""
    try:
        raw = gzip.decompress(multibase.decode_u(encoded_list))
    except (multibase.MultibaseError, OSError, EOFError) as exc:
        raise BitstringError(f"not a GZIP multibase bitstring: {exc}") from None
    return raw


def bit(bits: bytes, index: int) -> bool:
    """The entry at ``index`` (``IndexError`` outside the list)."""
    if not 0 <= index < len(bits) * 8:
        raise IndexError(index)
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
