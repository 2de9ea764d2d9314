// Usage (requests, errors and latency per tier over time; today's quota use) and Drift (PSI per
// stage now and over time, drift events; a check on demand).
'use strict';
(function () {
  const { el, get, api, t, enc, table, form, action, notice, chart, num, when, palette, state } = TS;
  const windows = {
    hour: { label: 'the last hour, by 5 minutes', buckets: 12, ms: 5 * 60 * 1000 },
    day: { label: 'the last 24 hours, by 2 hours', buckets: 12, ms: 2 * 60 * 60 * 1000 },
  };
  let windowName = 'hour';

  async function usage(main) {
    const w = windows[windowName];
    const choose = form('usage-window', 'Period', [
      { name: 'window', label: 'Show', type: 'select', value: windowName, options: Object.entries(windows).map(([k, v]) => ({ value: k, label: v.label })) },
    ], 'Show', async (v) => { windowName = v.window; await TS.refresh(); });
    main.appendChild(choose.node);
    const end = Date.now();
    const starts = Array.from({ length: w.buckets }, (_, i) => end - (w.buckets - i) * w.ms);
    const buckets = await Promise.all(starts.map((s) => get(t('/usage?from=' + enc(new Date(s).toISOString()) + '&to=' + enc(new Date(s + w.ms).toISOString())))));
    const tierNames = [...new Set(buckets.flat().map((u) => u.tier))].sort();
    const labels = starts.map((s) => new Date(s + w.ms).toISOString().substring(11, 16));
    const series = (value) => tierNames.map((tier, i) => ({
      label: tier, borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length],
      data: buckets.map((b) => {
        const rows = b.filter((u) => u.tier === tier);
        return rows.length ? value(rows) : 0;
      }),
    }));
    const sum = (f) => (rows) => rows.reduce((a, r) => a + f(r), 0);
    const line = (id, name, datasets, y) => chart(id, name, {
      type: 'line', data: { labels: labels, datasets: datasets },
      options: { scales: { y: { beginAtZero: true, title: { display: true, text: y } }, x: { title: { display: true, text: 'UTC' } } } },
    });
    main.appendChild(el('h2', {}, 'Requests per tier'));
    main.appendChild(line('requests-chart', 'Requests per tier over ' + w.label, series(sum((r) => r.requests)), 'requests'));
    main.appendChild(el('h2', {}, 'Errors and refusals per tier'));
    main.appendChild(line('errors-chart', 'Errors and rate-limited requests per tier over ' + w.label, series(sum((r) => r.errors + r.rateLimited)), 'requests'));
    main.appendChild(el('h2', {}, 'p99 latency per tier'));
    main.appendChild(line('latency-chart', 'p99 latency per tier over ' + w.label, series((rows) => Math.max(...rows.map((r) => r.p99LatencyMs || 0))), 'ms'));
    const midnight = new Date();
    midnight.setUTCHours(0, 0, 0, 0);
    const [today, tiers] = await Promise.all([
      get(t('/usage?from=' + enc(midnight.toISOString()))),
      get(t('/tiers?size=200')),
    ]);
    main.appendChild(el('h2', {}, 'Today (UTC)'));
    main.appendChild(table('Requests and quotas used today', [
      { label: 'tier', value: (x) => x.name },
      { label: 'requests', value: (x) => String(x.used) },
      { label: 'errors', value: (x) => String(x.errors) },
      { label: 'p50 / p99 ms', value: (x) => num(x.p50, 3) + ' / ' + num(x.p99, 3) },
      { label: 'quota per day', value: (x) => x.quotaPerDay ? String(x.quotaPerDay) : 'none' },
      { label: 'quota used', value: (x) => x.quotaPerDay ? (100 * x.used / x.quotaPerDay).toFixed(1) + ' %' : '–' },
    ], tiers.content.map((tier) => {
      const rows = today.filter((u) => u.tier === tier.name);
      return {
        name: tier.name, quotaPerDay: tier.quotaPerDay,
        used: rows.reduce((a, r) => a + r.requests, 0), errors: rows.reduce((a, r) => a + r.errors, 0),
        p50: rows.length ? Math.max(...rows.map((r) => r.p50LatencyMs || 0)) : null,
        p99: rows.length ? Math.max(...rows.map((r) => r.p99LatencyMs || 0)) : null,
      };
    }), (x) => ({ dataset: { tier: x.name } })));
  }

  async function drift(main, cascade) {
    const cascades = (await get(t('/cascades?size=200'))).content;
    if (cascades.length === 0) {
      main.appendChild(el('p', {}, 'No cascades yet.'));
      return;
    }
    const chosen = cascade && cascades.some((c) => c.name === cascade) ? cascade : cascades[0].name;
    const picker = el('select', { id: 'drift-cascade' }, cascades.map((c) => el('option', { value: c.name }, c.name)));
    picker.value = chosen;
    picker.addEventListener('change', () => { window.location.hash = '#/drift/' + enc(picker.value); });
    main.appendChild(el('p', {}, el('label', { for: 'drift-cascade' }, 'Cascade '), picker));
    const report = await get(t('/cascades/' + enc(chosen) + '/drift?size=100'));
    main.appendChild(el('p', { class: 'muted' }, 'Window ' + when(report.windowStart) + ' – ' + when(report.windowEnd)
      + '; a stage drifts when its PSI exceeds ' + report.threshold + ' over at least ' + report.minSamples + ' live runs.'));
    if (state.canChange) {
      main.appendChild(action('Check now', { id: 'drift-check' }, async () => {
        const r = await api('POST', t('/cascades/' + enc(chosen) + '/drift/check'));
        notice(r.recorded.length ? r.recorded.length + ' drift event(s) recorded.' : 'No drift in this window.');
        await TS.refresh();
      }));
    }
    const events = report.events.content;
    const stages = [...new Set(events.map((e) => e.tier + '/' + e.stage))].sort();
    const times = events.map((e) => Date.parse(e.windowEnd)).concat([Date.parse(report.windowStart), Date.parse(report.windowEnd)]);
    const first = Math.min(...times);
    const last = Math.max(...times);
    main.appendChild(el('h2', {}, 'PSI per stage over time'));
    main.appendChild(chart('drift-chart', 'PSI per stage of cascade ' + chosen + ' at each drift event, against the threshold ' + report.threshold, {
      type: 'scatter',
      data: {
        datasets: stages.map((s, i) => ({
          label: s, showLine: true, borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length],
          data: events.filter((e) => e.tier + '/' + e.stage === s).map((e) => ({ x: Date.parse(e.windowEnd), y: e.psi })).sort((a, b) => a.x - b.x),
        })).concat(report.stages.filter((s) => s.psi !== null).map((s, i) => ({
          label: s.tier + '/' + s.stage + ' now', pointStyle: 'rectRot', pointRadius: 6,
          backgroundColor: palette[(i + 3) % palette.length], data: [{ x: Date.parse(report.windowEnd), y: s.psi }],
        }))).concat([{
          label: 'threshold', showLine: true, pointRadius: 0, borderColor: '#a3162b', borderDash: [6, 4], borderWidth: 1,
          data: [{ x: first, y: report.threshold }, { x: last, y: report.threshold }],
        }]),
      },
      options: {
        scales: {
          x: {
            min: first, max: last, title: { display: true, text: 'end of window (UTC)' },
            ticks: { callback: (v) => new Date(v).toISOString().substring(5, 16).replace('T', ' ') },
          },
          y: { beginAtZero: true, title: { display: true, text: 'PSI' } },
        },
      },
    }));
    main.appendChild(table('PSI per stage now', [
      { label: 'tier', value: (s) => s.tier },
      { label: 'version', value: (s) => 'v' + s.policyVersion + ' (' + s.deviceClass + ')' },
      { label: 'stage', value: (s) => s.stage },
      { label: 'PSI', value: (s) => s.psi === null ? 'too few live runs' : num(s.psi, 4) },
      { label: 'live runs', value: (s) => String(s.liveCount) },
      { label: 'drifted', value: (s) => s.drifted ? el('span', { class: 'breaks' }, 'yes') : 'no' },
    ], report.stages));
    main.appendChild(table('Drift events', [
      { label: 'recorded', value: (e) => when(e.createdAt) },
      { label: 'tier', value: (e) => e.tier },
      { label: 'stage', value: (e) => e.stage },
      { label: 'PSI', value: (e) => num(e.psi, 4) },
      { label: 'live runs', value: (e) => String(e.liveCount) },
      { label: 'window', value: (e) => when(e.windowStart) + ' – ' + when(e.windowEnd) },
    ], events));
  }

  TS.section('usage', { title: () => 'Usage', render: usage });
  TS.section('drift', { title: (c) => c ? 'Drift of ' + c : 'Drift', render: drift });
})();
