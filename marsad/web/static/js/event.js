// The event page: its facts, the source article(s) with every evidence span highlighted,
// each claim beside the text with its source, stance and figures; discrepancies flagged.
import { h, fill, bidi, text, dirOf } from "./dom.js";
import { get } from "./api.js";
import { dot } from "./colors.js";

const QUAL = { exact: "", more_than: "more than ", at_least: "at least ", less_than: "fewer than ", at_most: "at most ", about: "about ", between: "between ", vague: "~" };

export function figure(q) {
  if (q.low === null || q.low === undefined) return `an unstated number ${text(q.unit)}${q.text ? ` (${text(q.text)})` : ""}`;
  const n = q.low === q.high || q.high === null || q.high === undefined ? text(q.low) : `${text(q.low)}–${text(q.high)}`;
  const qual = q.qualifier === "between" ? "" : (QUAL[q.qualifier] ?? "");
  return `${qual}${n} ${text(q.unit)}`;
}

function sourceLabel(src) {
  if (!src) return "unattributed";
  const parts = [...new Set([src.name, src.name_ar, src.role, src.affiliation].filter(Boolean))];
  return parts.length ? `${parts.join(", ")} (${text(src.type)})` : text(src.type || "unattributed");
}

/** The source's name, Arabic name, role and affiliation, each isolated in its own direction. */
function sourceParts(src) {
  if (!src) return "unattributed";
  const parts = [...new Set([src.name, src.name_ar, src.role, src.affiliation].filter(Boolean))];
  const out = [];
  parts.forEach((p, i) => { if (i) out.push(", "); out.push(h("bdi", { dir: "auto", lang: dirOf(p) === "rtl" ? "ar" : null }, text(p))); });
  out.push(` (${text(src.type || "unattributed")})`);
  return out;
}

/** Text with marked spans, built node by node: spans [{start, end, cls, key, title}] may overlap. */
export function markedText(str, spans) {
  const s = text(str);
  const cuts = new Set([0, s.length]);
  const ok = spans.filter((sp) => Number.isInteger(sp.start) && Number.isInteger(sp.end) && sp.start < sp.end && sp.start >= 0 && sp.end <= s.length);
  for (const sp of ok) { cuts.add(sp.start); cuts.add(sp.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const piece = s.slice(a, b);
    const active = ok.filter((sp) => sp.start <= a && sp.end >= b);
    if (!active.length) { nodes.push(document.createTextNode(piece)); continue; }
    const classes = new Set(active.map((sp) => sp.cls));
    const mark = h("mark", {
      class: [...classes].join(" "),
      "data-keys": active.map((sp) => sp.key).join(" "),
      title: active.map((sp) => sp.title).filter(Boolean).join(" · ") || null,
    }, piece);
    nodes.push(mark);
  }
  return nodes;
}

/** Which article a span belongs to: the one whose text at its offsets is the span's text. */
function articleOf(articles, span) {
  if (span.article_id) {
    const a = articles.find((x) => x.id === span.article_id);
    if (a) return a;
  }
  if (span.text) {
    const a = articles.find((x) => text(x.text).slice(span.start, span.end) === span.text);
    if (a) return a;
  }
  return articles[0];
}

function flash(root, key) {
  const marks = [...root.querySelectorAll("mark")].filter((m) => (m.dataset.keys || "").split(" ").includes(key));
  if (!marks.length) return;
  marks[0].scrollIntoView({ behavior: "smooth", block: "center" });
  for (const m of marks) { m.classList.add("flash"); setTimeout(() => m.classList.remove("flash"), 1600); }
}

function claimCard(c, discrepant, root) {
  const quantities = (c.quantities || []).map((q) => h("span", { class: "badge" }, figure(q)));
  return h("div", {
    class: `claim-card${discrepant ? " discrepant" : ""}`, "data-claim": c.id,
    onclick: () => flash(root, `claim:${c.key || c.id}`),
  },
    h("div", { class: "meta" },
      h("span", { class: `badge ${text(c.stance)}` }, text(c.stance)),
      discrepant ? h("span", { class: "badge warn" }, "sources disagree") : null,
      c.said_on ? ` said on ${text(c.said_on)}` : ""),
    h("div", { class: "source" }, "Source: ", sourceParts(c.source), c.cue ? [" — cue ", h("bdi", { dir: "auto" }, text(c.cue))] : null),
    h("blockquote", { class: "quote", dir: dirOf(c.text), lang: dirOf(c.text) === "rtl" ? "ar" : null }, text(c.text)),
    quantities.length ? h("div", {}, "Figures: ", quantities) : null);
}

/** The reading pane: articles with highlights, claims beside them, discrepancies on top. */
export function reading({ articles, evidence, claims, otherClaims = [], discrepancies, eventLabel }) {
  const root = h("div", {});
  const disc = (discrepancies || []);
  // Claims are keyed "article:claim" in the store (c.key), by their local id in a fresh extraction.
  const discClaims = new Set(disc.flatMap((d) => d.claim_keys || d.claim_ids || []));
  if (disc.length) {
    root.appendChild(h("div", { class: "discrepancies", role: "note" },
      h("strong", {}, "⚠ Sources disagree"),
      h("ul", {}, disc.map((d) => h("li", {}, h("span", { class: "badge" }, text(d.unit)), bidi(d.summary))))));
  }
  const perArticle = new Map(articles.map((a) => [a.id, []]));
  for (const [i, e] of (evidence || []).entries()) {
    const a = articleOf(articles, e);
    if (a) perArticle.get(a.id).push({ start: e.start, end: e.end, cls: "evidence", key: `ev:${i}`, title: eventLabel ? `evidence: ${eventLabel}` : "evidence" });
  }
  for (const c of claims || []) {
    const a = articleOf(articles, c);
    if (a) perArticle.get(a.id).push({ start: c.start, end: c.end, cls: "claim", key: `claim:${c.key || c.id}`, title: `claim: ${sourceLabel(c.source)} (${text(c.stance)})` });
  }
  for (const c of otherClaims) {
    const a = articleOf(articles, c);
    if (a) perArticle.get(a.id).push({ start: c.start, end: c.end, cls: "claim-other", key: `claim:${c.key || c.id}`, title: `other claim: ${sourceLabel(c.source)} (${text(c.stance)})` });
  }
  const texts = h("div", {});
  for (const a of articles) {
    const rtl = a.lang === "ar" || dirOf(a.text) === "rtl";
    texts.appendChild(h("article", { class: "article", "data-article": a.id },
      h("h2", { dir: "auto" }, text(a.title || "Untitled article")),
      h("p", { class: "muted" }, [a.source ? bidi(a.source) : null, a.published ? text(a.published) : null,
        a.url ? h("a", { href: a.url, rel: "noopener noreferrer nofollow", target: "_blank" }, "original") : null]
        .filter(Boolean).flatMap((x, i) => (i ? [" · ", x] : [x]))),
      h("div", { class: "text", dir: rtl ? "rtl" : "ltr", lang: rtl ? "ar" : "en" }, markedText(a.text, perArticle.get(a.id) || []))));
  }
  const side = h("aside", { class: "claims" }, h("h2", {}, `Claims (${(claims || []).length})`),
    (claims || []).length ? claims.map((c) => claimCard(c, discClaims.has(c.key || c.id), root)) : h("p", { class: "muted" }, "No attributed claims."),
    otherClaims.length ? h("details", { class: "other-claims" },
      h("summary", {}, `Other claims in the article${articles.length > 1 ? "s" : ""} (${otherClaims.length})`),
      otherClaims.map((c) => claimCard(c, discClaims.has(c.key), root))) : null);
  root.appendChild(h("div", { class: "reading" }, texts, side));
  return root;
}

function fact(label, value) {
  return h("div", {}, h("span", {}, label), value === null || value === undefined || value === "" ? "—" : (value instanceof Node ? value : bidi(value)));
}

export function eventFacts(ev) {
  const fat = ev.fatalities_low !== null && ev.fatalities_low !== undefined && ev.fatalities_high !== ev.fatalities_low
    ? `${text(ev.fatalities)} (range ${text(ev.fatalities_low)}–${text(ev.fatalities_high ?? "?")})` : text(ev.fatalities ?? 0);
  return h("div", { class: "facts" },
    fact("Date", `${text(ev.event_date)}${ev.time_precision ? ` (precision ${ev.time_precision})` : ""}`),
    fact("Type", h("span", {}, dot(ev.event_type), text(ev.event_type))),
    fact("Sub-type", ev.sub_event_type), fact("Disorder", ev.disorder_type),
    fact("Actor 1", ev.actor1), fact("Actor 2", ev.actor2),
    fact("Associated", [...(ev.assoc_actor_1 || []), ...(ev.assoc_actor_2 || [])].join("; ")),
    fact("Interaction", ev.interaction),
    fact("Location", [ev.location, ev.location_ar && ev.location_ar !== ev.location ? ev.location_ar : null].filter(Boolean).join(" / ")),
    fact("Admin1 / country", [ev.admin1, ev.country].filter(Boolean).join(", ")),
    fact("Coordinates", ev.latitude !== null && ev.latitude !== undefined ? `${ev.latitude}, ${ev.longitude} (precision ${text(ev.geo_precision)})` : null),
    fact("Fatalities", fat), fact("Civilian targeting", ev.civilian_targeting ? "yes" : "no"),
    fact("PLOVER", ev.plover ? [ev.plover.event, ev.plover.mode].filter(Boolean).join(" / ") : null),
    fact("Confidence", ev.confidence), fact("Notes", ev.notes));
}

/** From each source article's document: the discrepancies touching this event's claims, and the
 * article's other claims (not linked to the event, shown apart so that nothing said is hidden). */
async function articleContext(ev, articles) {
  const keys = new Set([...(ev.claim_ids || []), ...(ev.claims || []).map((c) => c.key || c.id)]);
  const discrepancies = [], others = [];
  for (const a of articles.slice(0, 10)) {
    try {
      const full = await get(`articles/${encodeURIComponent(a.id)}`);
      const doc = full.document || full;
      for (const d of doc.discrepancies || []) {
        const claimKeys = (d.claim_ids || []).map((c) => `${a.id}:${c}`);
        if (claimKeys.some((k) => keys.has(k))) discrepancies.push(Object.assign({}, d, { claim_keys: claimKeys }));
      }
      for (const c of doc.claims || []) {
        const key = `${a.id}:${c.id}`;
        if (!keys.has(key)) others.push(Object.assign({}, c, { key, article_id: a.id }));
      }
    } catch (e) { /* without the article's document: nothing more to show */ }
  }
  return { discrepancies: Array.isArray(ev.discrepancies) ? ev.discrepancies : discrepancies, others };
}

export async function showEvent(el, id) {
  fill(el, h("p", { class: "muted" }, "Loading…"));
  let ev;
  try {
    ev = await get(`events/${encodeURIComponent(id)}`);
  } catch (e) {
    fill(el, h("p", { class: "error" }, `Cannot open event ${id}: ${e.message}`));
    return;
  }
  const articles = ev.articles || [];
  const { discrepancies, others } = await articleContext(ev, articles);
  const label = `${text(ev.event_type)} / ${text(ev.sub_event_type)}`;
  fill(el,
    h("div", { class: "event-head" },
      h("h1", {}, dot(ev.event_type), label, " — ", bidi(ev.location || ev.admin1 || ev.country || "unknown place"), " — ", text(ev.event_date)),
      h("p", { class: "muted" }, `event ${text(ev.id)} · ${articles.length} source article(s)`)),
    eventFacts(ev),
    reading({ articles, evidence: ev.evidence || [], claims: ev.claims || [], otherClaims: others, discrepancies, eventLabel: label }));
}
