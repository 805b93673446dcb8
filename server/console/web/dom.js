// The one way this console builds DOM. Children that are strings become text nodes, so a value
// from the server can never turn into markup: nothing in the console parses HTML from a string.

// h('button', {class: 'primary', onclick: fn}, 'Save') -> <button class="primary">Save</button>.
// Attributes starting with "on" become listeners; false/null/undefined attributes are left out;
// `true` gives an empty boolean attribute; children may be nodes, strings, numbers, arrays or null.
export function h(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
        if (value === false || value === null || value === undefined) continue;
        if (name.startsWith('on') && typeof value === 'function') {
            node.addEventListener(name.slice(2), value);
        } else if (name === 'value' && 'value' in node) {
            node.value = value;
        } else {
            node.setAttribute(name, value === true ? '' : String(value));
        }
    }
    append(node, children);
    return node;
}

// Appends children as h() does: strings and numbers as text, arrays flattened, null skipped.
export function append(node, children) {
    for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined || child === false) continue;
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
}

// Empties a node and fills it again: how every screen re-renders a region.
export function replace(node, ...children) {
    node.replaceChildren();
    return append(node, children);
}

// A labelled form field: the label names the control by id, which axe and screen readers need.
let fieldCount = 0;
export function field(label, control, hint) {
    const id = control.id || `f${++fieldCount}`;
    control.id = id;
    const hintNode = hint ? h('span', {class: 'hint', id: `${id}-hint`}, hint) : null;
    if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
    return h('div', {class: 'field'}, h('label', {for: id}, label), control, hintNode);
}

// <select> from [value, label] pairs, the current value selected.
export function select(attrs, options, current) {
    const node = h('select', attrs);
    for (const [value, label] of options) {
        node.append(h('option', {value, selected: value === current}, label));
    }
    return node;
}

// A table with a caption (its accessible name) and one header row; rows are arrays of cells.
export function table(caption, headers, rows, attrs = {}) {
    return h('table', attrs,
        h('caption', {}, caption),
        h('thead', {}, h('tr', {}, headers.map((text) => h('th', {scope: 'col'}, text)))),
        h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c) => h('td', {}, c))))));
}

// Key/value pairs as a description list; objects and arrays shown as JSON text (never markup).
export function details(pairs) {
    return h('dl', {class: 'details'}, pairs.map(([key, value]) => [
        h('dt', {}, key),
        h('dd', {}, display(value)),
    ]));
}

// How a raw server value reads on screen: empty for null, JSON for structures; a node built by
// the screen (a link, a tagged span) stays as it is.
export function display(value) {
    if (value instanceof Node) return value;
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
}

// A status line read out by screen readers when it changes (errors and confirmations).
export function message(kind, text) {
    return h('p', {class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status'}, text);
}
