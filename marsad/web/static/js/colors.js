// One colour per ACLED event type, shared by the map, the legend, the timeline and the table.
import { h } from "./dom.js";

export const TYPES = [
  ["Battles", "#d62728"],
  ["Explosions/Remote violence", "#ff7f0e"],
  ["Violence against civilians", "#7b3fb5"],
  ["Protests", "#2ca02c"],
  ["Riots", "#8c564b"],
  ["Strategic developments", "#1f77b4"],
];
const BY_TYPE = new Map(TYPES);
export const OTHER = "#7f7f7f";

export function colorOf(type) {
  return BY_TYPE.get(type) || OTHER;
}

export function dot(type) {
  return h("span", { class: "type-dot", style: { background: colorOf(type) }, "aria-hidden": "true" });
}

export function legend(el) {
  el.replaceChildren(...TYPES.map(([name, color]) =>
    h("span", {}, h("span", { class: "sw", style: { background: color } }), name)));
}
