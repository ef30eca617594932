"""Shared machinery of the partner API: authentication, permissions, throttling, errors, idempotency."""
