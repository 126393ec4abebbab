#!/usr/bin/env bash
# Refresh the Spanish catalogues: one per app that has a locale/ folder, and the shared one
# (src/secure/locale) for everything else.
set -euo pipefail
cd "$(dirname "$0")/../src/secure"
admin=../../.venv/bin/django-admin
opts=(--locale es --no-obsolete --no-location --settings secure.settings.test --pythonpath ..)
ignores=(--ignore 'static_build/*' --ignore 'locale/*')
shopt -s nullglob
for locale in */locale; do
  app=${locale%/locale}
  (cd "$app" && "../$admin" makemessages "${opts[@]}" --pythonpath ../..)
  ignores+=(--ignore "$app/*")
done
"$admin" makemessages "${opts[@]}" "${ignores[@]}"
