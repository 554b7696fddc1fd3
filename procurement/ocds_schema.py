"""Validation of our OCDS packages against the pinned 1.1.5 schema with its extensions and codelists.

procurement/data/ocds/ holds the release package schema, the release schema
patched with the lots, submission terms, sustainability, award criteria
breakdown, selection criteria and process title extensions, and the codelists
(see its README). No network: the release schema's URL is served from the file.
A code missing from a closed codelist is an error, from an open one a warning.
"""

import csv
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema
from jsonschema import Draft4Validator, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

DATA = Path(__file__).resolve().parent / "data" / "ocds"
RELEASE_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self):
        return f"{self.path or '(root)'}: {self.message}"


@dataclass(frozen=True)
class Report:
    errors: list[Problem]
    warnings: list[Problem]

    @property
    def valid(self) -> bool:
        return not self.errors


@cache
def _codes(name: str) -> frozenset[str]:
    with (DATA / "codelists" / name).open(encoding="utf-8", newline="") as fh:
        return frozenset(row["Code"] for row in csv.DictReader(fh))


def _codelist(validator, name, instance, schema):
    for value in instance if isinstance(instance, list) else [instance]:
        if isinstance(value, str) and value not in _codes(name):
            kind = "open" if schema.get("openCodelist") else "closed"
            yield ValidationError(f"{value!r} is not in {kind} codelist {name}")


@cache
def _validator():
    package_schema = json.loads((DATA / "release-package-schema.json").read_text(encoding="utf-8"))
    release_schema = json.loads((DATA / "release-schema-extended.json").read_text(encoding="utf-8"))
    release_schema.pop("$schema", None)  # else jsonschema picks its stock Draft 4 class, without "codelist"
    validator_class = jsonschema.validators.extend(Draft4Validator, {"codelist": _codelist})
    registry = Registry().with_resource(
        RELEASE_URL, Resource.from_contents(release_schema, default_specification=DRAFT4)
    )
    return validator_class(package_schema, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)


def validate_package(package: dict) -> Report:
    found = list(_validator().iter_errors(package))
    coded = {tuple(e.absolute_path) for e in found if e.validator == "codelist"}
    # A bad code in a closed codelist also fails the schema's enum: report it once, as the codelist error.
    found = [
        e
        for e in found
        if not (e.validator == "enum" and {tuple(e.absolute_path), tuple(e.absolute_path)[:-1]} & coded)
    ]

    def problem(e):
        return Problem("/".join(str(p) for p in e.absolute_path), e.message)

    warnings = [problem(e) for e in found if e.validator == "codelist" and e.schema.get("openCodelist")]
    errors = [problem(e) for e in found if not (e.validator == "codelist" and e.schema.get("openCodelist"))]
    return Report(sorted(errors, key=str), sorted(warnings, key=str))
