#!/usr/bin/env bash
# Build and publish an inkstone blog from any CI: the same steps as ci/github-pages.yml.
#   SITE_DIR      the blog (default: the current directory)
#   CACHE_DIR     where your CI keeps files between runs; the render cache is restored from and saved to it
#   DEPLOY_CMD    how to publish the built site, e.g. 'rsync -a --delete _site/ host:/var/www/blog/'
#   INKSTONE      how to run inkstone (default: npx inkstone)
#   SKIP_INSTALL  set to 1 when dependencies are already installed
set -euo pipefail

site="${SITE_DIR:-.}"
inkstone="${INKSTONE:-npx inkstone}"
cd "$site"

if [ "${SKIP_INSTALL:-0}" != 1 ]; then
  # Debian/Ubuntu runners: Chromium renders diagrams at build time (without it they are drawn in the browser).
  if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq chromium
  fi
  npm ci
fi

# Restore the render cache: keyed by content inside, so stale entries are never used.
if [ -n "${CACHE_DIR:-}" ] && [ -d "$CACHE_DIR/inkstone-cache" ]; then
  mkdir -p .inkstone-cache && cp -R "$CACHE_DIR/inkstone-cache/." .inkstone-cache/
fi

# --strict: a warning (invalid LaTeX, a broken diagram) fails the job instead of reaching readers.
$inkstone build . --strict --report-json inkstone-report.json

if [ -n "${CACHE_DIR:-}" ] && [ -d .inkstone-cache ]; then
  mkdir -p "$CACHE_DIR/inkstone-cache" && cp -R .inkstone-cache/. "$CACHE_DIR/inkstone-cache/"
fi

if [ -n "${DEPLOY_CMD:-}" ]; then
  sh -c "$DEPLOY_CMD"
else
  echo "Built _site/; set DEPLOY_CMD to publish it."
fi
