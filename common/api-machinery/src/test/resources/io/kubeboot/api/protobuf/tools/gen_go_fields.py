#!/usr/bin/env python3
"""Derives go-fields.txt: per protobuf field of the Kubernetes API structs, the Go facts that decide
how encoding/json renders the decoded struct (pointer, omitempty, inline, JSON name).

Usage: gen_go_fields.py <kubernetes/api checkout> <kubernetes/apimachinery checkout> <git tag> > go-fields.txt
Only fields whose facts differ from the default (non-pointer, omitempty, not inline, JSON name equals
the protobuf name) and which are not slices or maps are listed.
"""
import re, subprocess, sys

API, AM, TAG = sys.argv[1], sys.argv[2], sys.argv[3]
GROUPS = ["core/v1", "apps/v1", "authentication/v1", "authorization/v1", "autoscaling/v1", "batch/v1",
          "certificates/v1", "networking/v1", "policy/v1", "rbac/v1", "scheduling/v1", "storage/v1",
          "admissionregistration/v1"]
SOURCES = [(API, g + "/types.go", "k8s.io.api." + g.replace("/", ".")) for g in GROUPS]
SOURCES.append((AM, "pkg/apis/meta/v1/types.go", "k8s.io.apimachinery.pkg.apis.meta.v1"))

STRUCT = re.compile(r"^type (\w+) struct \{")
FIELD = re.compile(r"^\s+(?:(\w+)\s+)?([^\s`]+)\s+`([^`]*)`")
TAG_RE = re.compile(r'(\w+):"([^"]*)"')

def lower_camel(s):
    return s[0].lower() + s[1:]

for repo, path, pkg in SOURCES:
    try:
        text = subprocess.run(["git", "-C", repo, "show", TAG + ":" + path], check=True,
                              capture_output=True, text=True).stdout
    except subprocess.CalledProcessError:
        continue
    struct = None
    for line in text.splitlines():
        m = STRUCT.match(line)
        if m:
            struct = m.group(1)
            continue
        if line.startswith("}"):
            struct = None
            continue
        if struct is None:
            continue
        m = FIELD.match(line)
        if not m:
            continue
        name, gotype, tags = m.group(1), m.group(2), dict(TAG_RE.findall(m.group(3)))
        if "protobuf" not in tags:
            continue
        if name is None:  # embedded struct
            name = gotype.lstrip("*").split(".")[-1]
        pb = tags["protobuf"].split(",")
        pbname = next((p[5:] for p in pb if p.startswith("name=")), lower_camel(name))
        js = tags.get("json", "").split(",")
        jsname, jsopts = js[0], js[1:]
        flags = []
        if gotype.startswith("[]") or gotype.startswith("map["):
            if "inline" in jsopts or (jsname and jsname != pbname):
                pass
            else:
                continue
        else:
            if gotype.startswith("*"):
                flags.append("pointer")
            if "omitempty" not in jsopts:
                flags.append("always")
        if "inline" in jsopts:
            flags.append("inline")
        elif jsname and jsname != "-" and jsname != pbname:
            flags.append("json=" + jsname)
        if flags:
            print("%s.%s.%s %s" % (pkg, struct, pbname, " ".join(flags)))
