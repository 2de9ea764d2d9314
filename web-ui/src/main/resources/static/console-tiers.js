// Tiers: each tier's promise and whether the active version on each cascade keeps it; create and
// edit (accuracy tolerance or latency budget, deadline, priority, limits).
'use strict';
(function () {
  const { el, get, api, t, enc, table, form, action, notice, num, state } = TS;

  function promise(tier) {
    return tier.objective === 'ACCURACY_TOLERANCE'
      ? 'accuracy at most ' + tier.accuracyTolerance + ' below the best stage'
      : 'mean latency at most ' + tier.latencyBudgetMs + ' ms';
  }

  function serving(tier) {
    if (!tier.serving || tier.serving.length === 0) {
      return el('span', { class: 'muted' }, 'no active version yet');
    }
    return el('ul', { class: 'plain' }, tier.serving.map((s) => el('li', { dataset: { cascade: s.cascade } },
      s.cascade + ' (' + s.deviceClass + ', v' + s.versionNumber + '): ',
      el('span', { class: 'status-' + s.status }, s.status),
      s.keepsPromise === true ? el('span', { class: 'keeps' }, ' keeps its promise')
        : s.keepsPromise === false ? el('span', { class: 'breaks' }, ' misses its promise') : '',
      ' · accuracy ' + num(s.heldOutAccuracy, 4) + ', ' + num(s.heldOutMeanLatencyMs, 4) + ' ms')));
  }

  function tierForm(existing) {
    const e = existing || {};
    return form(existing ? 'edit-tier' : 'new-tier', existing ? 'Edit tier ' + e.name : 'New tier', [
      { name: 'name', label: 'Name', required: true, value: e.name },
      { name: 'description', label: 'Description', value: e.description },
      {
        name: 'objective', label: 'Promise', type: 'select', value: e.objective || 'ACCURACY_TOLERANCE',
        options: [{ value: 'ACCURACY_TOLERANCE', label: 'accuracy tolerance' }, { value: 'LATENCY_BUDGET', label: 'latency budget' }],
      },
      { name: 'accuracyTolerance', label: 'Accuracy tolerance (0–1)', type: 'number', step: 'any', value: e.accuracyTolerance, hint: 'For an accuracy tolerance: at most this much below the best stage.' },
      { name: 'latencyBudgetMs', label: 'Latency budget (ms)', type: 'number', step: 'any', value: e.latencyBudgetMs, hint: 'For a latency budget: the mean latency at most this.' },
      { name: 'deadlineMs', label: 'Deadline (ms)', type: 'number', step: 'any', value: e.deadlineMs },
      { name: 'priority', label: 'Priority (0–9)', type: 'number', step: '1', value: e.priority !== undefined ? e.priority : 0 },
      { name: 'rateLimitPerSecond', label: 'Rate limit (per second)', type: 'number', step: '1', value: e.rateLimitPerSecond },
      { name: 'quotaPerDay', label: 'Quota (per UTC day)', type: 'number', step: '1', value: e.quotaPerDay },
      { name: 'deviceClass', label: 'Device class', type: 'select', options: [{ value: '', label: 'any' }, 'cpu', 'gpu'], value: e.deviceClass },
      { name: 'defaultTier', label: 'Default tier', type: 'checkbox', value: e.defaultTier },
    ], existing ? 'Save tier' : 'Create tier', async (v) => {
      const body = Object.assign({}, v);
      if (body.objective === 'ACCURACY_TOLERANCE') {
        body.latencyBudgetMs = null;
      } else {
        body.accuracyTolerance = null;
      }
      if (existing) {
        await api('PUT', t('/tiers/' + enc(existing.name)), body);
        notice('Tier ' + body.name + ' saved; its policies are being recomputed.');
      } else {
        await api('POST', t('/tiers'), body);
        notice('Tier ' + body.name + ' created; its policies are being recomputed.');
      }
      await TS.show('#/tiers');
    });
  }

  async function render(main, name) {
    const page = await get(t('/tiers?size=200'));
    const columns = [
      { label: 'tier', value: (x) => x.name + (x.defaultTier ? ' (default)' : '') },
      { label: 'promise', value: promise },
      { label: 'deadline', value: (x) => x.deadlineMs ? x.deadlineMs + ' ms' : '–' },
      { label: 'priority', value: (x) => String(x.priority) },
      { label: 'limits', value: (x) => (x.rateLimitPerSecond ? x.rateLimitPerSecond + '/s' : 'no rate limit') + ', ' + (x.quotaPerDay ? x.quotaPerDay + '/day' : 'no quota') },
      { label: 'status of the active versions', value: serving },
    ];
    if (state.canChange) {
      columns.push({
        label: 'actions', value: (x) => el('span', { class: 'row-actions' },
          el('a', { href: '#/tiers/' + enc(x.name), id: 'edit-' + x.name }, 'Edit ' + x.name),
          action('Delete', { 'aria-label': 'Delete tier ' + x.name }, async () => {
            await api('DELETE', t('/tiers/' + enc(x.name)));
            notice('Tier ' + x.name + ' deleted.');
            TS.refresh();
          })),
      });
    }
    main.appendChild(table('Tiers of ' + state.tenant, columns, page.content, (x) => ({ dataset: { tier: x.name } })));
    if (state.canChange) {
      const existing = name ? page.content.find((x) => x.name === name) : null;
      main.appendChild(tierForm(existing).node);
    }
  }

  TS.section('tiers', { title: (name) => name ? 'Tier ' + name : 'Tiers', render: render });
})();
