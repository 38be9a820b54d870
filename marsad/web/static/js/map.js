// The event map: the project's own country and admin1 boundaries (no tile server),
// clustered markers coloured by event type. Popups are DOM elements built with textContent.
import { h, bidi, text } from "./dom.js";
import { colorOf } from "./colors.js";

const L = window.L;

async function fetchJson(url) {
  const resp = await fetch(url);
  if (!resp.ok) throw new Error(`${url}: HTTP ${resp.status}`);
  return resp.json();
}

async function countries() {
  try {
    return await fetchJson("/api/geo/countries");
  } catch (e) {
    // Fallback: world-atlas's Natural Earth countries (TopoJSON), copied from npm at set-up.
    const topo = await fetchJson("/static/vendor/world-atlas/countries-50m.json");
    return window.topojson.feature(topo, topo.objects.countries);
  }
}

function clusterIcon(cluster) {
  const counts = new Map();
  for (const m of cluster.getAllChildMarkers()) counts.set(m.options.evType, (counts.get(m.options.evType) || 0) + 1);
  let top = null, best = -1;
  for (const [t, n] of counts) if (n > best) { top = t; best = n; }
  const n = cluster.getChildCount();
  const size = n < 10 ? 30 : n < 100 ? 38 : 46;
  const el = h("div", { class: "ev-cluster", style: { background: colorOf(top), width: `${size}px`, height: `${size}px` } }, String(n));
  return L.divIcon({ html: el, className: "", iconSize: L.point(size, size) });
}

function popup(p) {
  return h("div", { class: "popup" },
    h("strong", {}, text(p.event_type)), h("br"),
    text(p.event_date), " · ", bidi(p.location || "—"), h("br"),
    `fatalities: ${text(p.fatalities)}`, h("br"),
    h("a", { href: `#/event/${encodeURIComponent(p.id)}` }, "Open the event and its evidence"));
}

export function createMap(el) {
  const map = L.map(el, { minZoom: 2, maxZoom: 13, worldCopyJump: true, zoomSnap: 0.5 }).setView([28, 35], 4);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Boundaries: Natural Earth via marsad");
  const countryStyle = { color: "#8a96a3", weight: 0.8, fillColor: "#f3f1ea", fillOpacity: 1 };
  const admin1Style = { color: "#b3bcc5", weight: 0.6, fill: false, dashArray: "2 3" };
  let admin1Layer = null;
  countries().then((gj) => {
    L.geoJSON(gj, { style: countryStyle, interactive: false }).addTo(map).bringToBack();
  }).catch((e) => console.warn("country boundaries unavailable", e));
  fetchJson("/api/geo/admin1").then((gj) => {
    admin1Layer = L.geoJSON(gj, { style: admin1Style, interactive: false });
    const toggle = () => {
      if (map.getZoom() >= 5) admin1Layer.addTo(map); else admin1Layer.remove();
    };
    map.on("zoomend", toggle);
    toggle();
  }).catch(() => { /* no admin1 boundaries shipped: countries only */ });

  const cluster = L.markerClusterGroup({
    iconCreateFunction: clusterIcon, showCoverageOnHover: false, maxClusterRadius: 45, chunkedLoading: true,
  });
  map.addLayer(cluster);

  return {
    map,
    show(points) {
      cluster.clearLayers();
      const markers = points.map((p) => {
        const dotEl = h("span", { style: { display: "block", width: "100%", height: "100%", borderRadius: "50%", background: colorOf(p.event_type) } });
        const m = L.marker([p.lat, p.lon], {
          icon: L.divIcon({ html: dotEl, className: "ev-marker", iconSize: [14, 14] }),
          evType: p.event_type, title: `${text(p.event_date)} ${text(p.event_type)} ${text(p.location)}`,
        });
        m.bindPopup(() => popup(p));
        return m;
      });
      cluster.addLayers(markers);
      if (markers.length) {
        const b = L.latLngBounds(points.map((p) => [p.lat, p.lon]));
        map.fitBounds(b.pad(0.3), { maxZoom: 7 });
      }
    },
    invalidate() { map.invalidateSize(); },
  };
}
