// API keys: list with scopes and use, create (the key is shown once, with a copy button), revoke.
'use strict';
(function () {
  const { el, get, api, t, enc, table, form, action, notice, when, state } = TS;

  /** The new key, shown once in this page only: it is never stored by the console. */
  function shownOnce(key) {
    // the value as a property, not an attribute: it is not part of the page's markup
    const input = el('input', { id: 'new-key', readonly: true, 'aria-describedby': 'new-key-note' });
    input.value = key.key;
    const copy = el('button', { type: 'button', id: 'copy-key' }, 'Copy');
    copy.addEventListener('click', async () => {
      input.select();
      try {
        await navigator.clipboard.writeText(input.value);
      } catch (e) {
        document.execCommand('copy');
      }
      copy.textContent = 'Copied';
    });
    return el('div', { class: 'secret', id: 'key-once' },
      el('label', { for: 'new-key' }, 'Key ' + key.name),
      input, copy,
      el('span', { id: 'new-key-note', class: 'muted' }, 'Shown only now: store it safely.'));
  }

  async function render(main) {
    const keys = await get(t('/api-keys?size=200'));
    const list = keys.content || keys;
    const holder = el('div', { id: 'key-holder' });
    main.appendChild(holder);
    const columns = [
      { label: 'name', value: (k) => k.name },
      { label: 'prefix', value: (k) => k.prefix },
      { label: 'scopes', value: (k) => k.scopes.join(', ') },
      { label: 'created', value: (k) => when(k.createdAt) },
      { label: 'last used', value: (k) => when(k.lastUsedAt) },
      { label: 'expires', value: (k) => when(k.expiresAt) },
      { label: 'state', value: (k) => k.active ? 'active' : k.revokedAt ? 'revoked ' + when(k.revokedAt) : 'expired' },
    ];
    if (state.canChange) {
      columns.push({
        label: 'actions', value: (k) => k.active ? action('Revoke', { id: 'revoke-' + k.name, 'aria-label': 'Revoke key ' + k.name }, async () => {
          await api('DELETE', t('/api-keys/' + enc(k.name)));
          notice('Key ' + k.name + ' revoked: it is refused from the next request on.');
          TS.refresh();
        }) : '',
      });
    }
    main.appendChild(table('API keys of ' + state.tenant, columns, list, (k) => ({ dataset: { key: k.name } })));
    if (state.canChange) {
      const create = form('new-key-form', 'New API key', [
        { name: 'name', label: 'Name', required: true },
        { name: 'predict', label: 'Scope predict (/v1, /v2)', type: 'checkbox', value: true },
        { name: 'adminRead', label: 'Scope admin:read (read this tenant under /api)', type: 'checkbox' },
        { name: 'expiresAt', label: 'Expires (optional)', type: 'datetime-local' },
      ], 'Create key', async (v) => {
        const scopes = [];
        if (v.predict) {
          scopes.push('predict');
        }
        if (v.adminRead) {
          scopes.push('admin:read');
        }
        const body = { name: v.name, scopes: scopes.length ? scopes : null };
        if (v.expiresAt) {
          body.expiresAt = new Date(v.expiresAt).toISOString();
        }
        const created = await api('POST', t('/api-keys'), body);
        await TS.refresh();
        document.getElementById('key-holder').replaceChildren(shownOnce(created));
        notice('Key ' + created.name + ' created.');
      });
      main.appendChild(create.node);
    }
  }

  TS.section('keys', { title: () => 'API keys', render: render });
})();
