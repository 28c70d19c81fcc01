"""Samskap: co-create, publish and track Open Government Partnership action plans."""
