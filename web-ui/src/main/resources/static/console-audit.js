// Audit: the tenant's hash-chained trail, filtered and paged; CSV export of the same filter; a
// Verify button that says whether the chain is intact.
'use strict';
(function () {
  const { el, get, t, table, form, action, when } = TS;
  let filter = {};
  let page = 0;

  function query(extra) {
    const q = new URLSearchParams();
    Object.entries(filter).forEach(([k, v]) => {
      if (v) {
        q.set(k, k === 'from' || k === 'to' ? new Date(v).toISOString() : v);
      }
    });
    Object.entries(extra || {}).forEach(([k, v]) => q.set(k, v));
    return q.toString();
  }

  async function render(main) {
    const verdict = el('p', { id: 'verify-result', role: 'status' });
    main.appendChild(el('div', { class: 'toolbar' },
      action('Verify', { id: 'verify' }, async () => {
        const v = await get(t('/audit/verify'));
        verdict.className = v.intact ? 'keeps' : 'breaks';
        verdict.textContent = v.intact
          ? 'The chain is intact: ' + v.events + ' events, head ' + (v.headHash || '').substring(0, 16) + '….'
          : 'The chain is broken' + (v.firstBrokenEventId ? ' at event ' + v.firstBrokenEventId : '')
            + (v.checkpointMismatch ? ': ' + v.checkpointMismatch : '') + '.';
      }, (text) => { verdict.textContent = text; }),
      el('a', { id: 'export', href: t('/audit/export?' + query()), download: 'audit.csv' }, 'Export CSV')));
    main.appendChild(verdict);
    const f = form('audit-filter', 'Filter', [
      { name: 'actor', label: 'Actor', value: filter.actor },
      { name: 'action', label: 'Action', placeholder: 'tier.created', value: filter.action },
      { name: 'target', label: 'Target', value: filter.target },
      { name: 'from', label: 'From', type: 'datetime-local', value: filter.from },
      { name: 'to', label: 'To', type: 'datetime-local', value: filter.to },
    ], 'Apply filter', async (v) => {
      filter = v;
      page = 0;
      await TS.refresh();
    });
    main.appendChild(f.node);
    const events = await get(t('/audit?' + query({ page: page, size: 20 })));
    main.appendChild(table('Events ' + (events.totalElements ? (page * 20 + 1) + '–' + (page * 20 + events.content.length) + ' of ' + events.totalElements : ''), [
      { label: 'id', value: (e) => String(e.id) },
      { label: 'when', value: (e) => when(e.occurredAt) },
      { label: 'actor', value: (e) => e.actor },
      { label: 'action', value: (e) => e.action },
      { label: 'target', value: (e) => (e.targetType || '') + ' ' + (e.targetName || '') },
      { label: 'details', value: (e) => el('code', {}, JSON.stringify(e.details || {}).substring(0, 160)) },
    ], events.content, (e) => ({ dataset: { action: e.action } })));
    const pager = el('p', { class: 'row-actions' });
    if (page > 0) {
      pager.appendChild(action('Newer', { id: 'newer' }, async () => { page--; await TS.refresh(); }));
    }
    if (page + 1 < events.totalPages) {
      pager.appendChild(action('Older', { id: 'older' }, async () => { page++; await TS.refresh(); }));
    }
    pager.appendChild(document.createTextNode(' Page ' + (page + 1) + ' of ' + Math.max(1, events.totalPages)));
    main.appendChild(pager);
  }

  TS.section('audit', { title: () => 'Audit', render: render });
})();
