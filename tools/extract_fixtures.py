#!/usr/bin/env python3
"""Writes the mock's recorded responses from the response examples of Intercom's OpenAPI description.

Usage: tools/extract_fixtures.py [SPEC_DIR]   (default: $INTERCOM_OPENAPI_DIR or ../shared/intercom-openapi)

For every operation in crates/intercom-core/src/operations.rs, each JSON response example of the 2.11
description becomes crates/intercom-mock/fixtures/<operationId>/<status>_<example>.json, and
crates/intercom-mock/src/recorded.rs lists them all. Operations whose success has no example get a
fixture made here (see EXTRA). The output is deterministic; run it again after adding operations.
"""
import gzip
import io
import json
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "crates", "intercom-mock", "fixtures")
TABLE = os.path.join(ROOT, "crates", "intercom-mock", "src", "recorded.rs")
OPERATIONS = os.path.join(ROOT, "crates", "intercom-core", "src", "operations.rs")


def slug(name):
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def gzip_bytes(data):
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="") as f:
        f.write(data)
    return out.getvalue()


# Success answers the spec gives no example for: (operationId, status, file name, content type, bytes).
EXTRA = [
    ("createDataEvent", 202, "202_accepted.empty", "", b""),
    ("dataEventSummaries", 200, "200_successful.empty", "", b""),
    ("downloadDataExport", 200, "200_export.csv.gz", "application/octet-stream",
     gzip_bytes(b"user_id,user_email,company_id,received_at,message_id,content_type\n"
                b"667d60978a68186f43bafd9e,joe@example.com,,1719474967,1,email\n")),
]


def main():
    spec_dir = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
        "INTERCOM_OPENAPI_DIR", os.path.join(ROOT, "..", "shared", "intercom-openapi"))
    with open(os.path.join(spec_dir, "2.11", "api.intercom.io.yaml")) as f:
        spec = yaml.load(f, Loader=yaml.CSafeLoader)
    with open(OPERATIONS) as f:
        wanted = re.findall(r'= "(\w+)", [A-Z]+, "', f.read())

    rows = []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if not isinstance(op, dict) or op.get("operationId") not in wanted:
                continue
            op_id = op["operationId"]
            for status, response in op["responses"].items():
                content = response.get("content", {}).get("application/json", {})
                for name, example in content.get("examples", {}).items():
                    file = f"{status}_{slug(name)}.json"
                    body = (json.dumps(example["value"], indent=2, ensure_ascii=False) + "\n").encode()
                    rows.append((op_id, int(status), file, "application/json", body))
    rows += EXTRA

    for op_id, status, file, _, body in rows:
        os.makedirs(os.path.join(FIXTURES, op_id), exist_ok=True)
        with open(os.path.join(FIXTURES, op_id, file), "wb") as f:
            f.write(body)

    rows.sort(key=lambda r: (wanted.index(r[0]), r[1], r[2]))
    lines = [
        "// Written by tools/extract_fixtures.py from the 2.11 OpenAPI description's examples: do not edit.",
        "",
        "use crate::fixtures::Fixture;",
        "",
        "/// Every recorded response, by operation and status.",
        "pub static ALL: &[Fixture] = &[",
    ]
    for op_id, status, file, content_type, _ in rows:
        lines.append(
            f'    Fixture {{ operation_id: "{op_id}", status: {status}, file: "{file}", '
            f'content_type: "{content_type}", body: include_bytes!("../fixtures/{op_id}/{file}") }},')
    lines.append("];")
    with open(TABLE, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(rows)} fixtures for {len(set(r[0] for r in rows))} operations")


if __name__ == "__main__":
    main()
