// Field devices: the list, a one-time enrollment code for chosen service points (shown as text
// for the officer to type on the tablet), and revocation with a reason.

import {json, seg} from '../api.js';
import {field, h, message, replace} from '../dom.js';
import {t, term, time} from '../i18n.js';
import {loadLookups, named} from '../lookups.js';

export async function render(ctx) {
    const lookups = await loadLookups(ctx);
    const list = h('div', {class: 'results'});
    replace(ctx.root, h('h1', {}, t('devices.title')), codeForm(lookups), list);
    await showDevices(list, lookups);
}

async function showDevices(list, lookups) {
    let devices;
    try {
        devices = (await json('/api/v1/devices')).devices;
    } catch (error) {
        return replace(list, message('error', error.message));
    }
    if (!devices.length) return replace(list, message('info', t('devices.none')));
    const reload = () => showDevices(list, lookups);
    replace(list, h('table', {class: 'devices'},
        h('caption', {}, t('devices.list')),
        h('thead', {}, h('tr', {}, ['name', 'state', 'service_points', 'registered_at', 'last_sync', 'operations', 'revoked_at', 'actions']
            .map((k) => h('th', {scope: 'col'}, t(`devices.col.${k}`))))),
        h('tbody', {}, devices.map((d) => deviceRow(d, lookups, reload)))));
}

// Last sync and operation counts are shown when the server reports them.
function deviceRow(d, lookups, reload) {
    const ops = d.operations_received ?? d.operations;
    const flagged = d.operations_flagged ?? d.flagged;
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
        h('td', {}, ops === undefined ? '—' : t('devices.ops', {ops, flagged: flagged ?? 0})),
        h('td', {}, time(d.revoked_at)),
        actions);
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
function codeForm(lookups) {
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
            replace(status, h('p', {class: 'code-result'}, t('devices.code_is'), ' ',
                h('code', {class: 'enrollment-code'}, answer.code), ' ', t('devices.expires', {at: time(answer.expires_at)})));
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
