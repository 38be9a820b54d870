// Paste an article: POST /api/extract (or /api/ingest with a token) and show its records
// over the text, with the same reading pane as the event page.
import { h, fill, bidi, text } from "./dom.js";
import { post } from "./api.js";
import { dot } from "./colors.js";
import { reading, eventFacts } from "./event.js";

function showDocument(el, doc, pasted, stored) {
  const art = Object.assign({}, doc.article, { text: pasted });
  const events = doc.events || [];
  fill(el,
    stored ? h("p", { class: "muted" }, `Stored: ${stored.added} new article(s), ${stored.events} event(s).`) : null,
    h("h2", { class: "doc-head" }, `${events.length} event(s), ${(doc.claims || []).length} claim(s) — language ${text(doc.article.lang)}`),
    events.map((ev) => h("details", { class: "paste-event", open: events.length <= 3 },
      h("summary", {}, dot(ev.event_type), `${text(ev.event_date)} · ${text(ev.event_type)} / ${text(ev.sub_event_type)} · `,
        bidi(ev.location || ev.country || "—"), ` · fatalities ${text(ev.fatalities ?? 0)}`),
      eventFacts(ev))),
    reading({ articles: [art], evidence: events.flatMap((e) => e.evidence || []), claims: doc.claims || [],
      discrepancies: doc.discrepancies || [] }),
    h("details", {}, h("summary", {}, "marsad/1 JSON"), h("pre", { dir: "ltr" }, JSON.stringify(doc, null, 1))));
}

export function setupPaste(form, out) {
  async function go(store) {
    const data = new FormData(form);
    const body = { text: data.get("text"), lang: data.get("lang") || "auto" };
    if (data.get("published")) body.published = data.get("published");
    if (data.get("title")) body.title = data.get("title");
    if (!body.text.trim()) { fill(out, h("p", { class: "error" }, "Paste some text first.")); return; }
    fill(out, h("p", { class: "muted" }, "Extracting…"));
    try {
      if (store) {
        const res = await post("ingest", body, data.get("token"));
        showDocument(out, res.documents[0], body.text, res);
      } else {
        showDocument(out, await post("extract", body), body.text, null);
      }
    } catch (e) {
      fill(out, h("p", { class: "error" }, `${e.status || ""} ${e.code || ""}: ${e.message}`));
    }
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); go(false); });
  form.querySelector("#ingest").addEventListener("click", () => go(true));
}
