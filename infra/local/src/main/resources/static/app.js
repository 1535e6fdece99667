// Shared by the pages: the signed-in user (a stand-in for the app's login) and the API calls.
'use strict';

const App = {
  user() {
    return localStorage.getItem('tasksync.user') || 'demo';
  },

  setUser(user) {
    localStorage.setItem('tasksync.user', user);
  },

  async api(method, path, body) {
    return (await App.call(method, path, body)).data;
  },

  // One page of a paged list: its items, and the path of the next page (the Link header's rel="next") or null.
  async page(path) {
    const { data, response } = await App.call('GET', path);
    const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('Link') || '');
    return { items: data, next: next ? next[1] : null };
  },

  async call(method, path, body) {
    const headers = { 'Authorization': 'Bearer dev:' + App.user(), 'Accept': 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const message = data && (data.error || data.message) || ('HTTP ' + response.status);
      throw new Error(message);
    }
    return { data, response };
  },

  header(active) {
    const header = document.createElement('header');
    header.innerHTML = `
      <span class="brand">Sales Connect</span>
      <nav>
        <a href="/" data-page="settings">Settings</a>
        <a href="/command-center.html" data-page="command-center">Command Center</a>
        <a href="/salesforce.html" data-page="salesforce">Salesforce (emulator)</a>
      </nav>
      <label class="user">Signed in as <input id="user" autocomplete="off"></label>`;
    header.querySelector(`[data-page="${active}"]`).classList.add('active');
    const input = header.querySelector('#user');
    input.value = App.user();
    input.addEventListener('change', () => {
      App.setUser(input.value.trim() || 'demo');
      location.reload();
    });
    document.body.prepend(header);
  },

  today(offsetDays) {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() + (offsetDays || 0));
    return d.toISOString().slice(0, 10);
  },

  text(element, value) {
    element.textContent = value === null || value === undefined ? '' : String(value);
  }
};
