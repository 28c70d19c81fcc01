"""Fuzzing the API with schemathesis: no answer is a server error or breaks the OpenAPI description."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

# The description is made from the code alone (no database), so it can be loaded while collecting.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())
schema.config.generation.update(max_examples=25)
schema.config.phases.update(phases=["examples", "fuzzing"])


@pytest.fixture
def unthrottled(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None}}


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_never_fails_and_keeps_to_its_description(case, world, unthrottled):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
