#!/usr/bin/env bash
# Build the front end into src/secure/static_build/ (git-ignored): the USWDS theme compiled
# from assets/styles.scss, USWDS fonts, images and scripts, htmx, and our own scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/secure/static_build/secure
uswds=node_modules/@uswds/uswds
trap 'rm -rf "$out.tmp"' EXIT
rm -rf "$out.tmp" && mkdir -p "$out.tmp"/{css,js}
npx --no-install sass --load-path="$uswds/packages" --style=compressed --no-source-map \
  assets/styles.scss "$out.tmp/css/secure.css"
# Only the fonts and images the compiled CSS refers to, the icon sprite and the favicons: USWDS
# ships thousands of icons we do not use, and every static file costs collectstatic time.
python3 - "$out.tmp" "$uswds/dist" <<'PY'
import re, shutil, sys
from pathlib import Path
out, dist = Path(sys.argv[1]), Path(sys.argv[2])
css = (out / "css" / "secure.css").read_text()
for ref in sorted(set(re.findall(r"url\(\s*['\"]?([^'\")]+)", css))):
    if ref.startswith("data:"):
        continue
    rel = ref.split("?")[0].split("#")[0].removeprefix("../")
    (out / rel).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(dist / rel, out / rel)
PY
mkdir -p "$out.tmp/img"
cp -r "$uswds/dist/img/favicons" "$out.tmp/img/"
cp "$uswds/dist/img/sprite.svg" "$out.tmp/img/"
cp "$uswds/dist/js/uswds.min.js" "$uswds/dist/js/uswds-init.min.js" node_modules/htmx.org/dist/htmx.min.js "$out.tmp/js/"
cp assets/*.js "$out.tmp/js/" 2>/dev/null || true
# The packages ship no .map files beside their minified scripts: drop the dangling references.
sed -i '/sourceMappingURL=/d' "$out.tmp"/js/*.js
rm -rf "$out" && mv "$out.tmp" "$out"
echo "assets built in $out"
