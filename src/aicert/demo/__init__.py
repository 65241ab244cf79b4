"""Realistic demo data for the README's first command (idempotent: running it twice is harmless)."""
