// Building the DOM safely: every piece of data becomes a text node (textContent),
// never markup. Nothing in the workbench assigns innerHTML.

const SAFE_URL = /^(https?:\/\/|\/|#)/i;

/** h("a", {href, class, dir, onclick}, child, ...): an element; strings become text nodes. */
export function h(tag, attrs = {}, ...children) {
  const el = tag.startsWith("svg:")
    ? document.createElementNS("http://www.w3.org/2000/svg", tag.slice(4))
    : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "href" || key === "src") {
      if (SAFE_URL.test(String(value))) el.setAttribute(key, String(value));
    } else if (key === "style" && typeof value === "object") Object.assign(el.style, value);
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replace an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

export function text(value) {
  return value === null || value === undefined ? "" : String(value);
}

/** The direction of a piece of text: rtl when it is mostly Arabic letters. */
export function dirOf(value) {
  const s = text(value);
  const ar = (s.match(/[\u0600-\u06FF\u0750-\u077F]/g) || []).length;
  const lat = (s.match(/[A-Za-z]/g) || []).length;
  return ar > lat ? "rtl" : "ltr";
}

/** A span of text shown in its own direction and language. */
export function bidi(value, tag = "span") {
  const d = dirOf(value);
  return h(tag, { dir: d, lang: d === "rtl" ? "ar" : null }, text(value));
}

export function status(message) {
  const el = document.getElementById("status");
  if (el) el.textContent = message || "";
}
