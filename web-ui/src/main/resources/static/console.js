// The console's core: the session and its CSRF token, calls to the admin API (/api), the
// navigation, the sections' router, and small builders for tables, forms and charts. Each section
// (console-*.js) registers itself with TS.section(...). Text goes into the page as text, never as
// HTML; nothing secret goes into a URL or the page source.
'use strict';
const TS = (function () {
  const sections = {};
  const state = { session: null, tenant: null, platformAdmin: false, canChange: false, tenants: [] };
  const main = () => document.getElementById('main');

  /** An API answer other than 2xx: status and the problem detail (RFC 9457) when there is one. */
  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || ('The server answered ' + status + '.'));
      this.status = status;
      this.problem = problem || {};
    }
  }

  async function session() {
    const response = await fetch('/api/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    return response.json();
  }

  /**
   * Calls the admin API. A change carries the session's CSRF token; a body that is a FormData or
   * a Blob goes as it is, anything else as JSON. Resolves to the parsed JSON (or text), rejects
   * with an ApiError.
   */
  async function api(method, path, body, contentType) {
    const headers = { Accept: 'application/json, application/problem+json, text/csv' };
    if (method !== 'GET' && state.session && state.session.csrfHeader) {
      headers[state.session.csrfHeader] = state.session.csrfToken;
    }
    let payload = body;
    if (body !== undefined && !(body instanceof FormData) && !(body instanceof Blob)) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    } else if (body instanceof Blob && contentType) {
      headers['Content-Type'] = contentType;
    }
    const response = await fetch(path, { method: method, credentials: 'same-origin', headers: headers, body: payload });
    if (response.status === 401) {
      window.location.assign('/login.html');
      throw new ApiError(401, { detail: 'Signed out.' });
    }
    const type = response.headers.get('Content-Type') || '';
    const data = response.status === 204 ? null
      : type.includes('json') ? await response.json() : await response.text();
    if (!response.ok) {
      throw new ApiError(response.status, typeof data === 'object' ? data : { detail: data });
    }
    return data;
  }

  const get = (path) => api('GET', path);
  /** A path under the current tenant: t('/tiers') is /api/tenants/{tenant}/tiers. */
  const t = (path) => '/api/tenants/' + encodeURIComponent(state.tenant) + path;
  const enc = encodeURIComponent;

  /** A DOM element: el('td', {class: 'x'}, 'text', child, ...). Strings become text nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === undefined || v === null || v === false) {
        return;
      }
      if (k.startsWith('on')) {
        node.addEventListener(k.substring(2), v);
      } else if (k === 'dataset') {
        Object.assign(node.dataset, v);
      } else {
        node.setAttribute(k, v === true ? '' : v);
      }
    });
    children.flat().forEach((c) => {
      if (c !== undefined && c !== null && c !== false) {
        node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
      }
    });
    return node;
  }

  /** A table: columns [{label, value: row => text or node}], one tr per row (rowAttrs(row) on it). */
  function table(caption, columns, rows, rowAttrs) {
    return el('table', {},
      caption ? el('caption', {}, caption) : null,
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, c.label)))),
      el('tbody', {}, rows.length === 0
        ? el('tr', {}, el('td', { colspan: columns.length, class: 'muted' }, 'None yet.'))
        : rows.map((r) => el('tr', rowAttrs ? rowAttrs(r) : {}, columns.map((c) => el('td', {}, c.value(r)))))));
  }

  const num = (x, digits) => (x === null || x === undefined || Number.isNaN(x)) ? '–' : Number(x).toFixed(digits);
  const when = (iso) => iso ? new Date(iso).toISOString().replace('T', ' ').substring(0, 19) + ' UTC' : '–';

  /**
   * A form of labelled fields: [{name, label, type, options, required, value, step, min, max,
   * placeholder, hint}]. submit(values, form) may throw an ApiError: its field errors show next
   * to the fields they name, anything else under the form.
   */
  function form(id, legend, fields, submitLabel, submit) {
    const inputs = {};
    const errors = {};
    const general = el('p', { class: 'error', role: 'alert', id: id + '-error', hidden: true });
    const rows = fields.map((f) => {
      const inputId = id + '-' + f.name;
      let input;
      if (f.type === 'select') {
        input = el('select', { id: inputId, name: f.name },
          f.options.map((o) => el('option', { value: o.value !== undefined ? o.value : o }, o.label || o)));
      } else if (f.type === 'textarea') {
        input = el('textarea', { id: inputId, name: f.name, rows: f.rows || 4, placeholder: f.placeholder, required: f.required });
      } else if (f.type === 'checkbox') {
        input = el('input', { id: inputId, name: f.name, type: 'checkbox' });
      } else {
        input = el('input', {
          id: inputId, name: f.name, type: f.type || 'text', required: f.required, step: f.step, min: f.min,
          max: f.max, placeholder: f.placeholder, accept: f.accept, multiple: f.multiple, autocomplete: f.autocomplete || 'off',
        });
      }
      if (f.value !== undefined && f.type !== 'file') {
        setValue(input, f.value);
      }
      const error = el('span', { class: 'field-error', id: inputId + '-error', role: 'alert' });
      input.setAttribute('aria-describedby', inputId + '-error');
      inputs[f.name] = input;
      errors[f.name] = error;
      const label = el('label', { for: inputId }, f.label);
      return el('div', { class: 'field' + (f.type === 'checkbox' ? ' check' : '') },
        f.type === 'checkbox' ? [input, label] : [label, input], f.hint ? el('small', { class: 'muted' }, f.hint) : null, error);
    });
    const button = el('button', { type: 'submit', id: id + '-submit' }, submitLabel);
    const node = el('form', { id: id, novalidate: true }, el('fieldset', {}, el('legend', {}, legend), rows, button, general));
    const handle = {
      node: node,
      inputs: inputs,
      values() {
        const v = {};
        fields.forEach((f) => {
          const input = inputs[f.name];
          if (f.type === 'checkbox') {
            v[f.name] = input.checked;
          } else if (f.type === 'file') {
            v[f.name] = input.files;
          } else if (f.type === 'number') {
            v[f.name] = input.value === '' ? null : Number(input.value);
          } else {
            v[f.name] = input.value === '' ? null : input.value;
          }
        });
        return v;
      },
      set(values) {
        Object.entries(values).forEach(([k, v]) => inputs[k] && setValue(inputs[k], v));
      },
      clearErrors() {
        Object.values(errors).forEach((e) => { e.textContent = ''; });
        Object.values(inputs).forEach((i) => i.removeAttribute('aria-invalid'));
        general.hidden = true;
        general.textContent = '';
      },
      /** Shows an error: field errors next to their fields, the rest under the form. */
      show(error) {
        const problems = (error.problem && error.problem.errors) || [];
        const unplaced = [];
        problems.forEach((p) => {
          const name = fieldName(p.field, inputs);
          if (name) {
            errors[name].textContent = (errors[name].textContent ? errors[name].textContent + ' ' : '')
              + (p.field !== name ? p.field + ': ' : '') + p.message;
            inputs[name].setAttribute('aria-invalid', 'true');
          } else {
            unplaced.push((p.field ? p.field + ': ' : '') + p.message);
          }
        });
        if (problems.length === 0 || unplaced.length > 0) {
          general.textContent = [error.message].concat(unplaced).join(' ');
          general.hidden = false;
        }
      },
    };
    node.addEventListener('submit', async (event) => {
      event.preventDefault();
      handle.clearErrors();
      button.disabled = true;
      try {
        await submit(handle.values(), handle);
      } catch (e) {
        handle.show(e instanceof ApiError ? e : new ApiError(0, { detail: e.message }));
      } finally {
        button.disabled = false;
      }
    });
    return handle;
  }

  function setValue(input, v) {
    if (input.type === 'checkbox') {
      input.checked = !!v;
    } else {
      input.value = v === null || v === undefined ? '' : v;
    }
  }

  // 'stages[1].parent' names the field 'stages'; 'accuracyTolerance' itself
  function fieldName(path, inputs) {
    if (!path) {
      return null;
    }
    if (inputs[path]) {
      return path;
    }
    const head = path.split(/[.[]/)[0];
    return inputs[head] ? head : null;
  }

  /** A button that calls action(); its error shows in the given message element. */
  function action(label, attrs, run, message) {
    const button = el('button', Object.assign({ type: 'button' }, attrs), label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await run();
      } catch (e) {
        (message || notice)(e.message, true);
      } finally {
        button.disabled = false;
      }
    });
    return button;
  }

  /** A message for the whole page (role=status), or an error (role=alert). */
  function notice(text, isError) {
    const box = document.getElementById('notice');
    box.textContent = text;
    box.className = isError ? 'error' : 'ok';
    box.setAttribute('role', isError ? 'alert' : 'status');
    box.hidden = !text;
  }

  const palette = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

  /**
   * A Chart.js chart in a figure whose role is img and whose accessible name is {@code name}
   * (canvas pixels say nothing to a screen reader; the table next to each chart has the numbers).
   */
  function chart(id, name, config) {
    const canvas = el('canvas', { id: id + '-canvas' });
    const figure = el('div', { class: 'chart', id: id, role: 'img', 'aria-label': name }, canvas);
    config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options || {});
    const draw = () => {
      if (!canvas.isConnected) {
        requestAnimationFrame(draw);
        return;
      }
      figure.chart = new window.Chart(canvas, config);
    };
    requestAnimationFrame(draw);
    return figure;
  }

  function section(name, spec) {
    sections[name] = spec;
  }

  let rendering = 0;

  /**
   * Renders the section the address names (#/tiers, #/cascades/fashion-mnist, …) off-page, then
   * swaps it in; a newer navigation wins over one still loading.
   */
  async function route() {
    const token = ++rendering;
    const hash = window.location.hash;
    const parts = (hash.replace(/^#\/?/, '') || (state.platformAdmin ? 'tenants' : 'cascades'))
      .split('/').map(decodeURIComponent);
    const name = sections[parts[0]] ? parts[0] : 'cascades';
    const spec = sections[name];
    document.querySelectorAll('#nav a').forEach((a) => {
      if (a.dataset.section === name) {
        a.setAttribute('aria-current', 'page');
      } else {
        a.removeAttribute('aria-current');
      }
    });
    const target = main();
    target.removeAttribute('data-ready');
    const view = el('div');
    const h1 = el('h1', {}, spec.title(parts[1]));
    view.appendChild(h1);
    if (!state.tenant && name !== 'tenants') {
      view.appendChild(el('p', {}, 'No tenant yet: create one under Tenants.'));
    } else {
      try {
        await spec.render(view, parts[1]);
      } catch (e) {
        view.appendChild(el('p', { class: 'error', role: 'alert' }, 'Could not load: ' + e.message));
      }
    }
    if (token !== rendering) {
      return;
    }
    target.replaceChildren(...view.childNodes);
    document.title = h1.textContent + ' - TierServe';
    target.dataset.route = hash;
    target.dataset.ready = name;
    if (!document.getElementById('loaded')) {
      document.body.appendChild(el('span', { id: 'loaded', hidden: true }));
    }
  }

  /** Renders the current section again (after a change); its message stays. */
  const refresh = () => route();

  /** Shows the section at {@code hash}: routed by the hashchange, or rendered again when it is shown already. */
  function show(hash) {
    if (window.location.hash === hash) {
      return route();
    }
    window.location.hash = hash;
    return Promise.resolve();
  }

  async function start() {
    state.session = await session();
    if (!state.session.authenticated) {
      window.location.assign('/login.html');
      return;
    }
    // authorities other than roles (the factor a login used, say) are not shown
    const roles = (state.session.roles || []).filter((r) => r.startsWith('ROLE_')).map((r) => r.substring(5));
    state.platformAdmin = roles.includes('PLATFORM_ADMIN');
    state.canChange = state.platformAdmin || roles.includes('TENANT_ADMIN');
    document.getElementById('who').textContent = state.session.username;
    document.getElementById('role').textContent = roles.map((r) => r.toLowerCase().replace('_', ' ')).join(', ');
    document.body.dataset.role = state.canChange ? 'admin' : 'viewer';
    if (!state.platformAdmin) {
      document.querySelector('#nav a[data-section="tenants"]').parentElement.remove();
    }
    await loadTenants();
    window.addEventListener('hashchange', route);
    await route();
  }

  /** The tenants the account may read; a platform admin picks one, a tenant account has its own. */
  async function loadTenants() {
    const page = await get('/api/tenants?size=200');
    state.tenants = page.content;
    const picker = document.getElementById('tenant');
    picker.replaceChildren(...state.tenants.map((x) => el('option', { value: x.name }, x.name)));
    const remembered = sessionStorage.getItem('tierserve.tenant');
    const names = state.tenants.map((x) => x.name);
    state.tenant = names.includes(remembered) ? remembered
      : names.includes('demo') ? 'demo' : (names[0] || null);
    picker.value = state.tenant || '';
    document.getElementById('tenant-picker').hidden = !state.platformAdmin;
    document.getElementById('tenant-name').textContent = state.tenant || '–';
    document.getElementById('tenant-name').parentElement.hidden = state.platformAdmin;
  }

  function chooseTenant(name) {
    state.tenant = name;
    sessionStorage.setItem('tierserve.tenant', name);
    document.getElementById('tenant').value = name;
    route();
  }

  document.addEventListener('DOMContentLoaded', () => {
    document.getElementById('tenant').addEventListener('change', (e) => chooseTenant(e.target.value));
    // a message belongs to the section it was shown on
    document.getElementById('nav').addEventListener('click', () => notice(''));
    document.getElementById('logout').addEventListener('click', async () => {
      await api('POST', '/api/logout');
      window.location.assign('/login.html');
    });
    start().catch((e) => {
      main().replaceChildren(el('h1', {}, 'Console'), el('p', { class: 'error', role: 'alert' }, 'Could not load: ' + e.message));
    });
  });

  return {
    state, api, get, t, enc, el, table, form, action, notice, chart, section, refresh, show, num, when, palette,
    loadTenants, chooseTenant, ApiError,
  };
})();
