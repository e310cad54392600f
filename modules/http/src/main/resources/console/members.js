// Members and their health: from GET /v1/members (Akka Cluster's view), or, on a node that
// does not serve it, the ring's members with their reachability unknown.

import { html, clear } from './dom.js';
import { byNodeName, ownership } from './ring.js';

/**
 * Rows for the table: [{node, status, reachable (true|false|null), address, http, ringMember, admitted}].
 * `members` is the /v1/members body, or null when the node has no such endpoint.
 */
export function memberRows(members, ring) {
  if (members) {
    return [...members.members].sort((a, b) => byNodeName(a.node, b.node));
  }
  const nodes = ring ? [...new Set([...ring.members, ...(ring.transition ? ring.transition.members : [])])] : [];
  return nodes.sort(byNodeName).map((node) => ({ node, status: null, reachable: null, address: null, ringMember: true }));
}

export function drawMembers(tbody, rows, ring, colors, self) {
  clear(tbody);
  const counts = ring ? ownership(ring) : {};
  for (const m of rows) {
    const reach = m.reachable === true ? 'reachable' : m.reachable === false ? 'unreachable' : 'unknown';
    const tr = html('tr', { 'data-node': m.node, 'data-reachable': reach, 'data-status': m.status || 'unknown' });
    const name = html('td', { class: 'node' });
    name.append(html('span', { class: 'swatch', style: `background:${colors[m.node] || '#ccc'}` }));
    name.append(document.createTextNode(m.node));
    if (m.node === self) name.append(html('span', { class: 'tag' }, 'this node'));
    if (m.ringMember === false) {
      // Connected but not admitted: no partitions until `dynakv join <node>`.
      name.append(html('span', { class: 'tag' }, m.admitted === false ? 'not admitted' : 'not in ring'));
    }
    tr.append(name);
    tr.append(html('td', { class: `status s-${(m.status || 'unknown').toLowerCase()}` }, m.status || 'unknown'));
    tr.append(html('td', { class: `reach ${reach}` }, reach));
    const c = counts[m.node];
    const owned = !c ? '–' : c.now === c.next ? String(c.now) : `${c.now} → ${c.next}`;
    tr.append(html('td', { class: 'num' }, owned));
    const address = html('td', { class: 'address' }, m.address || '–');
    // A member announces its HTTP address: its own console (storage, handoff) is one click away.
    if (m.http && m.node !== self) {
      address.append(document.createTextNode(' '));
      address.append(html('a', { class: 'console-link', href: `${m.http}/console/` }, 'console'));
    }
    tr.append(address);
    tbody.append(tr);
  }
}
