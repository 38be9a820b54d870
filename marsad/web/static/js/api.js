// The JSON API. Every error arrives in one shape: {error: {status, code, message, details}}.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function parse(resp) {
  let body = null;
  try { body = await resp.json(); } catch (e) { body = null; }
  if (!resp.ok) {
    const err = (body && body.error) || {};
    throw new ApiError(resp.status, err.code || "error", err.message || `HTTP ${resp.status}`);
  }
  return body;
}

export function query(params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") qs.set(k, v);
  const s = qs.toString();
  return s ? `?${s}` : "";
}

export async function get(path, params) {
  return parse(await fetch(`/api/${path}${query(params)}`, { headers: { Accept: "application/json" } }));
}

export async function post(path, body, token) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  return parse(await fetch(`/api/${path}`, { method: "POST", headers, body: JSON.stringify(body) }));
}
