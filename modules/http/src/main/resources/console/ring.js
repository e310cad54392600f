// The ring as a donut: one segment per partition in the colour of the node that owns it now.
// During a transition, a partition changing owner is drawn faded with an outer band in the
// colour of its next owner.

import { svg, html, clear } from './dom.js';

const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#86bcb6'];

/** A stable colour per node name: nodes sorted by name take the palette in order. */
export function colorsFor(nodes) {
  const colors = {};
  [...new Set(nodes)].sort(byNodeName).forEach((node, i) => {
    colors[node] = i < PALETTE.length ? PALETTE[i] : `hsl(${(i * 137.5) % 360} 55% 55%)`;
  });
  return colors;
}

/** node-2 before node-10. */
export function byNodeName(a, b) {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** Partitions per node now and after the transition: {node: {now, next}}. */
export function ownership(ring) {
  const counts = {};
  const next = ring.transition ? ring.transition.owners : ring.owners;
  const nodes = [...ring.members, ...(ring.transition ? ring.transition.members : [])];
  for (const node of nodes) counts[node] = { now: 0, next: 0 };
  ring.owners.forEach((o) => ((counts[o] ||= { now: 0, next: 0 }).now += 1));
  next.forEach((o) => ((counts[o] ||= { now: 0, next: 0 }).next += 1));
  return counts;
}

export function drawRing(el, ring, colors) {
  clear(el);
  const p = ring.partitions;
  const next = ring.transition ? ring.transition.owners : ring.owners;
  let moving = 0;
  const cx = 160;
  const cy = 160;
  const slice = (2 * Math.PI) / p;
  const gap = p > 128 ? 0 : slice * 0.04;
  const segments = svg('g', { class: 'segments' });
  for (let i = 0; i < p; i++) {
    const owner = ring.owners[i];
    const isMoving = next[i] !== owner;
    const from = i * slice + gap;
    const to = (i + 1) * slice - gap;
    const seg = svg('path', {
      class: isMoving ? 'seg moving' : 'seg',
      d: arc(cx, cy, 96, 138, from, to),
      fill: colors[owner] || '#999',
      'data-partition': i,
      'data-owner': owner,
    });
    const title = svg('title');
    title.textContent = isMoving ? `partition ${i}: ${owner} → ${next[i]}` : `partition ${i}: ${owner}`;
    seg.append(title);
    segments.append(seg);
    if (isMoving) {
      moving++;
      seg.setAttribute('data-next', next[i]);
      segments.append(svg('path', { class: 'next', d: arc(cx, cy, 142, 152, from, to), fill: colors[next[i]] || '#999' }));
    }
  }
  el.append(segments);
  const big = svg('text', { x: cx, y: cy - 2, class: 'ring-count', 'text-anchor': 'middle' });
  big.textContent = String(p);
  const small = svg('text', { x: cx, y: cy + 20, class: 'ring-caption', 'text-anchor': 'middle' });
  small.textContent = moving > 0 ? `partitions · ${moving} moving` : 'partitions';
  el.append(big, small);
  el.setAttribute('data-partitions', p);
  el.setAttribute('data-epoch', ring.epoch);
  el.setAttribute('data-moving', moving);
  return moving;
}

function arc(cx, cy, r0, r1, a0, a1) {
  // Angles from 12 o'clock, clockwise.
  const pt = (r, a) => `${(cx + r * Math.sin(a)).toFixed(2)},${(cy - r * Math.cos(a)).toFixed(2)}`;
  const large = a1 - a0 > Math.PI ? 1 : 0;
  return `M${pt(r1, a0)}A${r1},${r1} 0 ${large} 1 ${pt(r1, a1)}L${pt(r0, a1)}A${r0},${r0} 0 ${large} 0 ${pt(r0, a0)}Z`;
}

/** One row per node: partitions owned now (and after the transition), share of the ring. */
export function drawOwners(tbody, ring, colors) {
  clear(tbody);
  const counts = ownership(ring);
  for (const node of Object.keys(counts).sort(byNodeName)) {
    const c = counts[node];
    const tr = html('tr', { 'data-owner': node, 'data-count': c.now });
    const name = html('td', { class: 'node' });
    name.append(html('span', { class: 'swatch', style: `background:${colors[node]}` }), document.createTextNode(node));
    const owned = html('td', { class: 'num' }, String(c.now));
    if (ring.transition && c.next !== c.now) {
      tr.setAttribute('data-next-count', c.next);
      owned.append(html('span', { class: 'next-count' }, ` → ${c.next}`));
    }
    const share = html('td', { class: 'num' }, `${((100 * c.now) / ring.partitions).toFixed(1)}%`);
    tr.append(name, owned, share);
    tbody.append(tr);
  }
}
