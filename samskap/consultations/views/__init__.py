"""Consultation pages: `public` (anyone's), `manage` (coordinators and moderators), `exports` (downloads)."""
