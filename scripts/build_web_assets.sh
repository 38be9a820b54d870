#!/usr/bin/env bash
# Copies the front-end files the web workbench needs from node_modules (installed by
# `npm ci` from package-lock.json) into marsad/web/static/vendor/, which is generated
# and not in git. Run by scripts/setup.sh; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

NM=node_modules
OUT=marsad/web/static/vendor
if [ ! -d "$NM/leaflet" ]; then
  echo "build_web_assets: $NM/leaflet is missing: run 'npm ci' first" >&2
  exit 1
fi
rm -rf "$OUT"
mkdir -p "$OUT/leaflet/images" "$OUT/markercluster" "$OUT/fonts" "$OUT/world-atlas" "$OUT/topojson-client" "$OUT/swagger-ui" "$OUT/licenses"

cp "$NM/leaflet/dist/leaflet.js" "$NM/leaflet/dist/leaflet.css" "$OUT/leaflet/"
cp "$NM"/leaflet/dist/images/*.png "$OUT/leaflet/images/"
cp "$NM/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$NM/leaflet.markercluster/dist/MarkerCluster.css" \
   "$NM/leaflet.markercluster/dist/MarkerCluster.Default.css" "$OUT/markercluster/"
for w in 400 700; do
  cp "$NM/@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-$w-normal.woff2" "$OUT/fonts/"
done
cp "$NM/world-atlas/countries-50m.json" "$OUT/world-atlas/"
cp "$NM/topojson-client/dist/topojson-client.min.js" "$OUT/topojson-client/"
# The API docs page (/docs) uses Swagger UI, served from here too.
cp "$NM/swagger-ui-dist/swagger-ui-bundle.js" "$NM/swagger-ui-dist/swagger-ui.css" "$OUT/swagger-ui/"

cp "$NM/leaflet/LICENSE" "$OUT/licenses/leaflet.txt"
cp "$NM/leaflet.markercluster/MIT-LICENCE.txt" "$OUT/licenses/leaflet.markercluster.txt"
cp "$NM/swagger-ui-dist/LICENSE" "$OUT/licenses/swagger-ui.txt"
cp "$NM/@fontsource/noto-naskh-arabic/LICENSE" "$OUT/licenses/noto-naskh-arabic.txt"
cp "$NM/world-atlas/LICENSE" "$OUT/licenses/world-atlas.txt"
cp "$NM/topojson-client/LICENSE" "$OUT/licenses/topojson-client.txt"
echo "build_web_assets: wrote $OUT ($(du -sh "$OUT" | cut -f1))"
