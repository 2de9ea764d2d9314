// Policies: a cascade's versions per tier and device class with their status and held-out numbers;
// approve a pending version, activate (roll back to) an earlier one; one version's metrics and
// policy document; whether new versions wait for approval.
'use strict';
(function () {
  const { el, get, api, t, enc, table, action, notice, num, when, state } = TS;

  async function details(cascade, v, cell) {
    const d = await get(t('/cascades/' + enc(cascade) + '/policy-versions/' + enc(v.id)));
    const m = d.metrics || {};
    const held = m.heldOut || {};
    const fit = m.fit || {};
    const gap = m.heldOutGap;
    cell.replaceChildren(el('div', { class: 'version-detail', id: 'detail-' + v.id },
      el('p', {}, el('strong', {}, d.tier + '@' + d.deviceClass + ' v' + d.versionNumber + ': ' + (d.planStatus || '–')),
        ' ', d.family ? '(' + d.family + ')' : '(single stage)'),
      el('p', {}, d.reason || ''),
      table(null, [
        { label: 'half', value: (r) => r.half },
        { label: 'accuracy [95% bounds]', value: (r) => num(r.m.accuracy, 4) + ' [' + num(r.m.accuracyLow, 4) + ', ' + num(r.m.accuracyHigh, 4) + ']' },
        { label: 'mean latency ms [bounds]', value: (r) => num(r.m.meanLatencyMs, 4) + ' [' + num(r.m.meanLatencyLowMs, 4) + ', ' + num(r.m.meanLatencyHighMs, 4) + ']' },
        { label: 'p99 ms', value: (r) => num(r.m.p99LatencyMs, 4) },
        { label: 'recall rate', value: (r) => num(r.m.recallRate, 4) },
      ], [{ half: 'fit', m: fit }, { half: 'held-out', m: held }]),
      gap ? el('p', {}, 'Paired gap to the best stage on the held-out half: ' + num(gap.gap, 4) + ' (bound ' + num(gap.gapHigh, 4) + ', ' + gap.samples + ' samples).') : null,
      el('details', {}, el('summary', {}, 'Policy document'), el('pre', { class: 'json' }, JSON.stringify(d.policy, null, 2))),
      el('details', {}, el('summary', {}, 'All metrics'), el('pre', { class: 'json' }, JSON.stringify(m, null, 2)))));
  }

  async function settings(main) {
    const s = await get(t('/policy-settings'));
    const p = el('p', { id: 'activation' }, 'New versions ' + (s.activation === 'APPROVAL' ? 'wait for approval.' : 'go live at once.'));
    if (state.canChange) {
      const other = s.activation === 'APPROVAL' ? 'AUTOMATIC' : 'APPROVAL';
      p.appendChild(document.createTextNode(' '));
      p.appendChild(action(other === 'APPROVAL' ? 'Require approval' : 'Activate automatically', { id: 'toggle-approval' }, async () => {
        await api('PUT', t('/policy-settings'), { activation: other });
        notice('New versions ' + (other === 'APPROVAL' ? 'now wait for approval.' : 'now go live at once.'));
        TS.refresh();
      }));
    }
    main.appendChild(p);
  }

  async function render(main, cascade) {
    const cascades = (await get(t('/cascades?size=200'))).content;
    await settings(main);
    if (cascades.length === 0) {
      main.appendChild(el('p', {}, 'No cascades yet.'));
      return;
    }
    const chosen = cascade && cascades.some((c) => c.name === cascade) ? cascade : cascades[0].name;
    const picker = el('select', { id: 'policy-cascade' }, cascades.map((c) => el('option', { value: c.name }, c.name)));
    picker.value = chosen;
    picker.addEventListener('change', () => { window.location.hash = '#/policies/' + enc(picker.value); });
    main.appendChild(el('p', {}, el('label', { for: 'policy-cascade' }, 'Cascade '), picker));
    const versions = await get(t('/cascades/' + enc(chosen) + '/policy-versions'));
    const groups = {};
    versions.forEach((v) => { (groups[v.tier + '@' + v.deviceClass] = groups[v.tier + '@' + v.deviceClass] || []).push(v); });
    Object.entries(groups).forEach(([group, list]) => {
      list.sort((a, b) => b.versionNumber - a.versionNumber);
      const columns = [
        { label: 'version', value: (v) => 'v' + v.versionNumber },
        { label: 'status', value: (v) => v.status },
        { label: 'plan', value: (v) => el('span', { class: 'status-' + v.planStatus }, v.planStatus || '–') },
        { label: 'keeps promise', value: (v) => v.keepsPromise === true ? 'yes' : v.keepsPromise === false ? 'no' : '–' },
        { label: 'family', value: (v) => v.family || 'single stage' },
        { label: 'held-out accuracy', value: (v) => num(v.expectedAccuracy, 4) },
        { label: 'mean latency ms', value: (v) => num(v.expectedCostMs, 4) },
        { label: 'created', value: (v) => when(v.createdAt) },
        {
          label: 'actions', value: (v) => {
            const cell = el('div', { class: 'row-actions' });
            const detailCell = el('div');
            cell.appendChild(action('Details', { 'aria-label': 'Details of ' + group + ' v' + v.versionNumber }, () => details(chosen, v, detailCell)));
            if (state.canChange && v.status !== 'ACTIVE') {
              const approve = v.status === 'PENDING_APPROVAL';
              const label = approve ? 'Approve' : 'Roll back';
              cell.appendChild(action(label, {
                id: (approve ? 'approve-' : 'activate-') + v.tier + '-' + v.deviceClass + '-' + v.versionNumber,
                'aria-label': label + ' to ' + group + ' v' + v.versionNumber,
              }, async () => {
                await api('POST', t('/cascades/' + enc(chosen) + '/policy-versions/' + enc(v.id) + '/activate'));
                notice(group + ' v' + v.versionNumber + (approve ? ' approved' : ' active again') + '.');
                TS.refresh();
              }));
            }
            cell.appendChild(detailCell);
            return cell;
          },
        },
      ];
      main.appendChild(el('h2', {}, 'Tier ' + group));
      main.appendChild(table(null, columns, list, (v) => ({ dataset: { version: v.tier + '-' + v.deviceClass + '-' + v.versionNumber, status: v.status } })));
    });
    if (versions.length === 0) {
      main.appendChild(el('p', {}, 'No policy versions yet: upload or measure a profile on the cascade\'s page.'));
    }
  }

  TS.section('policies', { title: () => 'Policies', render: render });
})();
