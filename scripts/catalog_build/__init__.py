"""Builders that turn the UN source texts into catalog documents (see scripts/build_catalog.py)."""
