"""Placeholder: the member digest of advisories (daily or weekly), sent by Celery beat."""
