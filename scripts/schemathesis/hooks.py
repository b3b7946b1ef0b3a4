"""Schemathesis hooks for zzyzx (loaded by scripts/test-schema through SCHEMATHESIS_HOOKS).

`positive_data_acceptance_or_stated_rule` is schemathesis's own `positive_data_acceptance` check
(a request the schema allows must not be refused) with one exception: a 400 or 422 problem whose
every error points at a field, parameter or body that carries an `x-rule` note in openapi.yaml.
Those notes state what JSON Schema cannot (a date in the future, a common password, a reference
to another object), so schemathesis cannot avoid them; any other refusal of schema-valid input is a
rule missing from the schema, and fails.
"""

import json
import os

import schemathesis
import yaml
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.specs.openapi.checks import positive_data_acceptance

RULE = "x-rule"
with open(os.environ["ZZYZX_OPENAPI"], encoding="utf-8") as spec_file:
    SPEC = yaml.safe_load(spec_file)


def resolve(schema):
    while isinstance(schema, dict) and "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = SPEC["components"]["schemas"][name]
    return schema if isinstance(schema, dict) else {}


def branches(schema):
    """The schema itself, or the non-null branches of a nullable `oneOf`/`anyOf`."""
    schema = resolve(schema)
    alternatives = schema.get("oneOf") or schema.get("anyOf")
    if not alternatives:
        return [schema]
    return [resolve(s) for s in alternatives if resolve(s).get("type") != "null"]


def child(schema, token):
    for branch in branches(schema):
        if token in branch.get("properties", {}):
            return branch["properties"][token]
        if "items" in branch and token.isdigit():
            return branch["items"]
        if isinstance(branch.get("additionalProperties"), dict):
            return branch["additionalProperties"]
    return None


def ruled(schema):
    return RULE in schema or any(RULE in branch for branch in branches(schema))


def pointer_is_stated(body_schema, pointer):
    """A rule on the node the pointer names, or on a list the node belongs to, covers it."""
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]] if pointer else []
    node, lists = body_schema, []
    for token in tokens:
        if any("items" in branch for branch in branches(node)):
            lists.append(node)
        node = child(node, token)
        if node is None:
            return False
    return ruled(node) or any(ruled(array) for array in lists)


def unstated_errors(case, response):
    """The problem's errors no `x-rule` covers; every error when the answer is not a problem."""
    try:
        problem = json.loads(response.text)
    except ValueError:
        return ["(not a problem document)"]
    errors = problem.get("errors") or []
    if not errors:
        return [f"{problem.get('code')}: {problem.get('detail')}"]
    operation = SPEC["paths"][case.operation.path][case.operation.method.lower()]
    body = operation.get("requestBody", {})
    body_schema = next(iter(body.get("content", {}).values()), {}).get("schema", {})
    parameters = {p["name"]: p for p in operation.get("parameters", [])}
    unstated = []
    for error in errors:
        if "pointer" in error:
            stated = pointer_is_stated(body_schema, error["pointer"])
        elif "parameter" in error:
            parameter = parameters.get(error["parameter"], {})
            stated = RULE in parameter or ruled(parameter.get("schema", {}))
        else:
            stated = RULE in body
        if not stated:
            unstated.append(json.dumps(error, ensure_ascii=False))
    return unstated


@schemathesis.check
def positive_data_acceptance_or_stated_rule(ctx, response, case):
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData as failure:
        if response.status_code not in (400, 422):
            raise
        unstated = unstated_errors(case, response)
        if not unstated:
            return None
        raise RejectedPositiveData(
            operation=failure.operation,
            message=failure.message + "\nNo x-rule in openapi.yaml states: " + "; ".join(unstated),
            status_code=failure.status_code,
            allowed_statuses=failure.allowed_statuses,
        ) from None
