// The shell: header (navigation, language, user), hash routing and the session. Screens are
// modules with render(ctx); the shell shows only the screens and actions the user's permissions
// allow, and the server refuses the rest anyway (403).

import {json, request, session, setUnauthorizedHandler} from './api.js';
import {h, message, replace, select} from './dom.js';
import {initialLanguage, LANGUAGES, language, setLanguage, t} from './i18n.js';
import * as approvals from './screens/approvals.js';
import * as caseScreen from './screens/case.js';
import * as cycle from './screens/cycle.js';
import * as delegations from './screens/delegations.js';
import * as devices from './screens/devices.js';
import * as importScreen from './screens/import.js';
import * as login from './screens/login.js';
import * as monitoring from './screens/monitoring.js';
import * as program from './screens/program.js';
import * as programs from './screens/programs.js';
import * as queue from './screens/queue.js';
import * as registrant from './screens/registrant.js';
import * as registry from './screens/registry.js';

const NEXT_KEY = 'spmis.next';
const EXPIRED_KEY = 'spmis.expired';

// Route patterns; `nav` puts the screen in the header, `permission` hides it from other roles.
const ROUTES = [
    {pattern: ['login'], screen: login, public: true},
    {pattern: ['queue'], screen: queue, nav: 'nav.queue', permission: 'program_read'},
    {pattern: ['case', ':id'], screen: caseScreen, permission: 'program_read'},
    {pattern: ['monitoring'], screen: monitoring, nav: 'nav.monitoring', permission: 'program_read'},
    {pattern: ['programs'], screen: programs, nav: 'nav.programs', permission: 'program_read'},
    {pattern: ['program', ':id'], screen: program, permission: 'program_read'},
    {pattern: ['cycle', ':id'], screen: cycle, permission: 'program_read'},
    {pattern: ['registry'], screen: registry, nav: 'nav.registry', permission: 'registry_read'},
    {pattern: ['registrant', ':id'], screen: registrant, permission: 'registry_read'},
    {pattern: ['import'], screen: importScreen, nav: 'nav.import', permission: 'registry_write'},
    {pattern: ['approvals'], screen: approvals, nav: 'nav.approvals', permission: 'program_read'},
    {pattern: ['devices'], screen: devices, nav: 'nav.devices', permission: 'devices_manage'},
    {pattern: ['delegations'], screen: delegations, nav: 'nav.delegations', permission: 'users_manage'},
];

let me = null;           // {username, role, permissions} of the session, null when logged out
let cleanup = null;      // what the current screen asked to run when it is left (charts)

const can = (permission) => Boolean(me && me.permissions && me.permissions.includes(permission));

// "#/case/abc?status=open" -> {parts: ['case', 'abc'], query: URLSearchParams}.
function parseHash() {
    const text = location.hash.replace(/^#\/?/, '');
    const [path, search = ''] = text.split('?');
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    return {parts, query: new URLSearchParams(search)};
}

function match(parts) {
    for (const route of ROUTES) {
        if (route.pattern.length !== parts.length) continue;
        const params = {};
        const same = route.pattern.every((p, i) => {
            if (p.startsWith(':')) params[p.slice(1)] = parts[i];
            return p.startsWith(':') || p === parts[i];
        });
        if (same) return {route, params};
    }
    return null;
}

// The first screen the role may open: where login and unknown addresses lead.
function home() {
    const first = ROUTES.find((r) => r.nav && can(r.permission));
    return first ? `#/${first.pattern[0]}` : '#/login';
}

function navigate(hash) {
    if (location.hash === hash) render();
    else location.hash = hash;
}

// Going to login from a page: remember it, to come back after login.
function toLogin() {
    const current = location.hash;
    me = null;
    // Several calls of one screen can fail together: the first one decides where to come back.
    if (current.startsWith('#/login')) return;
    if (current) sessionStorage.setItem(NEXT_KEY, current);
    navigate('#/login');
}

// A 401 from any call: the session is over (expired, revoked); the login screen says so.
function sessionEnded() {
    sessionStorage.setItem(EXPIRED_KEY, '1');
    toLogin();
}

// Called by the login screen once a token is stored: loads the permissions, returns to the page.
async function loggedIn() {
    me = await json('/api/v1/auth/me');
    const next = sessionStorage.getItem(NEXT_KEY);
    sessionStorage.removeItem(NEXT_KEY);
    sessionStorage.removeItem(EXPIRED_KEY);
    // render() sends a page the role may not open to the role's first screen.
    navigate(next || home());
}

async function logout() {
    try {
        await request('/api/v1/auth/logout', {method: 'POST'});
    } catch {
        // The token may already be expired or revoked: the session ends on this side regardless.
    }
    session.clear();
    me = null;
    sessionStorage.removeItem(NEXT_KEY);
    sessionStorage.removeItem(EXPIRED_KEY);
    navigate('#/login');
}

function renderHeader(active) {
    const header = document.getElementById('header');
    const skip = h('a', {class: 'skip', href: '#main', onclick: (e) => {
        e.preventDefault();
        document.getElementById('main').focus();
    }}, t('shell.skip'));
    const links = me ? ROUTES.filter((r) => r.nav && can(r.permission)).map((r) => h('li', {},
        h('a', {href: `#/${r.pattern[0]}`, 'aria-current': active === r ? 'page' : false}, t(r.nav)))) : [];
    const languageSelect = select({id: 'language', onchange: (e) => switchLanguage(e.target.value)},
        LANGUAGES, language());
    replace(header,
        skip,
        h('span', {class: 'brand'}, t('shell.title')),
        links.length ? h('nav', {'aria-label': t('shell.navigation')}, h('ul', {}, links)) : null,
        h('div', {class: 'header-tools'},
            h('label', {for: 'language'}, t('shell.language')), languageSelect,
            me ? h('span', {class: 'user'}, t('shell.user', {username: me.username, role: t(`role.${me.role}`)})) : null,
            me ? h('button', {type: 'button', class: 'secondary', onclick: logout}, t('shell.logout')) : null));
}

async function switchLanguage(code) {
    await setLanguage(code);
    await render();
    document.getElementById('language').focus();
}

let renders = 0;

async function render() {
    const mine = ++renders;
    if (cleanup) cleanup();
    cleanup = null;
    const {parts, query} = parseHash();
    if (!session.token()) me = null;
    if (session.token() && !me) {
        try {
            me = await json('/api/v1/auth/me');
        } catch {
            // A 401 has already gone to login; another failure leaves the user logged out.
            if (mine !== renders) return;
        }
    }
    if (mine !== renders) return;
    const found = match(parts);
    if (!found) return navigate(me ? home() : '#/login');
    const {route, params} = found;
    if (!route.public && !me) return toLogin();
    if (!route.public && !can(route.permission)) return navigate(home());
    // A role without any screen here (a field officer) stays on the login screen, which says so.
    if (route.public && me && home() !== '#/login') return navigate(home());
    renderHeader(route);
    // Each render writes into its own section: a slow screen left behind writes into a detached one.
    const section = h('section', {class: 'screen'});
    replace(document.getElementById('main'), section);
    const ctx = {root: section, params, query, me, can, navigate, loggedIn, expired: sessionStorage.getItem(EXPIRED_KEY) === '1',
        setQuery: (values) => navigate(`#/${parts.map(encodeURIComponent).join('/')}${queryText(values)}`)};
    let done = null;
    try {
        done = (await route.screen.render(ctx)) || null;
    } catch (error) {
        // Screens report API errors themselves; this is for the unexpected (a server answer of
        // an unknown shape), so the user sees something rather than a blank page.
        section.append(message('error', error.message));
    }
    if (mine !== renders) {
        if (done) done();
        return;
    }
    cleanup = done;
    settle(section);
}

// The page title follows the screen's heading; focus moves to it so keyboard and screen-reader
// users start at the new content (unless the screen or the language switch holds the focus).
function settle(section) {
    const heading = section.querySelector('h1');
    if (!heading) return;
    document.title = `${heading.textContent} — ${t('shell.title')}`;
    const focus = document.activeElement;
    if (section.contains(focus) || (focus && focus.id === 'language')) return;
    heading.setAttribute('tabindex', '-1');
    heading.focus();
}

function queryText(values) {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) if (v) search.set(k, v);
    const text = search.toString();
    return text ? `?${text}` : '';
}

async function start() {
    await setLanguage(initialLanguage());
    setUnauthorizedHandler(sessionEnded);
    window.addEventListener('hashchange', render);
    await render();
}

start();
