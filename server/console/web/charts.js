// Chart.js (global `Chart`, served by spmis-server from Debian's libjs-chart.js) behind one helper.
// A canvas is a picture to screen readers: each chart carries a label and sits next to the table
// holding the same figures, which is the text equivalent.

import {h} from './dom.js';

// Colours with at least 3:1 contrast against white (WCAG non-text contrast).
const PALETTE = ['#1f5fa8', '#b3541e', '#2e7d32', '#7b3fa0', '#8a6d00', '#c2185b', '#00796b', '#5d4037'];

// Appends a <figure> with a chart to `container` (already in the document, so Chart.js can size
// it) and returns a function destroying the chart. Without Chart.js (a server built without the
// Debian package) nothing is drawn and the table alone tells the figures.
// datasets: [{label, data: [numbers]}]; kind 'bar' or 'line'; stacked for stacked bars.
export function chart(container, label, labels, datasets, {kind = 'bar', stacked = false} = {}) {
    if (typeof window.Chart !== 'function') return () => {};
    const canvas = h('canvas', {role: 'img', 'aria-label': label});
    container.append(h('figure', {class: 'chart'}, h('div', {class: 'chart-box'}, canvas), h('figcaption', {}, label)));
    const instance = new window.Chart(canvas, {
        type: kind,
        data: {labels, datasets: datasets.map((d, i) => ({...d,
            backgroundColor: PALETTE[i % PALETTE.length], borderColor: PALETTE[i % PALETTE.length]}))},
        options: {
            animation: false,  // figures, not a show; and screenshots taken at once are complete
            maintainAspectRatio: false,
            scales: {x: {stacked}, y: {stacked, beginAtZero: true}},
            plugins: {legend: {display: datasets.length > 1}},
        },
    });
    return () => instance.destroy();
}
