// Field devices: the list (last sync, operations received, flagged and rejected), each device's
// refused and flagged operations with the server's reason, a one-time enrollment code for chosen
// service points (as text to type on the tablet and as a QR code its camera reads), and revocation
// with a reason.

import {json, query, seg} from '../api.js';
import {field, h, message, replace, select} from '../dom.js';
import {number, t, term, time} from '../i18n.js';
import {loadLookups, named} from '../lookups.js';

export async function render(ctx) {
    const lookups = await loadLookups(ctx);
    const list = h('div', {class: 'results'});
    // The QR image lives at a blob: URL (the CSP allows blob: images, not data:), freed on leaving.
    const qr = {url: null};
    const free = () => {
        if (qr.url) URL.revokeObjectURL(qr.url);
        qr.url = null;
    };
    const operations = h('section', {class: 'device-operations', 'aria-live': 'polite'});
    replace(ctx.root, h('h1', {}, t('devices.title')), codeForm(lookups, qr, free), list, operations);
    await showDevices(list, lookups, operations);
    return free;
}

async function showDevices(list, lookups, operations) {
    let devices;
    try {
        devices = (await json('/api/v1/devices')).devices;
    } catch (error) {
        return replace(list, message('error', error.message));
    }
    if (!devices.length) return replace(list, message('info', t('devices.none')));
    const reload = () => showDevices(list, lookups, operations);
    const open = (d) => showOperations(operations, d);
    replace(list, h('table', {class: 'devices'},
        h('caption', {}, t('devices.list')),
        h('thead', {}, h('tr', {}, ['name', 'state', 'service_points', 'registered_at', 'last_sync', 'operations', 'revoked_at', 'actions']
            .map((k) => h('th', {scope: 'col'}, t(`devices.col.${k}`))))),
        h('tbody', {}, devices.map((d) => deviceRow(d, lookups, reload, open)))));
}

// Last sync is null for a device that never synced; flagged operations are those the server
// answered other than plain `accepted` (accepted with a case, refused...); rejected ones are the
// refused among them (outside the device's scope or invalid: they changed nothing).
function deviceRow(d, lookups, reload, open) {
    const actions = h('td', {});
    if (d.state !== 'revoked') {
        // Tablets often share a name: the button's accessible name carries the id as well.
        actions.append(h('button', {type: 'button', class: 'danger', 'aria-label': t('devices.revoke_named', {device: d.name, id: d.id}),
            onclick: () => replace(actions, revokeForm(d, reload))}, t('devices.revoke')));
    }
    return h('tr', {'data-device': d.id},
        h('td', {}, d.name, h('br'), h('span', {class: 'hint'}, d.id)),
        h('td', {}, term('device.state', d.state)),
        h('td', {}, (d.service_point_ids || []).map((id) => named(lookups.servicePoints, id)).join(', ') || '—'),
        h('td', {}, time(d.registered_at)),
        h('td', {}, time(d.last_sync_at)),
        h('td', {'data-ops': ''},
            h('span', {}, t('devices.ops', {ops: number(d.operations_received), flagged: number(d.operations_flagged),
                rejected: number(d.operations_rejected)})),
            d.operations_flagged > 0
                ? [h('br'), h('button', {type: 'button', class: 'secondary', 'aria-label': t('devices.show_operations_named', {device: d.name, id: d.id}),
                    onclick: () => open(d)}, t('devices.show_operations'))]
                : null),
        h('td', {}, time(d.revoked_at)),
        actions);
}

const OPERATION_PAGE = 50;

// One device's refused and flagged operations, newest first, a page at a time, by disposition.
async function showOperations(section, d, disposition = '') {
    const title = h('h2', {id: 'operations-title', tabindex: '-1'}, t('devices.operations_of', {device: d.name || d.id}));
    const choice = select({name: 'disposition'}, [['', t('devices.disposition.all')],
        ['rejected', t('devices.disposition.rejected')], ['accepted_flagged', t('devices.disposition.accepted_flagged')]], disposition);
    const filter = h('form', {class: 'filters', onsubmit: (event) => {
        event.preventDefault();
        showOperations(section, d, choice.value);
    }}, field(t('devices.filter.disposition'), choice), h('button', {type: 'submit', class: 'secondary'}, t('devices.filter.apply')));
    const counts = h('p', {class: 'counts'});
    const results = h('div', {class: 'results'});
    const tbody = h('tbody');
    const more = h('button', {type: 'button', class: 'secondary', hidden: true}, t('devices.more_operations'));
    replace(section, title, filter, counts, results);
    let cursor = '';
    const loadPage = async () => {
        more.disabled = true;
        try {
            const page = await json(`/api/v1/sync/operations${query({device: d.id, disposition, limit: OPERATION_PAGE, cursor})}`);
            if (!cursor) replace(counts, t('devices.operation_counts', {rejected: number(page.counts.rejected), flagged: number(page.counts.accepted_flagged)}));
            for (const op of page.operations) tbody.append(operationRow(op));
            cursor = page.next_cursor || '';
            more.hidden = !cursor;
            if (!tbody.children.length) replace(results, message('info', t('devices.no_operations')));
        } catch (error) {
            replace(results, message('error', error.message));
        } finally {
            more.disabled = false;
        }
    };
    more.addEventListener('click', loadPage);
    replace(results, h('table', {class: 'device-operations'},
        h('caption', {}, t('devices.operations_caption', {device: d.name || d.id})),
        h('thead', {}, h('tr', {}, ['received_at', 'seq', 'op_type', 'record', 'officer', 'device_time', 'disposition', 'reason']
            .map((k) => h('th', {scope: 'col'}, t(`devices.op.${k}`))))),
        tbody), more);
    await loadPage();
    title.focus();
}

function operationRow(op) {
    return h('tr', {'data-seq': op.device_seq},
        h('td', {}, time(op.received_at)),
        h('td', {}, number(op.device_seq)),
        h('td', {}, op.op_type),
        h('td', {}, op.record_kind || '—', h('br'), h('span', {class: 'hint'}, op.record_id)),
        h('td', {}, op.officer || '—'),
        h('td', {}, time(op.device_time)),
        h('td', {}, term('devices.disposition', op.disposition)),
        h('td', {'data-reason': ''}, op.reason));
}

function revokeForm(d, reload) {
    const reason = h('input', {name: 'reason', required: true});
    const status = h('div', {class: 'form-status'});
    const form = h('form', {class: 'inline', onsubmit: async (event) => {
        event.preventDefault();
        try {
            await json(`/api/v1/devices/${seg(d.id)}/revoke`, {method: 'POST', body: {reason: reason.value}});
            await reload();
        } catch (error) {
            replace(status, message('error', error.message));
        }
    }},
    field(t('devices.reason', {device: d.name || d.id}), reason),
    h('button', {type: 'submit', class: 'danger'}, t('devices.confirm_revoke')),
    h('button', {type: 'button', class: 'secondary', onclick: () => reload()}, t('common.cancel')),
    status);
    queueMicrotask(() => reason.focus());
    return form;
}

// Service points as checkboxes when the role may read them; otherwise their codes typed in.
function codeForm(lookups, qr, free) {
    const points = [...lookups.servicePoints.values()];
    const boxes = points.map((sp) => h('input', {type: 'checkbox', name: 'service_point', value: sp.code}));
    const codes = h('input', {name: 'codes'});
    const status = h('div', {class: 'form-status', 'aria-live': 'polite'});
    const chosen = () => (points.length
        ? boxes.filter((b) => b.checked).map((b) => b.value)
        : codes.value.split(',').map((c) => c.trim()).filter(Boolean));
    return h('form', {class: 'card', 'aria-labelledby': 'code-title', onsubmit: async (event) => {
        event.preventDefault();
        try {
            const answer = await json('/api/v1/devices/enrollment-codes', {method: 'POST', body: {service_point_codes: chosen()}});
            free();
            if (answer.qr_png_base64) qr.url = pngUrl(answer.qr_png_base64);
            replace(status, h('div', {class: 'code-result'},
                h('p', {}, t('devices.code_is'), ' ', h('code', {class: 'enrollment-code'}, answer.code), ' ',
                    t('devices.expires', {at: time(answer.expires_at)})),
                qr.url ? h('img', {class: 'qr', src: qr.url, alt: t('devices.qr_alt', {code: answer.code})}) : null));
        } catch (error) {
            replace(status, message('error', error.message));
        }
    }},
    h('h2', {id: 'code-title'}, t('devices.new_code')),
    points.length
        ? h('fieldset', {}, h('legend', {}, t('devices.service_points')),
            h('div', {class: 'checks'}, points.map((sp, i) => h('label', {class: 'check'}, boxes[i], ` ${sp.code} — ${sp.name}`))))
        : field(t('devices.codes'), codes, t('devices.codes_hint')),
    h('button', {type: 'submit', class: 'primary'}, t('devices.create_code')),
    status);
}

// base64 PNG bytes from the server -> an object URL the <img> shows.
function pngUrl(base64) {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return URL.createObjectURL(new Blob([bytes], {type: 'image/png'}));
}
