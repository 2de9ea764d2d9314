// Cascades: the list, creating and editing a stage graph, and a cascade's page: its held-out
// frontier (chart and table), its stages with their ONNX models, profiles (upload or measure),
// and the recomputation jobs.
'use strict';
(function () {
  const { el, get, api, t, enc, table, form, action, notice, chart, num, when, palette, state } = TS;

  /** "exit1\nexit2 < exit1" (one stage a line, "< parent" after a child) as the API's stages. */
  function parseStages(text) {
    return (text || '').split('\n').map((line) => line.trim()).filter((line) => line).map((line) => {
      const [name, parent] = line.split('<').map((s) => s.trim());
      return parent ? { name: name, parent: parent } : { name: name };
    });
  }

  const stagesText = (stages) => stages.map((s) => s.parent ? s.name + ' < ' + s.parent : s.name).join('\n');

  function cascadeForm(existing) {
    const fields = [
      { name: 'name', label: 'Name', required: true, value: existing && existing.name },
      { name: 'description', label: 'Description', value: existing && existing.description },
      {
        name: 'stages', label: 'Stages', type: 'textarea', required: true, rows: 4,
        hint: 'One stage a line, cheapest first; "name < parent" for a stage after its parent.',
        placeholder: 'small\nlarge < small', value: existing && stagesText(existing.stages),
      },
      { name: 'labels', label: 'Class labels (comma-separated)', hint: 'Needed to serve uploaded models.', value: existing && (existing.labels || []).join(', ') },
      { name: 'inputShape', label: 'Input shape', placeholder: '1,28,28', value: existing && (existing.inputShape || []).join(',') },
      { name: 'output', label: 'Model output', type: 'select', options: [{ value: '', label: '–' }, 'logits', 'probabilities'], value: existing && existing.output },
    ];
    return form(existing ? 'edit-cascade' : 'new-cascade', existing ? 'Edit the stage graph' : 'New cascade', fields,
      existing ? 'Save cascade' : 'Create cascade', async (v) => {
        const body = { name: v.name, description: v.description, stages: parseStages(v.stages) };
        if (v.labels) {
          body.labels = v.labels.split(',').map((s) => s.trim()).filter((s) => s);
        }
        if (v.inputShape) {
          body.inputShape = v.inputShape.split(',').map((s) => Number(s.trim()));
        }
        if (v.output) {
          body.output = v.output;
        }
        if (existing) {
          body.preprocessing = existing.preprocessing || undefined;
          await api('PUT', t('/cascades/' + enc(existing.name)), body);
          notice('Cascade ' + v.name + ' saved.');
        } else {
          await api('POST', t('/cascades'), body);
          notice('Cascade ' + v.name + ' created.');
        }
        await TS.show('#/cascades/' + enc(v.name));
      });
  }

  async function renderList(main) {
    const page = await get(t('/cascades?size=200'));
    main.appendChild(table('Cascades of ' + state.tenant, [
      { label: 'name', value: (c) => el('a', { href: '#/cascades/' + enc(c.name) }, c.name) },
      { label: 'stages', value: (c) => c.stages.map((s) => s.name).join(' → ') },
      { label: 'description', value: (c) => c.description || '' },
      { label: 'updated', value: (c) => TS.when(c.updatedAt) },
    ], page.content, (c) => ({ dataset: { cascade: c.name } })));
    if (state.canChange) {
      main.appendChild(cascadeForm(null).node);
    }
  }

  // ---- the frontier ----

  function frontierChart(f) {
    const datasets = [];
    f.families.forEach((family, i) => {
      datasets.push({
        label: family.family.toLowerCase().replace(/_/g, ' '),
        data: family.points.map((p) => ({ x: p.meanLatencyMs, y: p.accuracy })),
        showLine: true, borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length],
        pointRadius: 2, borderWidth: 1.5,
      });
    });
    const byStrategy = {};
    f.baselines.forEach((b) => { (byStrategy[b.strategy] = byStrategy[b.strategy] || []).push(b); });
    Object.entries(byStrategy).forEach(([strategy, rows], i) => {
      const points = strategy === 'single-stage' || strategy === 'oracle';
      datasets.push({
        label: 'baseline: ' + strategy,
        data: rows.map((b) => ({ x: b.meanLatencyMs, y: b.accuracy })).sort((a, b) => a.x - b.x),
        showLine: !points, borderDash: [4, 3], borderColor: '#888', backgroundColor: points ? '#555' : '#888',
        pointStyle: points ? 'triangle' : 'circle', pointRadius: points ? 5 : 0, borderWidth: 1,
        hidden: !points, order: 5 + i,
      });
    });
    const xs = datasets.filter((d) => !d.hidden).flatMap((d) => d.data.map((p) => p.x)).filter((x) => x !== null)
      .concat(f.tiers.map((x) => x.meanLatencyMs));
    const ys = datasets.flatMap((d) => d.data.map((p) => p.y)).filter((y) => y !== null);
    const xMax = Math.max(...xs) * 1.1;
    const best = Math.max(...f.baselines.filter((b) => b.strategy === 'single-stage').map((b) => b.accuracy));
    f.tiers.forEach((tier, i) => {
      const color = palette[(i + 5) % palette.length];
      datasets.push({
        label: 'tier ' + tier.tier + ' (' + tier.status + ')',
        data: [{ x: tier.meanLatencyMs, y: tier.accuracy }],
        pointStyle: 'rectRot', pointRadius: 9, borderColor: '#000', backgroundColor: color, order: 0,
      });
      // the promise: a latency budget is a vertical line, an accuracy tolerance a floor under the best stage
      // (a budget far right of every policy is left out: the table states it)
      const promise = tier.objective === 'LATENCY_BUDGET' && tier.latencyBudgetMs !== null
        ? (tier.latencyBudgetMs <= xMax * 1.5
          ? [{ x: tier.latencyBudgetMs, y: Math.min(...ys) }, { x: tier.latencyBudgetMs, y: Math.max(...ys) }] : [])
        : tier.accuracyTolerance !== null && Number.isFinite(best)
          ? [{ x: 0, y: best - tier.accuracyTolerance }, { x: xMax, y: best - tier.accuracyTolerance }]
          : [];
      if (promise.length) {
        datasets.push({
          label: 'promise of ' + tier.tier, data: promise, showLine: true, pointRadius: 0,
          borderColor: color, borderDash: [8, 4], borderWidth: 1.5,
        });
      }
    });
    const name = 'Held-out frontier of cascade ' + f.cascade + ' on ' + f.deviceClass
      + ': accuracy against mean latency for ' + f.families.length + ' policy families, '
      + f.tiers.length + ' tiers marked with their promises; the numbers are in the table below';
    return chart('frontier-chart', name, {
      type: 'scatter',
      data: { datasets: datasets },
      options: {
        scales: {
          x: { min: 0, max: Math.max(xMax, ...datasets.flatMap((d) => d.data.map((p) => p.x))), title: { display: true, text: 'held-out mean latency (ms)' } },
          y: { title: { display: true, text: 'held-out accuracy' } },
        },
        plugins: { legend: { position: 'right', labels: { boxWidth: 12 } } },
      },
    });
  }

  function tiersTable(f) {
    return table('Tiers served on ' + f.deviceClass, [
      { label: 'tier', value: (x) => x.tier },
      { label: 'promise', value: (x) => x.promise },
      { label: 'status', value: (x) => el('span', { class: 'status-' + x.status }, x.status) },
      { label: 'keeps promise', value: (x) => x.keepsPromise === true ? el('span', { class: 'keeps' }, 'yes') : x.keepsPromise === false ? el('span', { class: 'breaks' }, 'no') : '–' },
      { label: 'family', value: (x) => x.family || 'single stage' },
      { label: 'held-out accuracy [95% bounds]', value: (x) => num(x.accuracy, 4) + ' [' + num(x.accuracyLow, 4) + ', ' + num(x.accuracyHigh, 4) + ']' },
      { label: 'mean latency ms (upper bound)', value: (x) => num(x.meanLatencyMs, 4) + ' (' + num(x.meanLatencyHighMs, 4) + ')' },
      { label: 'gap to best stage (bound)', value: (x) => x.gap === null ? '–' : num(x.gap, 4) + ' (' + num(x.gapHigh, 4) + ')' },
      { label: 'version', value: (x) => 'v' + x.versionNumber },
    ], f.tiers, (x) => ({ dataset: { tier: x.tier } }));
  }

  function familiesTable(f) {
    const rows = f.families.flatMap((family) => family.points.map((p) => Object.assign({ family: family.family }, p)));
    return table('Policy families (each family\'s fit-half hull, replayed on ' + f.heldOutSamples + ' held-out samples)', [
      { label: 'family', value: (p) => p.family },
      { label: 'μ', value: (p) => p.mu === null ? '–' : Number(p.mu).toPrecision(3) },
      { label: 'held-out accuracy [95% bounds]', value: (p) => num(p.accuracy, 4) + ' [' + num(p.accuracyLow, 4) + ', ' + num(p.accuracyHigh, 4) + ']' },
      { label: 'mean latency ms [bounds]', value: (p) => num(p.meanLatencyMs, 4) + ' [' + num(p.meanLatencyLowMs, 4) + ', ' + num(p.meanLatencyHighMs, 4) + ']' },
      { label: 'fit accuracy', value: (p) => num(p.fitAccuracy, 4) },
      { label: 'fit latency ms', value: (p) => num(p.fitMeanLatencyMs, 4) },
    ], rows);
  }

  function baselinesTable(f) {
    return table('Baselines on the same held-out half', [
      { label: 'strategy', value: (b) => b.strategy },
      { label: 'parameter', value: (b) => b.parameter },
      { label: 'held-out accuracy [95% bounds]', value: (b) => num(b.accuracy, 4) + ' [' + num(b.accuracyLow, 4) + ', ' + num(b.accuracyHigh, 4) + ']' },
      { label: 'mean latency ms', value: (b) => num(b.meanLatencyMs, 4) },
    ], f.baselines);
  }

  async function renderFrontier(main, cascade, deviceClass) {
    const box = el('section', { id: 'frontier', 'aria-labelledby': 'frontier-title' }, el('h2', { id: 'frontier-title' }, 'Frontier'));
    main.appendChild(box);
    let f;
    try {
      f = await get(t('/cascades/' + enc(cascade) + '/frontier' + (deviceClass ? '?deviceClass=' + enc(deviceClass) : '')));
    } catch (e) {
      box.appendChild(el('p', { class: 'muted', id: 'no-frontier' }, e.status === 404 ? e.message : 'Could not load the frontier: ' + e.message));
      return;
    }
    box.appendChild(el('p', { class: 'muted' }, 'Computed ' + when(f.computedAt) + ' on device class ' + f.deviceClass
      + ' from ' + f.fitSamples + ' fit and ' + f.heldOutSamples + ' held-out samples'
      + (f.jobId ? ' by job ' + f.jobId : ' when the demo was seeded') + '.'));
    box.appendChild(frontierChart(f));
    box.appendChild(tiersTable(f));
    box.appendChild(el('details', {}, el('summary', {}, 'Frontier points of every family'), el('div', { class: 'scroll' }, familiesTable(f))));
    box.appendChild(el('details', {}, el('summary', {}, 'Baselines'), el('div', { class: 'scroll' }, baselinesTable(f))));
  }

  // ---- stages, models, profiles, jobs ----

  function stagesSection(main, c) {
    main.appendChild(el('h2', {}, 'Stages'));
    const message = el('p', { role: 'status', id: 'model-status' });
    main.appendChild(table(null, [
      { label: 'stage', value: (s) => s.name },
      { label: 'after', value: (s) => s.parent || '–' },
      { label: 'description', value: (s) => s.description || '' },
      {
        label: state.canChange ? 'ONNX model' : '', value: (s) => {
          if (!state.canChange) {
            return '';
          }
          const id = 'model-' + s.name;
          const input = el('input', { type: 'file', id: id, accept: '.onnx', name: 'model' });
          return el('span', { class: 'row-actions' }, el('label', { for: id }, 'ONNX file for ' + s.name + ' '), input,
            action('Upload', { id: 'upload-' + s.name }, async () => {
              if (!input.files.length) {
                throw new Error('Choose an ONNX file for ' + s.name + ' first.');
              }
              const r = await api('PUT', t('/cascades/' + enc(c.name) + '/stages/' + enc(s.name) + '/model'), input.files[0], 'application/octet-stream');
              message.textContent = 'Model of ' + s.name + ' uploaded' + (r && r.sha256 ? ' (sha256 ' + r.sha256.substring(0, 12) + '…)' : '') + '.';
            }, (text) => { message.textContent = text; }));
        },
      },
    ], c.stages));
    main.appendChild(message);
  }

  function profileForms(main, c) {
    main.appendChild(el('h2', {}, 'Profiles'));
    main.appendChild(el('p', { class: 'muted' }, 'A profile (every stage run on labelled samples) is what the tiers are planned on: '
      + 'upload one (policy-service\'s JSON, or its stages and samples CSV files) or measure one on a labelled dataset. '
      + 'Each queues a recomputation job.'));
    const upload = form('profile-upload', 'Upload a profile', [
      { name: 'name', label: 'Profile name' },
      { name: 'deviceClass', label: 'Device class', type: 'select', options: ['cpu', 'gpu'] },
      { name: 'json', label: 'Profile JSON', type: 'file', accept: '.json,application/json' },
      { name: 'stages', label: 'or stages CSV', type: 'file', accept: '.csv,text/csv' },
      { name: 'samples', label: 'and samples CSV', type: 'file', accept: '.csv,text/csv' },
    ], 'Upload profile', async (v) => {
      const query = v.name ? '?name=' + enc(v.name) : '';
      const path = t('/cascades/' + enc(c.name) + '/profiles' + query);
      let r;
      if (v.json.length) {
        r = await api('POST', path, v.json[0], 'application/json');
      } else if (v.stages.length && v.samples.length) {
        const data = new FormData();
        data.append('stages', v.stages[0]);
        data.append('samples', v.samples[0]);
        data.append('deviceClass', v.deviceClass);
        r = await api('POST', path, data);
      } else {
        throw new TS.ApiError(400, { detail: 'Choose a profile JSON file, or both CSV files.', errors: [{ field: 'json', message: 'choose a file' }] });
      }
      notice('Profile ' + r.name + ' stored (' + r.samples + ' samples); recomputation job ' + r.jobId + ' queued.');
      TS.refresh();
    });
    const measure = form('profile-measure', 'Measure a profile on a labelled dataset', [
      { name: 'name', label: 'Profile name' },
      { name: 'dataset', label: 'Dataset JSON ({"samples":[{"label","image"|"tensor"}]})', type: 'file', accept: '.json,application/json' },
    ], 'Measure', async (v) => {
      if (!v.dataset.length) {
        throw new TS.ApiError(400, { detail: 'Choose a dataset file.', errors: [{ field: 'dataset', message: 'choose a file' }] });
      }
      const body = JSON.parse(await v.dataset[0].text());
      if (v.name) {
        body.name = v.name;
      }
      const r = await api('POST', t('/cascades/' + enc(c.name) + '/profiles/measure'), body);
      notice('Measured profile ' + r.name + ' (' + r.samples + ' samples); recomputation job ' + r.jobId + ' queued.');
      TS.refresh();
    });
    main.appendChild(upload.node);
    main.appendChild(measure.node);
  }

  async function jobsSection(main) {
    const jobs = await get(t('/jobs'));
    main.appendChild(el('h2', {}, 'Recomputation jobs'));
    main.appendChild(table(null, [
      { label: 'job', value: (j) => j.id.substring(0, 8) },
      { label: 'status', value: (j) => j.status },
      { label: 'attempts', value: (j) => String(j.attempts) },
      { label: 'created', value: (j) => when(j.createdAt) },
      { label: 'finished', value: (j) => when(j.finishedAt) },
      { label: 'result', value: (j) => j.lastError ? el('span', { class: 'error' }, j.lastError) : j.result ? (j.result.versions || []).map((v) => v.tier + '@' + v.deviceClass + ' v' + v.versionNumber + ' ' + v.status).join(', ') || 'no new versions' : '–' },
    ], jobs.slice(0, 10)));
  }

  async function renderCascade(main, name) {
    const c = await get(t('/cascades/' + enc(name)));
    main.appendChild(el('p', { class: 'muted' }, (c.description || '') + ' Stages: ' + c.stages.map((s) => s.name).join(' → ')
      + '. ', el('a', { href: '#/policies/' + enc(c.name) }, 'Policy versions'), ' · ', el('a', { href: '#/drift/' + enc(c.name) }, 'Drift')));
    const device = form('frontier-device', 'Device class', [
      { name: 'deviceClass', label: 'Show the frontier on', type: 'select', options: [{ value: '', label: 'newest' }, 'cpu', 'gpu'] },
    ], 'Show', async (v) => {
      const old = document.getElementById('frontier');
      const holder = el('div');
      old.replaceWith(holder);
      await renderFrontier(holder, c.name, v.deviceClass);
      holder.replaceWith(...holder.childNodes);
    });
    main.appendChild(device.node);
    await renderFrontier(main, c.name, null);
    stagesSection(main, c);
    if (state.canChange) {
      profileForms(main, c);
      main.appendChild(cascadeForm(c).node);
    }
    await jobsSection(main);
  }

  TS.section('cascades', {
    title: (name) => name ? 'Cascade ' + name : 'Cascades',
    render: (main, name) => name ? renderCascade(main, name) : renderList(main),
  });
})();
