// The field officer's screen. Every action goes to this device's local API, which runs the same
// commands as spmis-field's command line; nothing here decides a rule. Values from the store are
// always set as text, never as HTML.
import {currentLanguage, setLanguage, t, translatePage} from './i18n.js';

// The per-start secret arrives in the address fragment (never sent over the network); it and the
// officer's session token live in this tab's sessionStorage only.
const fragment = new URLSearchParams(location.hash.slice(1));
if (fragment.get('k')) {
    sessionStorage.setItem('spmis-field-secret', fragment.get('k'));
    history.replaceState(null, '', location.pathname);
}
const secret = () => sessionStorage.getItem('spmis-field-secret') || '';
const token = () => sessionStorage.getItem('spmis-field-token') || '';

const main = document.getElementById('main');
const message = document.getElementById('message');

function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
        if (name === 'text') node.textContent = value;
        else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
        else node.setAttribute(name, value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
}

function say(text, kind = 'info') {
    message.textContent = text;
    message.className = kind;
}

async function call(action, body = {}) {
    const png = body instanceof Blob;
    const response = await fetch(`/local/${action}`, {
        method: 'POST',
        headers: {'Content-Type': png ? 'image/png' : 'application/json', 'X-Spmis-Secret': secret(),
                  ...(token() ? {'Authorization': `Bearer ${token()}`} : {})},
        body: png ? body : JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({ok: false, error: {message: response.statusText}}));
    if (response.status === 401 && action !== 'signin') {
        sessionStorage.removeItem('spmis-field-token');
        showSignIn();
    }
    // A refusal keeps its answer: a refused credential still carries its verdict.
    if (!response.ok) throw Object.assign(new Error(answer.error?.message || answer.code || response.statusText), {answer});
    return answer;
}

function screen(title, ...content) {
    main.replaceChildren(el('h1', {text: title}), ...content.filter(Boolean));
    main.focus();
}

function field(labelKey, input) {
    return el('label', {}, el('span', {text: t(labelKey)}), input);
}

function showSignIn() {
    document.getElementById('nav').hidden = true;
    const officer = el('input', {name: 'officer', autocomplete: 'username', required: ''});
    const pin = el('input', {name: 'pin', type: 'password', inputmode: 'numeric', autocomplete: 'current-password', required: ''});
    const form = el('form', {onsubmit: async (event) => {
        event.preventDefault();
        try {
            const answer = await call('signin', {officer: officer.value, pin: pin.value});
            sessionStorage.setItem('spmis-field-token', answer.token);
            say('');
            showToday();
        } catch (error) {
            pin.value = '';
            say(t('error', {message: error.message}), 'error');
        }
    }}, field('signin.officer', officer), field('signin.pin', pin),
    el('button', {type: 'submit', text: t('signin.go')}));
    screen(t('signin.title'), form);
}

function row(label, value) {
    return el('div', {class: 'row'}, el('span', {class: 'label', text: label}), el('span', {text: value}));
}

// "2026-12-10 08:00–16:00": an event as the officer reads it (times as pulled, UTC).
function eventText(e) {
    const day = (e.starts_at || '').slice(0, 10);
    return `${day} ${(e.starts_at || '').slice(11, 16)}–${(e.ends_at || '').slice(11, 16)}`;
}

// The event attendance is recorded at: choose one of this device's events, or close the open one.
function eventForm(events, open, suggested) {
    if (open) {
        return el('button', {type: 'button', class: 'secondary', text: t('today.closeEvent'), onclick: () =>
            call('close_event').then(showToday, (error) => say(t('error', {message: error.message}), 'error'))});
    }
    if (events.length === 0) return null;
    // Preselected: the event running now, else the next (the same choice as `event list`'s ">").
    const select = el('select', {name: 'event'}, ...events.map((e) => {
        const option = el('option', {value: e.id, text: eventText(e)});
        option.selected = e.id === suggested;
        return option;
    }));
    return el('form', {onsubmit: async (event) => {
        event.preventDefault();
        try {
            await call('open_event', {event_id: select.value});
            say('');
            showToday();
        } catch (error) {
            say(t('error', {message: error.message}), 'error');
        }
    }}, field('today.chooseEvent', select), el('button', {type: 'submit', text: t('today.openEvent')}));
}

async function showToday() {
    document.getElementById('nav').hidden = false;
    try {
        const [s, listed] = await Promise.all([call('status'), call('events')]);
        const open = listed.events.find((e) => e.id === s.open_event);
        const attention = s.attention.length === 0 ? el('p', {text: t('today.nothing')})
            : el('ul', {}, ...s.attention.map((a) => el('li', {text: `#${a.device_seq} ${a.op_type} ${a.disposition}${a.reason ? ': ' + a.reason : ''}`})));
        screen(t('today.title'),
            row(t('today.pending'), String(s.pending)),
            row(t('today.lastSync'), s.last_sync || t('today.never')),
            row(t('today.event'), open ? eventText(open) : s.open_event || t('today.noEvent')),
            eventForm(listed.events, s.open_event, listed.suggested_event),
            row(t('today.served'), t('today.servedOf', {served: s.distribution.served, expected: s.distribution.beneficiaries})),
            row(t('today.handedOut'), s.distribution.handed_out.map((h) => h.text).join(', ') || t('today.nothingYet')),
            s.open_event ? row(t('today.attended'), String(s.distribution.attended)) : null,
            el('h2', {text: t('today.attention')}), attention);
    } catch (error) {
        say(t('error', {message: error.message}), 'error');
    }
}

function showFind(initial = '') {
    const query = el('input', {name: 'query', type: 'search', value: initial, required: ''});
    const results = el('div', {id: 'results'});
    const form = el('form', {onsubmit: async (event) => {
        event.preventDefault();
        say(t('working'));
        try {
            const answer = await call('find', {query: query.value});
            say('');
            results.replaceChildren(...(answer.results.length === 0 ? [el('p', {text: t('find.none')})]
                : answer.results.map((p) => el('button', {type: 'button', class: 'person', onclick: () => showPerson(p, query.value)},
                    el('strong', {text: p.name}), el('span', {text: p.national_id || ''})))));
        } catch (error) {
            say(t('error', {message: error.message}), 'error');
        }
    }}, field('find.query', query), el('button', {type: 'submit', text: t('find.go')}));
    screen(t('find.title'), form, results);
}

function entitlementCard(person, e, query) {
    const quantity = el('input', {name: 'quantity', inputmode: 'decimal'});
    const collector = el('input', {name: 'collector'});
    const relation = el('input', {name: 'relation'});
    const reason = el('textarea', {name: 'reason', rows: '2'});
    const receipt = el('div', {class: 'receipt', 'aria-live': 'polite'});
    const redeem = el('form', {onsubmit: async (event) => {
        event.preventDefault();
        try {
            const answer = await call('redeem', {entitlement_id: e.id, quantity: quantity.value,
                collector: collector.value, relation: relation.value, override_reason: reason.value});
            receipt.replaceChildren(el('h3', {text: t('serve.receipt')}),
                el('p', {text: t('serve.handedOut', {quantity: answer.quantity_text, name: person.name, left: answer.left_text})}),
                el('p', {class: 'small', text: answer.redemption_id}));
            say('');
        } catch (error) {
            say(t('error', {message: error.message}), 'error');
        }
    }}, field('serve.quantity', quantity), field('serve.collector', collector), field('serve.relation', relation),
    field('serve.reason', reason), el('button', {type: 'submit', text: t('serve.redeem')}));
    const issue = el('button', {type: 'button', class: 'secondary', onclick: () => showIssued(person, e), text: t('credential.issue')});
    return el('section', {class: 'entitlement', 'data-entitlement': e.id},
        el('h3', {text: `${e.item || e.kind} — ${e.state}`}),
        el('p', {class: 'balance', text: t('person.remaining', {remaining: e.remaining_text, grant: e.grant_text})}),
        el('p', {text: t('person.valid', {from: e.valid_from, until: e.valid_until})}),
        e.warning ? el('p', {class: 'warning', text: t('person.warning', {why: e.warning})}) : null,
        redeem, receipt, issue);
}

// A signed credential for the beneficiary to keep: the QR code full width, printable.
async function showIssued(person, e) {
    try {
        const answer = await call('credential', {entitlement_id: e.id});
        const url = URL.createObjectURL(new Blob([answer.qr_svg], {type: 'image/svg+xml'}));
        const img = el('img', {class: 'qr', src: url, alt: t('credential.qr', {name: person.name})});
        screen(t('credential.issued', {name: person.name}), img,
            el('p', {class: 'small credential-text', text: answer.text}),
            el('button', {type: 'button', onclick: () => window.print(), text: t('credential.print')}));
    } catch (error) {
        say(t('error', {message: error.message}), 'error');
    }
}

function verdictText(answer) {
    const name = answer.claims?.full_name || answer.claims?.sub || '';
    const key = `verdict.${answer.code}`;
    return t(key) === key ? t('verdict.other', {code: answer.code}) : t(key, {name});
}

// Checks a credential: typed or pasted text, or frames from the camera decoded by the device.
function showCredential() {
    const text = el('input', {name: 'credential'});
    const verdict = el('p', {id: 'verdict', class: 'verdict', 'aria-live': 'polite'});
    const show = (answer) => {
        verdict.textContent = verdictText(answer);
        verdict.className = `verdict ${answer.ok ? 'good' : 'bad'}`;
    };
    const form = el('form', {onsubmit: async (event) => {
        event.preventDefault();
        try {
            show(await call('verify', {text: text.value}));
        } catch (error) {
            if (error.answer?.code) show(error.answer);
            else say(t('error', {message: error.message}), 'error');
        }
    }}, field('credential.text', text), el('button', {type: 'submit', text: t('credential.check')}));
    const video = el('video', {class: 'camera', muted: '', playsinline: ''});
    let stream = null;
    const stop = () => {
        stream?.getTracks().forEach((track) => track.stop());
        stream = null;
        video.hidden = true;
    };
    const scanOnce = async () => {
        if (!stream) return;
        const canvas = document.createElement('canvas');
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        if (canvas.width > 0) {
            canvas.getContext('2d').drawImage(video, 0, 0);
            const frame = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
            const response = await fetch('/local/scan', {method: 'POST', body: frame,
                headers: {'Content-Type': 'image/png', 'X-Spmis-Secret': secret(), 'Authorization': `Bearer ${token()}`}});
            const answer = await response.json().catch(() => ({}));
            // 400: no QR code in this frame yet; anything else is the verdict.
            if (response.status !== 400 && answer.code) {
                show(answer);
                stop();
                return;
            }
        }
        setTimeout(scanOnce, 300);
    };
    const camera = el('button', {type: 'button', class: 'secondary', onclick: async () => {
        if (stream) return stop();
        try {
            stream = await navigator.mediaDevices.getUserMedia({video: {facingMode: 'environment'}});
            video.srcObject = stream;
            video.hidden = false;
            await video.play();
            verdict.textContent = t('credential.looking');
            scanOnce();
        } catch (error) {
            say(t('error', {message: error.message}), 'error');
        }
    }, text: t('credential.camera')});
    video.hidden = true;
    screen(t('credential.title'), form, camera, video, verdict);
}

function showPerson(p, query) {
    const attend = el('button', {type: 'button', onclick: async () => {
        try {
            await call('attend', {registrant_id: p.registrant_id});
            say(t('serve.attended'));
        } catch (error) {
            say(t('error', {message: error.message}), 'error');
        }
    }, text: t('serve.attend')});
    screen(p.name,
        row('ID', p.national_id || p.registrant_id),
        el('h2', {text: t('person.household')}),
        el('ul', {}, ...p.household.map((m) => el('li', {text: `${m.name} (${m.kind})${m.national_id ? ' ' + m.national_id : ''}`}))),
        el('h2', {text: t('person.memberships')}),
        el('ul', {}, ...p.memberships.map((m) => el('li', {text: `${m.id}: ${m.state}`}))),
        attend,
        el('h2', {text: t('person.entitlements')}),
        ...p.entitlements.map((e) => entitlementCard(p, e, query)));
}

function showSync() {
    const result = el('p', {id: 'sync-result'});
    const go = el('button', {type: 'button', onclick: async () => {
        say(t('working'));
        try {
            const r = await call('sync');
            result.textContent = t('sync.result', r);
            say('');
        } catch (error) {
            say(t('error', {message: error.message}), 'error');
        }
    }, text: t('sync.go')});
    screen(t('sync.title'), go, result);
}

const screens = {today: showToday, find: () => showFind(), credential: showCredential, sync: showSync};
for (const button of document.querySelectorAll('#nav [data-screen]')) {
    button.addEventListener('click', () => screens[button.dataset.screen]());
}
document.getElementById('signout').addEventListener('click', async () => {
    await call('signout').catch(() => {});
    sessionStorage.removeItem('spmis-field-token');
    showSignIn();
});
const languageSelect = document.getElementById('language');
languageSelect.value = currentLanguage();
languageSelect.addEventListener('change', () => {
    setLanguage(languageSelect.value);
    translatePage();
    (token() ? showToday : showSignIn)();
});
setLanguage(currentLanguage());
translatePage();
(token() ? showToday : showSignIn)();
