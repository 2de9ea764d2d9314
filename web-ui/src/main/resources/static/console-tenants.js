// Tenants (platform admins: list with their tiers, create, open one) and Users (a tenant's users
// and roles: create, change the role, delete).
'use strict';
(function () {
  const { el, get, api, t, enc, table, form, action, notice, when, state } = TS;

  async function tenants(main) {
    const page = await get('/api/tenants?size=200');
    const tiers = await Promise.all(page.content.map((x) => get('/api/tenants/' + enc(x.name) + '/tiers?size=200')));
    const rows = page.content.map((x, i) => Object.assign({ tiers: tiers[i].content.map((tier) => tier.name) }, x));
    main.appendChild(table('Tenants', [
      { label: 'name', value: (x) => x.name },
      { label: 'display name', value: (x) => x.displayName || '' },
      { label: 'tiers', value: (x) => x.tiers.join(', ') },
      { label: 'created', value: (x) => when(x.createdAt) },
      {
        label: 'actions', value: (x) => action('Open', { 'aria-label': 'Open tenant ' + x.name }, async () => {
          TS.chooseTenant(x.name);
          window.location.hash = '#/cascades';
        }),
      },
    ], rows, (x) => ({ dataset: { tenant: x.name } })));
    const create = form('new-tenant', 'New tenant', [
      { name: 'name', label: 'Name', required: true },
      { name: 'displayName', label: 'Display name', required: true },
    ], 'Create tenant', async (v) => {
      await api('POST', '/api/tenants', v);
      await TS.loadTenants();
      notice('Tenant ' + v.name + ' created with the default tiers.');
      TS.refresh();
    });
    main.appendChild(create.node);
  }

  async function users(main) {
    const page = await get(t('/users?size=200'));
    const list = page.content || page;
    const columns = [
      { label: 'user', value: (u) => u.username },
      { label: 'signs in as', value: (u) => u.login || u.username },
      { label: 'roles', value: (u) => u.roles.join(', ') },
      { label: 'enabled', value: (u) => u.enabled ? 'yes' : 'no' },
      { label: 'created', value: (u) => when(u.createdAt) },
    ];
    if (state.canChange) {
      columns.push({
        label: 'actions', value: (u) => {
          const other = u.roles.includes('TENANT_ADMIN') ? 'TENANT_VIEWER' : 'TENANT_ADMIN';
          return el('span', { class: 'row-actions' },
            action('Make ' + other.toLowerCase().replace('_', ' '), { 'aria-label': 'Make ' + u.username + ' ' + other }, async () => {
              await api('PUT', t('/users/' + enc(u.username)), { role: other });
              notice(u.username + ' is now ' + other + '.');
              TS.refresh();
            }),
            action('Delete', { 'aria-label': 'Delete user ' + u.username }, async () => {
              await api('DELETE', t('/users/' + enc(u.username)));
              notice('User ' + u.username + ' deleted.');
              TS.refresh();
            }));
        },
      });
    }
    main.appendChild(table('Users of ' + state.tenant, columns, list, (u) => ({ dataset: { user: u.username } })));
    if (state.canChange) {
      const create = form('new-user', 'New user', [
        { name: 'username', label: 'User name', required: true },
        { name: 'password', label: 'Password (12 characters or more)', type: 'password', required: true, autocomplete: 'new-password' },
        { name: 'role', label: 'Role', type: 'select', options: [{ value: 'TENANT_VIEWER', label: 'viewer' }, { value: 'TENANT_ADMIN', label: 'tenant admin' }] },
      ], 'Create user', async (v) => {
        await api('POST', t('/users'), v);
        notice('User ' + v.username + ' created.');
        TS.refresh();
      });
      main.appendChild(create.node);
    }
  }

  TS.section('tenants', { title: () => 'Tenants', render: tenants });
  TS.section('users', { title: () => 'Users', render: users });
})();
