#!/usr/bin/env bash
# Offline check of an Office add-in manifest against the published XSD schemas (no network).
# Usage: scripts/validate-manifest.sh [manifest.xml]
# The schemas live at ../shared/schemas/office-manifest relative to the repo root
# (override with SELFEVAL_MANIFEST_SCHEMA_DIR). Needs xmllint (Debian: libxml2-utils).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
manifest="${1:-manifest.xml}"
schema_dir="${SELFEVAL_MANIFEST_SCHEMA_DIR:-$repo_root/../shared/schemas/office-manifest}"
schema="$schema_dir/OfficeAppManifestV1_1.xsd"

if ! command -v xmllint >/dev/null 2>&1; then
  echo "validate-manifest: xmllint not found (install libxml2-utils)" >&2
  exit 2
fi
if [ ! -f "$schema" ]; then
  echo "validate-manifest: schema not found: $schema" >&2
  exit 2
fi
if [ ! -f "$manifest" ]; then
  echo "validate-manifest: manifest not found: $manifest" >&2
  exit 2
fi

xmllint --nonet --noout --schema "$schema" "$manifest"
