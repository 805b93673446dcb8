// Names for the ids that cases, devices and figures carry: programs and service points, loaded
// once per screen. A role that may not read one of the lists sees ids instead of names.

import {json} from './api.js';

// {programs: Map id -> program, servicePoints: Map id -> service point}.
export async function loadLookups(ctx) {
    const [programs, servicePoints] = await Promise.all([
        ctx.can('program_read') ? json('/api/v1/programs').then((r) => r.programs).catch(() => []) : [],
        ctx.can('registry_read') ? json('/api/v1/service-points').then((r) => r.service_points).catch(() => []) : [],
    ]);
    return {
        programs: new Map(programs.map((p) => [p.id, p])),
        servicePoints: new Map(servicePoints.map((s) => [s.id, s])),
    };
}

// "CODE — Name" of a program or service point, or its id when unknown.
export function named(map, id) {
    if (!id) return '—';
    const item = map.get(id);
    return item ? `${item.code} — ${item.name}` : id;
}

// The kinds of reconciliation case the server opens (sync/include/spmis/sync/conflict_rules.hpp).
export const CASE_TYPES = ['over_redemption', 'entitlement_problem', 'membership_conflict', 'field_conflict', 'clock_skew'];
