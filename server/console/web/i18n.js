// Strings come from one catalogue per language (i18n/<lang>.json); nothing on screen is written
// in code. The language is the user's choice for this tab, else the browser's.

const LANG_KEY = 'spmis.lang';
export const LANGUAGES = [['en', 'English'], ['fr', 'Français']];

let lang = 'en';
let strings = {};

// The language to start with: the tab's earlier choice, else navigator.language, else English.
export function initialLanguage() {
    const chosen = sessionStorage.getItem(LANG_KEY);
    if (LANGUAGES.some(([code]) => code === chosen)) return chosen;
    const browser = (navigator.language || 'en').slice(0, 2).toLowerCase();
    return LANGUAGES.some(([code]) => code === browser) ? browser : 'en';
}

// Loads a catalogue and makes it current; remembers the choice for this tab.
export async function setLanguage(code) {
    const response = await fetch(`i18n/${code}.json`, {cache: 'no-store'});
    if (!response.ok) throw new Error(`catalogue ${code}: HTTP ${response.status}`);
    strings = await response.json();
    lang = code;
    sessionStorage.setItem(LANG_KEY, code);
    document.documentElement.lang = code;
}

export const language = () => lang;

// The string for a key with {name} placeholders filled; the key itself when missing, so a gap
// shows on screen instead of an empty label.
export function t(key, vars = {}) {
    const text = strings[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

// A label for a server enumeration value (state, case type...), the raw value when not catalogued.
export function term(group, value) {
    const key = `${group}.${value}`;
    return key in strings ? strings[key] : String(value);
}

// Numbers in the reader's conventions.
export function number(value, options = {}) {
    if (value === null || value === undefined) return '—';
    return new Intl.NumberFormat(lang, options).format(value);
}

// A ratio 0..1 as a percentage with one decimal.
export function percent(ratio) {
    return number(ratio, {style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1});
}

// Minor units as money: the server always counts two decimals (shared/base money.cpp).
export function money(minor, currency) {
    if (minor === null || minor === undefined) return '—';
    if (!currency) return number(minor / 100, {minimumFractionDigits: 2, maximumFractionDigits: 2});
    return number(minor / 100, {style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2});
}

// What a user typed as an amount ("500", "500.5", "500,50") in minor units, null when it is not
// one. Read as text, not as a float, so 0.29 is 29 and never 28.999...
export function parseMoney(text) {
    const found = /^(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(String(text).trim());
    if (!found) return null;
    return Number(found[1]) * 100 + Number((found[2] || '').padEnd(2, '0'));
}

// An RFC 3339 time as date and time in UTC, the zone the server keeps (so two readers agree).
export function time(text) {
    if (!text) return '—';
    const date = new Date(text);
    if (Number.isNaN(date.getTime())) return String(text);
    return new Intl.DateTimeFormat(lang, {dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC'})
        .format(date) + ' UTC';
}

// How long ago, in the largest whole unit (the queue's "age"), measured against `now`.
export function age(text, now = Date.now()) {
    const then = new Date(text).getTime();
    if (Number.isNaN(then)) return '—';
    // A server on a test clock ahead of this browser: an age would be negative, show the time.
    if (then > now + 60000) return time(text);
    const minutes = Math.round((now - then) / 60000);
    const format = new Intl.RelativeTimeFormat(lang, {numeric: 'always', style: 'short'});
    if (minutes < 60) return format.format(-minutes, 'minute');
    if (minutes < 48 * 60) return format.format(-Math.round(minutes / 60), 'hour');
    return format.format(-Math.round(minutes / 1440), 'day');
}
