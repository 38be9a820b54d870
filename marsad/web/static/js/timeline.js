// The timeline: events per day, stacked by type, drawn as SVG (no chart library).
import { h } from "./dom.js";
import { TYPES, colorOf } from "./colors.js";

const W = 600, H = 190, M = { l: 30, r: 8, t: 8, b: 22 };

function dayNumber(iso) { return Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86400000); }
function isoOf(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }

export function drawTimeline(el, days, onPick) {
  const svg = h("svg:svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "events per day by type", preserveAspectRatio: "none" });
  el.replaceChildren(svg);
  const valid = days.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.date));
  if (!valid.length) {
    svg.appendChild(h("svg:text", { x: W / 2, y: H / 2, "text-anchor": "middle", fill: "#5f6b76" }, "no dated events"));
    return;
  }
  const first = dayNumber(valid[0].date), last = dayNumber(valid[valid.length - 1].date);
  const span = Math.max(1, last - first + 1);
  const totals = valid.map((d) => Object.values(d.counts).reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const iw = W - M.l - M.r, ih = H - M.t - M.b;
  const bw = Math.max(1, iw / span - (span < 60 ? 1 : 0));
  const order = TYPES.map(([t]) => t);
  const axis = h("svg:g", { class: "axis" });
  for (const frac of [0, 0.5, 1]) {
    const v = Math.round(max * frac), y = M.t + ih - (ih * v) / max;
    axis.append(h("svg:line", { x1: M.l, x2: W - M.r, y1: y, y2: y }),
      h("svg:text", { x: M.l - 4, y: y + 3, "text-anchor": "end" }, String(v)));
  }
  const ticks = Math.min(span, 6);
  for (let i = 0; i < ticks; i++) {
    const n = first + Math.round(((span - 1) * i) / Math.max(1, ticks - 1));
    const x = M.l + ((n - first) + 0.5) * (iw / span);
    axis.append(h("svg:text", { x, y: H - 6, "text-anchor": "middle" }, isoOf(n)));
  }
  svg.appendChild(axis);
  const bars = h("svg:g", { class: "bars" });
  valid.forEach((d) => {
    const x = M.l + (dayNumber(d.date) - first) * (iw / span);
    let y = M.t + ih;
    const types = Object.keys(d.counts).sort((a, b) => (order.indexOf(a) + 99 * (order.indexOf(a) < 0)) - (order.indexOf(b) + 99 * (order.indexOf(b) < 0)));
    for (const t of types) {
      const hgt = (ih * d.counts[t]) / max;
      y -= hgt;
      const rect = h("svg:rect", { x, y, width: bw, height: Math.max(0.5, hgt), fill: colorOf(t), "data-date": d.date, "data-type": t },
        h("svg:title", {}, `${d.date} · ${t}: ${d.counts[t]}`));
      if (onPick) rect.addEventListener("click", () => onPick(d.date));
      bars.appendChild(rect);
    }
  });
  svg.appendChild(bars);
}
