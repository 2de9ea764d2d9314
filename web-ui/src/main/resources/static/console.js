// Shows what the session may read from the admin API (/api); a browser without a session is sent
// to the login page. Changes carry the CSRF token from /api/session.
(function () {
  const status = document.getElementById('status');

  async function get(path) {
    const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(path + ' answered ' + response.status);
    }
    return response.json();
  }

  function cell(row, text) {
    const td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
  }

  async function load() {
    const session = await get('/api/session');
    if (!session.authenticated) {
      window.location.assign('/login.html');
      return;
    }
    document.getElementById('who').textContent = session.username;
    const tenants = await get('/api/tenants?size=200');
    const body = document.querySelector('#tenants tbody');
    const tiers = await Promise.all(tenants.content.map(
      (tenant) => get('/api/tenants/' + encodeURIComponent(tenant.name) + '/tiers?size=200')));
    tenants.content.forEach((tenant, i) => {
      const row = document.createElement('tr');
      row.dataset.tenant = tenant.name;
      cell(row, tenant.name);
      cell(row, tenant.displayName || '');
      cell(row, tiers[i].content.map((tier) => tier.name).join(', '));
      body.appendChild(row);
    });
    status.textContent = tenants.content.length + ' tenant(s) loaded from /api.';
    status.id = 'loaded';
  }

  document.getElementById('logout').addEventListener('click', async () => {
    const session = await get('/api/session');
    const headers = {};
    if (session.csrfHeader) {
      headers[session.csrfHeader] = session.csrfToken;
    }
    await fetch('/api/logout', { method: 'POST', credentials: 'same-origin', headers: headers });
    window.location.assign('/login.html');
  });

  load().catch((e) => {
    status.textContent = 'Could not load: ' + e.message;
  });
})();
