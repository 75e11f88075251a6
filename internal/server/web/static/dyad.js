// dyad.js draws the dashboard's charts (uPlot) and map (d3-geo, with the
// world outline of world-atlas). Values come from data- attributes and
// from the JSON API; nothing is written as HTML, so nothing from the
// store can run as markup.
"use strict";

const quadColors = ["#2b8cbe", "#1a9850", "#f39c12", "#d7301f"];
const quadNames = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

// periodTime is the Unix time of a series period: a day, a week's Monday
// (YYYY-MM-DD) or a month (YYYY-MM).
function periodTime(p) {
  const [y, m, d] = p.split("-").map(Number);
  return Date.UTC(y, (m || 1) - 1, d || 1) / 1000;
}

function drawChart(el) {
  const points = JSON.parse(el.dataset.points || "[]") || [];
  if (points.length === 0) {
    el.textContent = "No events to plot.";
    return;
  }
  const xs = points.map(p => periodTime(p.period));
  const gold = points.map(p => (p.events ? p.goldstein_mean : null));
  let data, series;
  if (el.dataset.chart === "index") {
    data = [xs, points.map(p => p.quad[0] + p.quad[1]), points.map(p => p.quad[2] + p.quad[3]), gold];
    series = [{}, { label: "cooperation", stroke: quadColors[1], width: 1.5 },
      { label: "conflict", stroke: quadColors[3], width: 1.5 }];
  } else {
    data = [xs, ...[0, 1, 2, 3].map(q => points.map(p => p.quad[q])), gold];
    series = [{}, ...quadNames.map((n, q) => ({ label: n, stroke: quadColors[q], width: 1.5,
      points: { show: points.length < 120 } }))];
  }
  series.push({ label: "Goldstein mean", stroke: "#555", dash: [4, 4], scale: "g", spanGaps: false });
  const opts = {
    width: el.clientWidth || 600, height: 280, series,
    scales: { x: { time: true }, g: { range: [-10, 10] } },
    axes: [{}, { label: "event clusters" }, { side: 1, scale: "g", label: "Goldstein", grid: { show: false } }],
  };
  const plot = new uPlot(opts, data, el);
  new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: 280 })).observe(el);
}

const svgNS = "http://www.w3.org/2000/svg";

function svgEl(name, attrs) {
  const e = document.createElementNS(svgNS, name);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

async function drawMap(el) {
  const [world, page] = await Promise.all([
    fetch("/static/vendor/countries-110m.json").then(r => r.json()),
    fetch(el.dataset.map).then(r => r.json()),
  ]);
  const width = 960, height = 500;
  const projection = d3.geoEqualEarth().fitSize([width, height], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, role: "img" });
  svg.appendChild(svgEl("path", { class: "sphere", d: path({ type: "Sphere" }) }));
  for (const f of topojson.feature(world, world.objects.countries).features) {
    const p = svgEl("path", { class: "land", d: path(f) });
    const t = svgEl("title");
    t.textContent = f.properties.name;
    p.appendChild(t);
    svg.appendChild(p);
  }
  let shown = 0;
  for (const c of page.items || []) {
    if (c.lat === undefined || c.lon === undefined) continue;
    const xy = projection([c.lon, c.lat]);
    if (!xy) continue;
    const a = svgEl("a", { href: "/event/" + encodeURIComponent(c.id) });
    const dot = svgEl("circle", { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: (2 + 1.5 * Math.sqrt(c.mentions)).toFixed(1),
      class: "q" + c.quad });
    const t = svgEl("title");
    t.textContent = `${c.date} ${c.source} → ${c.target} ${c.cameo}${c.place ? " · " + c.place : ""} (${c.mentions} mentions)`;
    dot.appendChild(t);
    a.appendChild(dot);
    svg.appendChild(a);
    shown++;
  }
  el.replaceChildren(svg);
  el.dataset.shown = String(shown);
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-chart]").forEach(drawChart);
  document.querySelectorAll("[data-map]").forEach(el => drawMap(el).catch(err => { el.textContent = "The map could not be drawn: " + err; }));
});
