#!/usr/bin/env bash
# Build the front end into src/secure/static_build/ (git-ignored): the USWDS theme compiled
# from assets/styles.scss, USWDS fonts, images and scripts, htmx, and our own scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/secure/static_build/secure
uswds=node_modules/@uswds/uswds
rm -rf "$out.tmp" && mkdir -p "$out.tmp"/{css,js}
npx --no-install sass --load-path="$uswds/packages" --style=compressed --no-source-map \
  assets/styles.scss "$out.tmp/css/secure.css"
cp -r "$uswds/dist/fonts" "$uswds/dist/img" "$out.tmp/"
cp "$uswds/dist/js/uswds.min.js" "$uswds/dist/js/uswds-init.min.js" node_modules/htmx.org/dist/htmx.min.js "$out.tmp/js/"
cp assets/*.js "$out.tmp/js/" 2>/dev/null || true
# The packages ship no .map files beside their minified scripts: drop the dangling references.
sed -i '/sourceMappingURL=/d' "$out.tmp"/js/*.js
rm -rf "$out" && mv "$out.tmp" "$out"
echo "assets built in $out"
