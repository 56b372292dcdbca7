// Shared by every page of the web console. Submitted text only ever reaches the page through
// text nodes (el() below), never as markup, so a comment full of <script> stays characters.
// A person either signs in through the platform's OpenID Connect issuer (the service runs the sign-in
// and keeps the session in an HttpOnly cookie this script never reads) or types an API key.
const keyName = 'moderation.apiKey';
const consoleHeader = 'X-Moderation-Console';

/** Whether sign-in is offered and who is signed in, as /console/session tells it. */
let session = { signInOffered: false, signedIn: false, name: null };

/** The API key the user typed, kept for this browser tab only. */
export function apiKey() {
  return sessionStorage.getItem(keyName);
}

/** Whether the page can call the API: a key is set, or the person is signed in. */
export function canCall() {
  return Boolean(apiKey()) || session.signedIn;
}

/**
 * The headers that authenticate a call: the key when one is set; always the console's header, with
 * which the service accepts the session cookie (a page of another site cannot send it).
 */
export function authHeaders() {
  const key = apiKey();
  return key ? { [consoleHeader]: '1', 'X-Api-Key': key } : { [consoleHeader]: '1' };
}

/** Builds an element; strings among the children become text nodes, attributes are set one by one. */
export function el(tag, attributes, ...children) {
  const element = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value !== null && value !== undefined && value !== false) {
      element.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}

/** Replaces everything inside an element. */
export function fill(element, ...children) {
  element.replaceChildren();
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

/** Calls the API with the stored key or the session; a problem-details answer becomes an Error naming what was wrong. */
export async function api(path, options = {}) {
  const headers = { ...authHeaders(), Accept: 'application/json', ...(options.headers ?? {}) };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const problem = await response.json();
      const fields = Object.entries(problem.errors ?? {}).map(([field, errors]) => `${field}: ${errors.join(' ')}`);
      message = [problem.title, problem.detail, ...fields].filter(Boolean).join(' — ') || message;
    } catch {
      // Not a problem-details body: the status line says enough.
    }
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return response.status === 204 ? null : response.json();
}

const pages = [['/dashboard', 'Dashboard'], ['/audit', 'Audit search'], ['/review', 'Review']];

/** Fills the page's header: the console's pages, then the key form for the role named by data-role. */
function header() {
  const bar = document.querySelector('header.bar');
  const extra = [...bar.children];
  fill(bar,
    el('h1', {}, 'Moderation'),
    el('nav', {}, pages.map(([path, name]) => el('a', { href: path, 'aria-current': location.pathname === path ? 'page' : null }, name))),
    extra,
    el('form', { id: 'key-form' },
      el('input', { id: 'api-key', type: 'password', placeholder: `${bar.dataset.role} API key`, autocomplete: 'off', 'aria-label': 'API key' }),
      el('button', { type: 'submit' }, 'Use key'),
      el('button', { type: 'button', id: 'forget-key' }, 'Forget'),
      el('span', { id: 'key-state' })),
    el('span', { id: 'session' }));
}

/** Shows who is signed in with a sign-out button, or a sign-in link when the service offers sign-in. */
function renderSession() {
  const place = document.getElementById('session');
  if (session.signedIn) {
    const signOut = el('button', { type: 'button', id: 'sign-out' }, 'Sign out');
    signOut.addEventListener('click', async () => {
      await fetch('/console/signout', { method: 'POST', headers: { [consoleHeader]: '1' } });
      location.reload();
    });
    fill(place, `signed in as ${session.name}`, signOut);
  } else if (session.signInOffered) {
    fill(place, el('a', { id: 'sign-in', href: `/console/signin?returnUrl=${encodeURIComponent(location.pathname)}` }, 'Sign in'));
  } else {
    fill(place);
  }
}

/**
 * Builds the page header and wires its key form and sign-in. onKey runs once the page can call the
 * API: when a key is stored (at once if the tab already has one) or when the person is signed in. The
 * key never leaves sessionStorage except in the X-Api-Key header.
 */
export function keyForm(onKey) {
  header();
  const form = document.getElementById('key-form');
  const input = document.getElementById('api-key');
  const state = document.getElementById('key-state');
  const show = () => fill(state, apiKey() ? 'key set for this tab' : session.signedIn ? '' : 'no key: type one');
  form.addEventListener('submit', event => {
    event.preventDefault();
    if (input.value.trim()) {
      sessionStorage.setItem(keyName, input.value.trim());
      input.value = '';
      input.blur();
      show();
      onKey();
    }
  });
  document.getElementById('forget-key').addEventListener('click', () => {
    sessionStorage.removeItem(keyName);
    show();
  });
  show();
  if (apiKey()) {
    onKey();
  }
  fetch('/console/session', { headers: { Accept: 'application/json' } })
    .then(response => (response.ok ? response.json() : session))
    .then(answer => {
      session = answer;
      renderSession();
      show();
      if (session.signedIn && !apiKey()) {
        onKey();
      }
    })
    .catch(() => {
      // No session endpoint answering: the key form is all there is.
    });
}

/** Shows a message in the page's status line. */
export function status(message, isError = false) {
  const line = document.getElementById('status');
  fill(line, message);
  line.classList.toggle('error', isError);
}

export function formatSeconds(seconds) {
  if (seconds === null || seconds === undefined) {
    return '–';
  }
  if (seconds < 1) {
    return `${Math.round(seconds * 1000)} ms`;
  }
  if (seconds < 120) {
    return `${seconds.toFixed(1)} s`;
  }
  if (seconds < 7200) {
    return `${Math.round(seconds / 60)} min`;
  }
  return `${(seconds / 3600).toFixed(1)} h`;
}
