// The one place that talks to the gateway: bearer token, JSON, problem details, idempotency keys.
import { t, language } from './i18n.js';

const sessionKey = 'alliance.session';

/** The signed-in session ({ accessToken, expiresAt, user }) kept in sessionStorage, or null. */
export function session() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(sessionKey));
    if (!stored?.accessToken) return null;
    if (stored.expiresAt && Date.parse(stored.expiresAt) <= Date.now()) {
      signOut();
      return null;
    }
    return stored;
  } catch {
    return null;
  }
}

export function signOut() {
  sessionStorage.removeItem(sessionKey);
}

let onUnauthorized = () => {};

/** The shell decides where a 401 leads (back to sign-in). */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/** An RFC 9457 problem: title, detail, status and field errors keyed by lower-case field name. */
export class Problem extends Error {
  constructor({ title, detail, status, errors } = {}) {
    super(detail || title);
    this.title = title || t('error.title');
    this.detail = detail || '';
    this.status = status ?? 0;
    this.errors = normaliseFieldErrors(errors);
  }

  /** Whether trying the same request again may succeed: no answer, a timeout, throttling or a server fault. */
  get retryable() {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

// Servers spell field keys as "code", "Code" or "$.code"; the forms look them up by the last segment.
function normaliseFieldErrors(errors) {
  const result = {};
  for (const [key, messages] of Object.entries(errors ?? {})) {
    const field = key.split('.').pop().toLowerCase();
    result[field] = [...(result[field] ?? []), ...[].concat(messages)];
  }
  return result;
}

async function request(method, path, { body, query, token, idempotencyKey } = {}) {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  // The gateway can word its problem details in the language the user chose.
  const headers = { Accept: 'application/json, application/problem+json', 'Accept-Language': language() };
  const bearer = token ?? session()?.accessToken;
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;

  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new Problem({ title: t('error.network') });
  }

  if (response.status === 401 && token === undefined) {
    signOut();
    onUnauthorized();
  }
  const data = await readJson(response);
  if (!response.ok) {
    const fallback = response.status === 403 ? t('error.forbidden') : t('error.status', { status: response.status });
    throw new Problem({ ...(isProblem(data) ? data : {}), title: data?.title || fallback, status: response.status });
  }
  return data;
}

async function readJson(response) {
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

const isProblem = (data) => data !== null && typeof data === 'object' && !Array.isArray(data);

export async function signIn({ role, subsidiaryId, userName }) {
  const issued = await devToken({ role, subsidiaryId, userName });
  const user = await request('GET', '/api/v1/me', { token: issued.accessToken });
  sessionStorage.setItem(sessionKey, JSON.stringify({ ...issued, user }));
  return user;
}

/** Asks the development issuer for a token without keeping it. */
export function devToken({ role, subsidiaryId, userName }) {
  return request('POST', '/api/dev/token', { body: { role, subsidiaryId: subsidiaryId || null, userName }, token: '' });
}

export const get = (path, query) => request('GET', path, { query });
export const getWithToken = (path, query, token) => request('GET', path, { query, token });
export const post = (path, body, idempotencyKey) => request('POST', path, { body, idempotencyKey });
export const put = (path, body) => request('PUT', path, { body });
export const del = (path) => request('DELETE', path);

/**
 * Downloads a file the gateway makes (an export) with the bearer token, which a plain link cannot send: fetched as a
 * blob and saved under the name the gateway gives (Content-Disposition), or the fallback.
 */
export async function download(path, query, fallbackName) {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  const headers = { 'Accept-Language': language() };
  const bearer = session()?.accessToken;
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let response;
  try {
    response = await fetch(url, { headers });
  } catch {
    throw new Problem({ title: t('error.network') });
  }
  if (!response.ok) {
    const data = await readJson(response);
    throw new Problem({ ...(isProblem(data) ? data : {}), title: data?.title || t('error.status', { status: response.status }), status: response.status });
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : fallbackName;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return name;
}

/**
 * One Idempotency-Key per intended create: a retry of the same body (double click, network error) reuses the key,
 * a changed body gets a fresh one, and a success retires it.
 */
export function idempotency() {
  let lastBody = null;
  let key = null;
  return {
    keyFor(body) {
      const serialised = JSON.stringify(body);
      if (serialised !== lastBody) {
        lastBody = serialised;
        key = newUuid();
      }
      return key;
    },
    done() {
      lastBody = null;
      key = null;
    },
  };
}

function newUuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // randomUUID needs a secure context; plain http on a LAN address is not one.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function authorizedHeaders() {
  const headers = { Accept: 'application/json, application/problem+json', 'Accept-Language': language() };
  const bearer = session()?.accessToken;
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  return headers;
}

/**
 * Posts a multipart form (files and fields; null and undefined left out), with an Idempotency-Key when given; answers
 * like the JSON calls: the data, or a Problem.
 */
export async function postForm(path, fields, idempotencyKey) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined && value !== null) body.append(name, value);
  const headers = authorizedHeaders();
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  let response;
  try {
    response = await fetch(new URL(path, location.origin), { method: 'POST', headers, body });
  } catch {
    throw new Problem({ title: t('error.network') });
  }
  if (response.status === 401) {
    signOut();
    onUnauthorized();
  }
  const data = await readJson(response);
  if (!response.ok) {
    const fallback = response.status === 403 ? t('error.forbidden') : t('error.status', { status: response.status });
    throw new Problem({ ...(isProblem(data) ? data : {}), title: data?.title || fallback, status: response.status });
  }
  return data;
}

/** A file behind the bearer token (an attachment, a results file), saved under the name the gateway gives or fileName. */
export const downloadFile = (path, fileName) => download(path, {}, fileName);
