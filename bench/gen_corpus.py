#!/usr/bin/env python3
"""Generates the synthetic contract monorepo used by bench/run.sh.

Deterministic (fixed seed, fixed commit dates): the same options give the same commits.
Python 3 standard library only; the repository is written with one `git fast-import` stream.

Layout of the repository made at --out:
  proto/acme/pkgNNN/v1/fileMMMMM.proto   --protos files in --packages packages (proto3)
  schemas/<area>/<name>.schema.json      --schemas JSON Schemas (draft 2020-12)
  contract-lint.yaml, buf.yaml (v2), contract-lint.schemas-only.yaml (proto excluded)

Refs: main (= tag base), and one commit on top of base for each of
  change-10   10 files changed (7 .proto, 3 schemas): safe and breaking edits
  change-200  200 files changed (150 .proto, 50 schemas)
  change-all  every .proto and every schema changed (a field added to every message, a
              property to every schema) plus breaking edits in some of them

Every edit is chosen so that both sides still compile: imports form a DAG (a file only imports
files of lower-numbered packages, or lower-numbered files of its own package), deletions and type
changes only touch scalar fields nobody references.

Usage: gen_corpus.py --out DIR [--protos N] [--packages N] [--schemas N] [--seed N] [--force]
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys

SCALARS = ["string", "int32", "int64", "bool", "double", "uint32", "bytes", "float"]
# a type change that is always FIELD_SAME_TYPE in buf (and not wire compatible)
TYPE_SWAP = {"string": "int64", "int32": "string", "int64": "string", "bool": "string",
             "double": "string", "uint32": "string", "bytes": "int32", "float": "string"}
AREAS = ["orders", "billing", "payments", "inventory", "shipping", "catalog", "users", "auth",
         "search", "reviews", "pricing", "notifications", "analytics", "support", "returns",
         "loyalty", "warehouse", "tax", "fraud", "ledger"]
WORDS = ["alpha", "bravo", "cargo", "delta", "event", "fleet", "gamma", "hotel", "index",
         "joule", "kilo", "lima", "metro", "nova", "orbit", "pilot", "quota", "radar", "sigma",
         "tango", "ultra", "vector", "whisky", "xray", "yield", "zulu"]
COMMIT_DATE = 1700000000
AUTHOR = "Bench Generator <bench@example.com>"


def pascal(s):
    return "".join(p[:1].upper() + p[1:] for p in s.split("_"))


# --------------------------------------------------------------------------------------------
# Protobuf model
# --------------------------------------------------------------------------------------------

class ProtoFile:
    """One .proto file; rendered with a set of edits (see render)."""

    def __init__(self, idx, pkg, local_idx, rng):
        self.idx = idx
        self.pkg = pkg
        self.local_idx = local_idx
        self.path = "proto/acme/pkg%03d/v1/file%05d.proto" % (pkg, idx)
        self.package = "acme.pkg%03d.v1" % pkg
        self.prefix = "F%05d" % idx
        self.imports = []        # list of (ProtoFile)
        self.messages = []       # list of dict(name, fields=[(type, name, number)], nested, enum)
        self.service = None      # list of (method name, request msg, response msg) or None
        self.rng_seed = rng.randrange(1 << 30)

    def build(self, rng, import_candidates):
        # imports: up to 2 files from other (lower) packages, 1 from the same package
        self.imports = import_candidates
        nmsg = rng.randint(2, 4)
        for m in range(nmsg):
            name = "%s%s" % (self.prefix, pascal(rng.choice(WORDS)) + str(m))
            fields = []
            number = 1
            for f in range(rng.randint(3, 6)):
                fields.append((rng.choice(SCALARS), "%s_%d" % (rng.choice(WORDS), f), number))
                number += 1
            nested = {"name": "Detail", "fields": [("string", "note", 1), ("int64", "count", 2)]}
            fields.append(("Detail", "detail", number)); number += 1
            fields.append(("Kind", "kind", number)); number += 1
            fields.append(("repeated Detail", "details", number)); number += 1
            if m > 0:
                fields.append((self.messages[m - 1]["name"], "previous", number)); number += 1
            for imp in self.imports:
                fields.append((imp.package + "." + imp.messages[0]["name"],
                               "ref_%05d" % imp.idx, number))
                number += 1
            self.messages.append({"name": name, "fields": fields, "nested": nested,
                                  "enum": ["KIND_UNSPECIFIED", "KIND_A", "KIND_B"],
                                  "next": number})
        if rng.random() < 0.3:
            methods = []
            for k in range(rng.randint(2, 4)):
                req = self.messages[k % len(self.messages)]["name"]
                resp = self.messages[(k + 1) % len(self.messages)]["name"]
                methods.append(("Do%s%d" % (pascal(rng.choice(WORDS)), k), req, resp))
            self.service = methods

    def scalar_field_positions(self):
        """(message index, field index) of top-level scalar fields, the candidates for edits."""
        out = []
        for mi, m in enumerate(self.messages):
            for fi, (t, _, _) in enumerate(m["fields"]):
                if t in SCALARS:
                    out.append((mi, fi))
        return out

    def render(self, edits=None):
        """edits: dict with keys
             add_all: add a field to every message (safe)
             add: set of message indexes that get a new field (safe)
             delete: set of (mi, fi) scalar fields to delete (FIELD_NO_DELETE)
             retype: set of (mi, fi) scalar fields whose type changes (FIELD_SAME_TYPE)
             enum_add: add an enum value to every enum (safe)"""
        e = edits or {}
        out = ['syntax = "proto3";', "", "package %s;" % self.package, ""]
        for imp in self.imports:
            out.append('import "%s";' % imp.path[len("proto/"):])
        if self.imports:
            out.append("")
        out.append("// Enum shared by the file's messages.")
        out.append("enum %sStatus {" % self.prefix)
        out.append("  %s_STATUS_UNSPECIFIED = 0;" % self.prefix.upper())
        out.append("  %s_STATUS_ACTIVE = 1;" % self.prefix.upper())
        out.append("  %s_STATUS_RETIRED = 2;" % self.prefix.upper())
        if e.get("enum_add"):
            out.append("  %s_STATUS_ARCHIVED = 3;" % self.prefix.upper())
        out.append("}")
        out.append("")
        for mi, m in enumerate(self.messages):
            out.append("// %s is a generated message." % m["name"])
            out.append("message %s {" % m["name"])
            out.append("  message %s {" % m["nested"]["name"])
            for t, n, num in m["nested"]["fields"]:
                out.append("    %s %s = %d;" % (t, n, num))
            out.append("  }")
            out.append("  enum Kind {")
            for vi, v in enumerate(m["enum"]):
                out.append("    %s = %d;" % (v, vi))
            if e.get("enum_add"):
                out.append("    KIND_C = %d;" % len(m["enum"]))
            out.append("  }")
            for fi, (t, n, num) in enumerate(m["fields"]):
                if (mi, fi) in e.get("delete", ()):
                    continue
                if (mi, fi) in e.get("retype", ()):
                    t = TYPE_SWAP[t]
                out.append("  %s %s = %d;" % (t, n, num))
            out.append("  %sStatus status = %d;" % (self.prefix, m["next"]))
            if e.get("add_all") or mi in e.get("add", ()):
                out.append("  string added_note = %d;" % (m["next"] + 1))
            out.append("}")
            out.append("")
        if self.service:
            out.append("service %sService {" % self.prefix)
            for name, req, resp in self.service:
                out.append("  rpc %s(%s) returns (%s);" % (name, req, resp))
            out.append("}")
            out.append("")
        return "\n".join(out)


def build_protos(rng, nfiles, npackages):
    npackages = max(1, min(npackages, nfiles))
    files = []
    by_pkg = [[] for _ in range(npackages)]
    for i in range(nfiles):
        pkg = i % npackages          # round-robin: every package gets nfiles/npackages files
        f = ProtoFile(i, pkg, len(by_pkg[pkg]), rng)
        files.append(f)
        by_pkg[pkg].append(f)
    # build in package order, so an imported file is always built first (DAG: lower package, or
    # same package and lower local index)
    for pkg in range(npackages):
        for f in by_pkg[pkg]:
            cands = []
            if pkg > 0:
                for _ in range(2 if rng.random() < 0.5 else 1):
                    other = by_pkg[rng.randrange(pkg)]
                    c = other[rng.randrange(len(other))]
                    if c not in cands:
                        cands.append(c)
            if f.local_idx > 0 and rng.random() < 0.5:
                cands.append(by_pkg[pkg][rng.randrange(f.local_idx)])
            f.build(rng, cands)
    return files


# --------------------------------------------------------------------------------------------
# JSON Schema model
# --------------------------------------------------------------------------------------------

class Schema:
    def __init__(self, idx, rng, nschemas):
        self.idx = idx
        self.area = AREAS[idx % len(AREAS)]
        self.name = "%s-%s-%04d" % (rng.choice(WORDS), rng.choice(WORDS), idx)
        self.path = "schemas/%s/%s.schema.json" % (self.area, self.name)
        self.props = []  # (name, type)
        for k in range(rng.randint(4, 7)):
            self.props.append(("%s_%d" % (rng.choice(WORDS), k),
                               rng.choice(["string", "integer", "number", "boolean"])))
        self.ext = None  # Schema referenced across files (lower index), or None

    def render(self, edits=None):
        """edits: add (a property, safe in BACKWARD/strict? optional property added),
        delete (index of a property to delete: breaking), retype (index: breaking),
        required_add (a new required property: breaking)."""
        e = edits or {}
        props = {}
        for k, (n, t) in enumerate(self.props):
            if k == e.get("delete"):
                continue
            if k == e.get("retype"):
                t = {"string": "integer", "integer": "string", "number": "string",
                     "boolean": "string"}[t]
            props[n] = {"type": t, "description": "generated property %d" % k}
        props["id"] = {"type": "string", "format": "uuid"}
        props["address"] = {"$ref": "#/$defs/Address"}
        props["items"] = {"type": "array", "items": {"$ref": "#/$defs/LineItem"}}
        props["status"] = {"$ref": "#/$defs/Status"}
        required = ["id", "status"]
        if self.ext is not None:
            rel = os.path.relpath(self.ext.path, os.path.dirname(self.path))
            props["related"] = {"$ref": rel + "#/$defs/Address"}
        if e.get("add"):
            props["added_note"] = {"type": "string", "maxLength": 200}
        if e.get("required_add"):
            props["tenant"] = {"type": "string"}
            required.append("tenant")
        doc = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": self.name,
            "type": "object",
            "properties": props,
            "required": required,
            "additionalProperties": False,
            "$defs": {
                # a $ref chain: LineItem -> Money -> Currency; Address -> Country
                "LineItem": {
                    "type": "object",
                    "properties": {"sku": {"type": "string"},
                                   "quantity": {"type": "integer", "minimum": 1},
                                   "price": {"$ref": "#/$defs/Money"}},
                    "required": ["sku", "quantity"],
                },
                "Money": {
                    "type": "object",
                    "properties": {"amount": {"type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$"},
                                   "currency": {"$ref": "#/$defs/Currency"}},
                    "required": ["amount", "currency"],
                },
                "Currency": {"type": "string", "enum": ["EUR", "USD", "GBP"]},
                "Address": {
                    "type": "object",
                    "properties": {"street": {"type": "string"}, "city": {"type": "string"},
                                   "country": {"$ref": "#/$defs/Country"}},
                },
                "Country": {"type": "string", "minLength": 2, "maxLength": 2},
                "Status": {"type": "string", "enum": ["active", "retired"]},
            },
        }
        return json.dumps(doc, indent=2) + "\n"


def build_schemas(rng, n):
    schemas = [Schema(i, rng, n) for i in range(n)]
    for s in schemas:
        if s.idx > 0 and rng.random() < 0.4:
            s.ext = schemas[rng.randrange(s.idx)]
    return schemas


# --------------------------------------------------------------------------------------------
# Branch edits
# --------------------------------------------------------------------------------------------

def proto_edit(rng, f, kind):
    """kind: 'add' (safe), 'delete', 'retype' (breaking), 'enum' (safe)."""
    pos = f.scalar_field_positions()
    if kind == "add":
        return {"add": {rng.randrange(len(f.messages))}}
    if kind == "enum":
        return {"enum_add": True}
    if kind == "delete":
        return {"delete": {rng.choice(pos)}}
    return {"retype": {rng.choice(pos)}}


def schema_edit(rng, s, kind):
    if kind == "add":
        return {"add": True}
    if kind == "delete":
        return {"delete": rng.randrange(len(s.props))}
    if kind == "required":
        return {"required_add": True}
    return {"retype": rng.randrange(len(s.props))}


def branch_changes(rng, protos, schemas, nproto, nschema):
    """Picks nproto protos and nschema schemas; returns {path: content}."""
    nproto = min(nproto, len(protos))
    nschema = min(nschema, len(schemas))
    out = {}
    pkinds = ["add", "delete", "retype", "enum"]
    for k, f in enumerate(sorted(rng.sample(protos, nproto), key=lambda x: x.idx)):
        out[f.path] = f.render(proto_edit(rng, f, pkinds[k % len(pkinds)]))
    skinds = ["add", "delete", "retype", "required"]
    for k, s in enumerate(sorted(rng.sample(schemas, nschema), key=lambda x: x.idx)):
        out[s.path] = s.render(schema_edit(rng, s, skinds[k % len(skinds)]))
    return out


def change_all(rng, protos, schemas):
    out = {}
    for f in protos:
        e = {"add_all": True}
        if f.idx % 50 == 7:       # 2% of the files also get a breaking edit
            e.update(proto_edit(rng, f, "delete"))
        elif f.idx % 50 == 31:
            e.update(proto_edit(rng, f, "retype"))
        out[f.path] = f.render(e)
    for s in schemas:
        e = {"add": True}
        if s.idx % 50 == 11:
            e.update(schema_edit(rng, s, "delete"))
        elif s.idx % 50 == 37:
            e.update(schema_edit(rng, s, "retype"))
        out[s.path] = s.render(e)
    return out


# --------------------------------------------------------------------------------------------
# git fast-import
# --------------------------------------------------------------------------------------------

CONTRACT_LINT_YAML = """version: 1
proto:
  roots: [proto]
jsonschema:
  include: ["schemas/**/*.schema.json"]
breaking:
  use: [FILE]
"""

SCHEMAS_ONLY_YAML = """# bench: the JSON Schema part alone (every .proto excluded)
version: 1
proto:
  roots: [proto]
  exclude: ["proto/**"]
jsonschema:
  include: ["schemas/**/*.schema.json"]
breaking:
  use: [FILE]
"""

BUF_YAML = """version: v2
modules:
  - path: proto
breaking:
  use:
    - FILE
"""


class Stream:
    def __init__(self, fh):
        self.fh = fh
        self.t = COMMIT_DATE

    def data(self, text):
        b = text.encode("utf-8")
        self.fh.write(b"data %d\n" % len(b))
        self.fh.write(b)
        self.fh.write(b"\n")

    def commit(self, ref, mark, message, files, parent=None):
        w = self.fh.write
        w(("commit %s\nmark :%d\n" % (ref, mark)).encode())
        w(("author %s %d +0000\ncommitter %s %d +0000\n"
           % (AUTHOR, self.t, AUTHOR, self.t)).encode())
        self.t += 60
        self.data(message)
        if parent is not None:
            w(b"from :%d\n" % parent)
        for path in sorted(files):
            w(("M 100644 inline %s\n" % path).encode())
            self.data(files[path])
        w(b"\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="directory for the git repository (must not exist, or --force)")
    ap.add_argument("--protos", type=int, default=5000)
    ap.add_argument("--packages", type=int, default=300)
    ap.add_argument("--schemas", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--force", action="store_true", help="replace --out if it exists")
    args = ap.parse_args(argv)
    if args.protos < 1 or args.packages < 1 or args.schemas < 1:
        ap.error("--protos, --packages and --schemas must be at least 1")

    out = os.path.abspath(args.out)
    if os.path.exists(out):
        if not args.force:
            ap.error("%s exists (use --force to replace it)" % out)
        shutil.rmtree(out)

    rng = random.Random(args.seed)
    protos = build_protos(rng, args.protos, args.packages)
    schemas = build_schemas(rng, args.schemas)

    base = {f.path: f.render() for f in protos}
    base.update({s.path: s.render() for s in schemas})
    base["contract-lint.yaml"] = CONTRACT_LINT_YAML
    base["contract-lint.schemas-only.yaml"] = SCHEMAS_ONLY_YAML
    base["buf.yaml"] = BUF_YAML
    base["README.md"] = ("Synthetic contract monorepo generated by bench/gen_corpus.py "
                         "(protos=%d packages=%d schemas=%d seed=%d).\n"
                         % (args.protos, args.packages, args.schemas, args.seed))

    branches = [
        ("change-10", branch_changes(random.Random(args.seed + 10), protos, schemas, 7, 3),
         "change 10 files: added, deleted and retyped fields"),
        ("change-200", branch_changes(random.Random(args.seed + 200), protos, schemas, 150, 50),
         "change 200 files: added, deleted and retyped fields"),
        ("change-all", change_all(random.Random(args.seed + 999), protos, schemas),
         "change every contract: a field in every message, a property in every schema"),
    ]

    os.makedirs(out)
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", "init", "-q", "-b", "main", out], check=True, env=env)
    fi = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=out,
                          stdin=subprocess.PIPE, env=env)
    s = Stream(fi.stdin)
    s.commit("refs/heads/main", 1, "base: synthetic contracts\n", base)
    fi.stdin.write(b"reset refs/tags/base\nfrom :1\n\n")
    for k, (name, files, msg) in enumerate(branches):
        s.commit("refs/heads/" + name, 10 + k, msg + "\n", files, parent=1)
    fi.stdin.write(b"done\n")
    fi.stdin.close()
    if fi.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=out, check=True, env=env)

    print("corpus: %s: %d .proto files in %d packages, %d JSON Schemas; branches: %s"
          % (out, len(protos), min(args.packages, args.protos), len(schemas),
             ", ".join("%s (%d files)" % (n, len(f)) for n, f, _ in branches)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
