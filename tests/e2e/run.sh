#!/usr/bin/env bash
# End-to-end test of the `klarbrev serve` page in headless Chromium.
#
#   bash tests/e2e/run.sh
#
# Installs playwright-core (no browser: it uses the system's Chromium,
# /usr/bin/chromium or $CHROMIUM) into tests/e2e/node_modules if missing,
# builds target/debug/klarbrev (skip with KLARBREV_E2E_NO_BUILD=1), starts
# `klarbrev serve --port 0`, runs page.test.mjs against it, stops the server
# and exits with the test's exit code. Screenshots go to /tmp (or
# $KLARBREV_SHOTS): klarbrev-e2e-1.png, klarbrev-e2e-2.png and the same at
# 640 px (…-1-640.png, …-2-640.png); klarbrev-e2e-fejl.png on a failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
chromium="${CHROMIUM:-/usr/bin/chromium}"

command -v node >/dev/null || { echo "e2e: node mangler (kræver Node.js 20 eller nyere)" >&2; exit 2; }
[ -x "$chromium" ] || { echo "e2e: ingen Chromium i $chromium (apt-get install chromium, eller sæt CHROMIUM)" >&2; exit 2; }

if [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "e2e: installerer playwright-core …"
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  if [ -f "$here/package-lock.json" ]; then
    (cd "$here" && npm ci --no-audit --no-fund)
  else
    (cd "$here" && npm install --no-audit --no-fund)
  fi
fi

if [ "${KLARBREV_E2E_NO_BUILD:-}" != 1 ]; then
  (cd "$root" && cargo build --quiet)
fi
bin="$root/target/debug/klarbrev"
[ -x "$bin" ] || { echo "e2e: $bin findes ikke (kør cargo build)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/klarbrev-e2e-run.XXXXXX")"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$bin" serve --port 0 >"$work/stdout" 2>"$work/stderr" &
server=$!

# The first line of stdout says where the server listens.
address=""
for _ in $(seq 1 300); do
  if [ -s "$work/stdout" ]; then
    address="$(head -n 1 "$work/stdout" | grep -o 'http://[^ ]*' | head -n 1 || true)"
    [ -n "$address" ] && break
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "e2e: klarbrev serve stoppede med det samme:" >&2
    cat "$work/stderr" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$address" ]; then
  echo "e2e: klarbrev serve skrev ingen adresse inden for 30 s" >&2
  cat "$work/stdout" "$work/stderr" >&2
  exit 1
fi
echo "e2e: klarbrev kører på $address"

status=0
CHROMIUM="$chromium" node "$here/page.test.mjs" "$address" || status=$?
if [ "$status" -ne 0 ]; then
  echo "e2e: serverens log (sidste linjer):" >&2
  tail -n 20 "$work/stderr" >&2
fi
exit "$status"
