// A small time-series line chart drawn as inline SVG: time on x (the last `windowMs` up to
// `now`), one line per series, gaps where a value is null.

import { svg, clear } from './dom.js';

const PAD = { left: 52, right: 12, top: 10, bottom: 26 };

/**
 * Draws `series` ([{name, color, points: [[timeMs, value|null], ...]}]) into the <svg>
 * element `el`, whose viewBox gives the drawing size.
 */
export function drawChart(el, { series, now, windowMs, format }) {
  clear(el);
  const box = el.viewBox.baseVal;
  const width = box.width - PAD.left - PAD.right;
  const height = box.height - PAD.top - PAD.bottom;
  const start = now - windowMs;
  let max = 0;
  for (const s of series) {
    for (const [t, v] of s.points) {
      if (t >= start && v !== null && v > max) max = v;
    }
  }
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1];
  const x = (t) => PAD.left + ((t - start) / windowMs) * width;
  const y = (v) => PAD.top + height - (v / top) * height;

  const grid = svg('g', { class: 'grid' });
  for (const tick of ticks) {
    grid.append(svg('line', { x1: PAD.left, x2: PAD.left + width, y1: y(tick), y2: y(tick) }));
    const label = svg('text', { x: PAD.left - 6, y: y(tick) + 4, 'text-anchor': 'end' });
    label.textContent = format(tick);
    grid.append(label);
  }
  const step = windowMs <= 90000 ? 15000 : windowMs <= 180000 ? 30000 : 60000;
  for (let back = Math.floor(windowMs / step) * step; back >= 0; back -= step) {
    const tx = x(now - back);
    grid.append(svg('line', { class: 'minor', x1: tx, x2: tx, y1: PAD.top, y2: PAD.top + height }));
    const label = svg('text', { x: tx, y: PAD.top + height + 18, 'text-anchor': 'middle' });
    label.textContent = back === 0 ? 'now' : `-${timeLabel(back)}`;
    grid.append(label);
  }
  el.append(grid);

  for (const s of series) {
    const d = pathOf(s.points.filter(([t]) => t >= start), x, y);
    if (d) {
      el.append(svg('path', { class: 'line', d, stroke: s.color, 'data-series': s.name }));
    }
  }
}

function timeLabel(ms) {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  return s % 60 === 0 ? `${s / 60}m` : `${Math.floor(s / 60)}m${s % 60}s`;
}

function pathOf(points, x, y) {
  let d = '';
  let pen = false;
  for (const [t, v] of points) {
    if (v === null || v === undefined || Number.isNaN(v)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(t).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** 0 and four or five round steps covering `max` (1, 2 or 5 times a power of ten). */
export function niceTicks(max) {
  if (!(max > 0)) return [0, 0.25, 0.5, 0.75, 1];
  const rough = max / 4;
  const power = Math.pow(10, Math.floor(Math.log10(rough)));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= rough);
  const ticks = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}
