// The event table: sortable by clicking a header (server-side sort), a row opens the event.
import { h, bidi, text } from "./dom.js";
import { dot } from "./colors.js";

export function drawTable(table, items, sort, onSort) {
  const field = sort.replace(/^-/, ""), desc = sort.startsWith("-");
  for (const th of table.querySelectorAll("th[data-sort]")) {
    th.classList.toggle("sorted-asc", th.dataset.sort === field && !desc);
    th.classList.toggle("sorted-desc", th.dataset.sort === field && desc);
    const col = th.dataset.sort;
    th.onclick = () => onSort(col === field && !desc ? `-${col}` : col);
  }
  const body = table.querySelector("tbody");
  if (!items.length) {
    body.replaceChildren(h("tr", {}, h("td", { colspan: 9, class: "muted" }, "No events match these filters.")));
    return;
  }
  body.replaceChildren(...items.map((ev) => h("tr", {
    "data-id": ev.id,
    onclick: () => { location.hash = `#/event/${encodeURIComponent(ev.id)}`; },
  },
    h("td", {}, text(ev.event_date)),
    h("td", {}, dot(ev.event_type), text(ev.event_type)),
    h("td", {}, text(ev.sub_event_type)),
    h("td", {}, bidi(ev.actor1)), h("td", {}, bidi(ev.actor2)),
    h("td", {}, bidi(ev.country)), h("td", {}, bidi(ev.admin1)),
    h("td", {}, h("a", { href: `#/event/${encodeURIComponent(ev.id)}` }, bidi(ev.location || "—"))),
    h("td", {}, text(ev.fatalities ?? 0)))));
}
