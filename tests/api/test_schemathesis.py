"""Fuzzing the API with schemathesis, every check it has, 100 examples per operation: no answer is a
server error or differs from the OpenAPI description (statuses, content types, headers, bodies, bad
input refused, good input accepted, methods, authentication)."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks

EXAMPLES = 100

# The description is made from the code alone (no database), so it can be loaded while collecting.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())
schema.config.generation.update(max_examples=EXAMPLES)
schema.config.phases.update(phases=["examples", "fuzzing"])
load_all_checks()
ALL_CHECKS = list(CHECKS.get_all())


@pytest.fixture
def unthrottled(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None}}


def test_every_check_is_run():
    names = {check.__name__ for check in ALL_CHECKS}
    assert {"negative_data_rejection", "positive_data_acceptance", "status_code_conformance"} <= names
    assert {"content_type_conformance", "response_schema_conformance", "ignored_auth"} <= names


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_never_fails_and_keeps_to_its_description(case, world, unthrottled):
    # Schemathesis asks for gzip but its WSGI transport does not decode it (an HTTP client does): the
    # plain bodies are checked here, the gzipped ones in tests/kernel/test_compressed_cache.py.
    case.call_and_validate(checks=ALL_CHECKS, headers={"Accept-Encoding": "identity"})
