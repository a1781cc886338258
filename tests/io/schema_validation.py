"""The generated JSON Schema (`surge schema`) accepts every shipped scenario and rejects bad
inputs the schema can see (an unknown key, a wrong type, an unknown node type or policy).

Run by ctest as `io:schema-validates-scenarios`:
    python3 tests/io/schema_validation.py SURGE_BINARY SOURCE_DIR
Needs Debian's python3-jsonschema (draft 2020-12) and python3-yaml.
"""

import json
import pathlib
import subprocess
import sys

import jsonschema
import yaml

# Bad inputs whose mistake a JSON Schema can express; the others need the loader (ids, graph,
# units inside strings, rules between keys).
SCHEMA_VISIBLE = [
    "id_unknown_key.yaml",
    "id_key_of_other_type.yaml",
    "type_price_text.yaml",
    "type_horizon_list.yaml",
    "type_node_type_unknown.yaml",
    "type_policy_unknown.yaml",
    "type_on_stockout_value.yaml",
    "type_nodes_map.yaml",
    "type_weekly_six.yaml",
    "type_backup_not_bool.yaml",
    "type_servers_text.yaml",
    "target_unknown_metric.yaml",
    "target_both_bounds.yaml",
    "range_price_negative.yaml",
    "range_discount_one.yaml",
    "range_RQ_zero.yaml",
    "range_confidence.yaml",
    "range_share_zero.yaml",
]


class Yaml12Loader(yaml.SafeLoader):
    """Reads scenarios as editors with a JSON Schema do (YAML 1.2 core schema): `2026-10-01` is
    text, not a date. PyYAML follows YAML 1.1, which would turn it into a datetime.date."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path):
    return yaml.load(path.read_text(), Loader=Yaml12Loader)


def main() -> int:
    binary, source = sys.argv[1], pathlib.Path(sys.argv[2])
    schema = json.loads(subprocess.run([binary, "schema"], check=True, capture_output=True,
                                       text=True).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = 0
    good = sorted((source / "scenarios").rglob("*.yaml"))
    if not good:
        print("no scenarios found under", source / "scenarios")
        return 1
    for path in good:
        errors = list(validator.iter_errors(load(path)))
        if errors:
            failures += 1
            print(f"FAIL {path}: the schema rejects a shipped scenario: {errors[0].message} "
                  f"at {list(errors[0].absolute_path)}")
    for name in SCHEMA_VISIBLE:
        path = source / "tests" / "bad_inputs" / name
        if validator.is_valid(load(path)):
            failures += 1
            print(f"FAIL {path}: the schema accepts a bad input")
    passed = len(good) + len(SCHEMA_VISIBLE) - failures
    print(f"schema: {passed} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
