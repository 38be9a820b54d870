// The workbench: hash routes #/?filters (map, timeline, table), #/event/ID, #/paste.
import { h, fill, status, text } from "./dom.js";
import { get, query } from "./api.js";
import { TYPES, legend } from "./colors.js";
import { createMap } from "./map.js";
import { drawTimeline } from "./timeline.js";
import { drawTable } from "./table.js";
import { showEvent } from "./event.js";
import { setupPaste } from "./paste.js";

const FILTERS = ["date_from", "date_to", "country", "admin1", "event_type", "actor", "q"];
const PAGE = 50;
const $ = (id) => document.getElementById(id);
let mapView = null;
let statsLoaded = false;

function parseHash() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, qs] = raw.split("?");
  return { path, params: new URLSearchParams(qs || "") };
}

function showView(name) {
  for (const v of document.querySelectorAll(".view")) v.hidden = v.id !== `view-${name}`;
  for (const a of document.querySelectorAll("[data-nav]")) a.classList.toggle("active", a.dataset.nav === name);
}

function currentFilters(params) {
  const f = {};
  for (const k of FILTERS) if (params.get(k)) f[k] = params.get(k);
  return f;
}

function setHash(filters, sort, offset) {
  const p = Object.assign({}, filters);
  if (sort && sort !== "-event_date") p.sort = sort;
  if (offset) p.offset = offset;
  location.hash = `#/${query(p)}`;
}

async function loadStats() {
  if (statsLoaded) return;
  statsLoaded = true;
  const select = document.querySelector("#filters select[name=event_type]");
  const known = new Set(TYPES.map(([t]) => t));
  let stats = {};
  try { stats = await get("stats"); } catch (e) { stats = {}; }
  const names = (x) => (Array.isArray(x) ? x.map((pair) => (Array.isArray(pair) ? pair[0] : pair)) : Object.keys(x || {}));
  for (const t of names(stats.by_type)) if (t) known.add(t);
  for (const t of known) select.appendChild(h("option", { value: t }, t));
  fill($("countries"), names(stats.by_country).filter(Boolean).map((c) => h("option", { value: c })));
}

async function showEvents(params) {
  showView("events");
  await loadStats();
  const filters = currentFilters(params);
  const sort = params.get("sort") || "-event_date";
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const form = $("filters");
  for (const k of FILTERS) form.elements[k].value = filters[k] || "";
  $("dl-csv").href = `/api/events.csv${query(Object.assign({ sort }, filters))}`;
  $("dl-geojson").href = `/api/events.geojson${query(Object.assign({ sort }, filters))}`;
  if (!mapView) { mapView = createMap($("map")); legend($("legend")); }
  else mapView.invalidate();
  status("Loading…");
  try {
    const [page, summary] = await Promise.all([
      get("events", Object.assign({ limit: PAGE, offset, sort }, filters)),
      get("events/summary", filters),
    ]);
    drawTable($("events-table"), page.items, sort, (s) => setHash(filters, s, 0));
    const end = Math.min(page.total, offset + page.items.length);
    $("page").textContent = page.total ? `${offset + 1}–${end} of ${page.total}` : "0 events";
    $("prev").disabled = offset <= 0;
    $("next").disabled = end >= page.total;
    $("prev").onclick = () => setHash(filters, sort, Math.max(0, offset - PAGE));
    $("next").onclick = () => setHash(filters, sort, offset + PAGE);
    mapView.show(summary.points);
    drawTimeline($("timeline"), summary.days, (d) => setHash(Object.assign({}, filters, { date_from: d, date_to: d }), sort, 0));
    $("summary").textContent = `${summary.total} event(s) selected; ${summary.points.length} on the map.`;
    status(`${page.total} events`);
  } catch (e) {
    status("");
    fill($("events-table").querySelector("tbody"), h("tr", {}, h("td", { colspan: 9, class: "error" }, `${text(e.code)}: ${e.message}`)));
  }
}

async function route() {
  const { path, params } = parseHash();
  const ev = path.match(/^\/event\/(.+)$/);
  if (ev) {
    showView("event");
    status("");
    await showEvent($("event"), decodeURIComponent(ev[1]));
    window.scrollTo(0, 0);
  } else if (path === "/paste") {
    showView("paste");
    status("");
  } else {
    await showEvents(params);
  }
  document.body.dataset.ready = "1";
}

function init() {
  const form = $("filters");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = {};
    for (const k of FILTERS) { const v = form.elements[k].value.trim(); if (v) f[k] = v; }
    const { params } = parseHash();
    setHash(f, params.get("sort") || "-event_date", 0);
  });
  $("reset").addEventListener("click", () => { location.hash = "#/"; });
  setupPaste($("paste-form"), $("paste-result"));
  window.addEventListener("hashchange", () => { document.body.dataset.ready = ""; route(); });
  route();
}

init();
