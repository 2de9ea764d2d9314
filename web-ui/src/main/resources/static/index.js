// The start page's example uses the address this page was opened at (host and port).
document.getElementById('try-it').textContent =
  'curl -u admin:PASSWORD ' + window.location.origin + '/api/tenants/demo/tiers';
