// Signs in through Spring Security's form login (POST /api/login, form-encoded) with the CSRF
// token from /api/session; on success the session cookie is set and the console opens.
(function () {
  const form = document.getElementById('login');
  const error = document.getElementById('error');

  // user names are unique per tenant: a tenant user signs in as "<tenant>/<user name>", a platform
  // account (no tenant) by its name alone
  function login() {
    const tenant = form.elements.tenant.value.trim();
    const username = form.elements.username.value.trim();
    return tenant ? tenant + '/' + username : username;
  }

  async function csrf() {
    const session = await (await fetch('/api/session', { credentials: 'same-origin' })).json();
    return session;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const session = await csrf();
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
    if (session.csrfHeader) {
      headers[session.csrfHeader] = session.csrfToken;
    }
    const response = await fetch('/api/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: headers,
      body: new URLSearchParams({ username: login(), password: form.elements.password.value }),
    });
    if (response.status === 204) {
      window.location.assign('/console.html');
      return;
    }
    let detail = 'Sign-in failed (' + response.status + ').';
    try {
      detail = (await response.json()).detail || detail;
    } catch (ignored) {
      // not a problem detail: keep the status line
    }
    error.textContent = detail;
    error.hidden = false;
  });
})();
