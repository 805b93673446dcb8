// The console's only door to the server: every call carries the bearer token, every error becomes
// an ApiError with the server's code and message, and a 401 from any call ends the session.

const TOKEN_KEY = 'spmis.token';

// An error answer: HTTP status, the server's error code and its message (shown to the user as text).
// `detail` is the whole error object: some refusals carry figures (an over-budget generation's
// total and budget) or a report (a refused payment result file's problems) the screen shows.
export class ApiError extends Error {
    constructor(status, code, message, retryAfter, detail = {}) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;  // seconds, from Retry-After on a 429
        this.detail = detail;
    }
}

// sessionStorage, not localStorage or a cookie: the token dies with the tab and is never sent
// by the browser on its own, so no other site can ride on it.
export const session = {
    token: () => sessionStorage.getItem(TOKEN_KEY),
    set: (token) => sessionStorage.setItem(TOKEN_KEY, token),
    clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

let onUnauthorized = () => {};
// app.js registers what a 401 does (back to login, remembering the page).
export function setUnauthorizedHandler(handler) {
    onUnauthorized = handler;
}

// The raw Response of a call, with the token; a non-2xx answer throws ApiError.
// options: {method, body (JSON-encoded when an object), headers}.
export async function request(path, options = {}) {
    const headers = {...(options.headers || {})};
    const token = session.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    let body = options.body;
    if (body !== undefined && typeof body !== 'string') {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(body);
    }
    const response = await fetch(path, {method: options.method || 'GET', headers, body, cache: 'no-store'});
    if (response.ok) return response;
    const error = await errorOf(response);
    // The login call answers 401 for a wrong password: that is the form's business, not an expiry.
    if (response.status === 401 && !options.anonymous) {
        session.clear();
        onUnauthorized();
    }
    throw error;
}

// The parsed JSON of a call (see request).
export async function json(path, options) {
    const response = await request(path, options);
    return response.json();
}

// A query string from an object, leaving out empty values.
export function query(params) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
        if (value !== undefined && value !== null && value !== '') search.set(key, value);
    }
    const text = search.toString();
    return text ? `?${text}` : '';
}

// Path segments come from the server or the URL hash: encode them so an id cannot change the path.
export const seg = encodeURIComponent;

async function errorOf(response) {
    let code = `http_${response.status}`;
    let text = response.statusText || String(response.status);
    let detail = {};
    try {
        const body = await response.json();
        if (body && body.error) {
            code = body.error.code || code;
            text = body.error.message || text;
            detail = body.error;
        }
    } catch {
        // Not JSON (a proxy's page, an empty body): keep the HTTP status as the message.
    }
    return new ApiError(response.status, code, text, response.headers.get('Retry-After'), detail);
}
