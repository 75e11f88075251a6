#!/bin/sh
# vendor.sh fetches the dashboard's JavaScript libraries and the world
# outline from the npm registry, at pinned versions (npm checks each
# tarball against the registry's sha512 integrity), and copies the files
# the dashboard serves into static/vendor. Run it from this folder to
# update them; the files are committed, so building dyad needs no network.
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
out=static/vendor
mkdir -p "$out"
for pkg in uplot@1.6.32 d3-geo@3.1.1 d3-array@3.2.4 topojson-client@3.1.0 world-atlas@2.0.2; do
	(cd "$dir" && npm pack --silent "$pkg" >/dev/null)
done
for t in "$dir"/*.tgz; do
	name=$(basename "$t" .tgz)
	mkdir -p "$dir/$name" && tar -xzf "$t" -C "$dir/$name"
done
cp "$dir"/uplot-1.6.32/package/dist/uPlot.iife.min.js "$out/uplot.min.js"
cp "$dir"/uplot-1.6.32/package/dist/uPlot.min.css "$out/uplot.min.css"
cp "$dir"/uplot-1.6.32/package/LICENSE "$out/uplot.LICENSE"
cp "$dir"/d3-array-3.2.4/package/dist/d3-array.min.js "$out/d3-array.min.js"
cp "$dir"/d3-array-3.2.4/package/LICENSE "$out/d3-array.LICENSE"
cp "$dir"/d3-geo-3.1.1/package/dist/d3-geo.min.js "$out/d3-geo.min.js"
cp "$dir"/d3-geo-3.1.1/package/LICENSE "$out/d3-geo.LICENSE"
cp "$dir"/topojson-client-3.1.0/package/dist/topojson-client.min.js "$out/topojson-client.min.js"
cp "$dir"/topojson-client-3.1.0/package/LICENSE "$out/topojson-client.LICENSE"
cp "$dir"/world-atlas-2.0.2/package/countries-110m.json "$out/countries-110m.json"
cp "$dir"/world-atlas-2.0.2/package/LICENSE "$out/world-atlas.LICENSE"
ls -l "$out"
