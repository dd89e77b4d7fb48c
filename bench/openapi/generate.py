#!/usr/bin/env python3
"""Writes a ~2 MB OpenAPI 3.0 document pair for the OpenAPI stage's timing:
OUT/previous/api/openapi.yaml and OUT/current/api/openapi.yaml, where the
current side changes 10 operations (a new required request property, a
response property type, a removed success status, ...).

  python3 bench/openapi/generate.py /tmp/oa-bench
  time build/contract-lint check /tmp/oa-bench/current --against /tmp/oa-bench/previous
"""
import os
import sys


def document(changed):
    out = ["openapi: 3.0.3", "info:", "  title: Bench", "  version: 1.0.0", "paths:"]
    schemas = []
    n = 0
    resource = 0
    while sum(len(line) + 1 for line in out) + sum(len(s) + 1 for s in schemas) < 2_000_000:
        name = "Resource%d" % resource
        path = "/resources%d/{id}" % resource
        change = resource < 10 and changed
        out += [
            "  %s:" % path,
            "    parameters:",
            "      - {name: id, in: path, required: true, schema: {type: string}}",
            "    get:",
            "      operationId: get%s" % name,
            "      parameters:",
            "        - {name: expand, in: query, schema: {type: %s}}" % ("integer" if change else "string"),
            "      responses:",
            "        \"200\":",
            "          description: ok",
            "          content:",
            "            application/json:",
            "              schema: {$ref: '#/components/schemas/%s'}" % name,
            "        \"404\": {description: missing}",
            "    put:",
            "      operationId: put%s" % name,
            "      requestBody:",
            "        required: true",
            "        content:",
            "          application/json:",
            "            schema: {$ref: '#/components/schemas/%s'}" % name,
            "      responses:",
            "        \"200\": {description: ok}",
        ]
        schemas += [
            "    %s:" % name,
            "      type: object",
            "      required: [id, name%s]" % (", extra" if change else ""),
            "      properties:",
        ]
        for p in range(12):
            schemas.append("        field%d: {type: %s, description: field %d of %s}"
                           % (p, "integer" if change and p == 0 else "string", p, name))
        schemas += ["        id: {type: string}", "        name: {type: string}"]
        if change:
            schemas.append("        extra: {type: string}")
        resource += 1
        n += 2
    return "\n".join(out + ["components:", "  schemas:"] + schemas) + "\n", n


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "/tmp/oa-bench"
    for side, changed in (("previous", False), ("current", True)):
        text, operations = document(changed)
        os.makedirs(os.path.join(root, side, "api"), exist_ok=True)
        with open(os.path.join(root, side, "api", "openapi.yaml"), "w") as f:
            f.write(text)
        print("%s: %d bytes, %d operations" % (side, len(text), operations))


main()
