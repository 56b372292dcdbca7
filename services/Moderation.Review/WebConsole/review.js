import { api, canCall, el, fill, keyForm, status } from './console.js';

// The review service's default reason codes; a code it does not know comes back as a 400 naming it.
const reasonCodes = ['no-violation', 'news-context', 'threat', 'harassment', 'hate', 'violence', 'sexual', 'self-harm',
  'illicit', 'spam', 'pii', 'profanity', 'other'];

let claimed = [];
let selected = 0;

function suggestedReason(category) {
  if (category.endsWith('/threatening')) {
    return 'threat';
  }
  const root = category.split('/')[0];
  return reasonCodes.includes(root) ? root : 'other';
}

/** The text with every evidence span of the field wrapped in a mark; all of it as text nodes. */
function highlighted(text, reasons, field) {
  const spans = reasons.filter(r => r.field === field)
    .map(r => ({ start: Math.max(0, Math.min(text.length, r.span.start)), end: Math.max(0, Math.min(text.length, r.span.end)), category: r.category }))
    .filter(s => s.end > s.start);
  const cuts = [...new Set([0, text.length, ...spans.flatMap(s => [s.start, s.end])])].sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const [start, end] = [cuts[i], cuts[i + 1]];
    const covering = spans.filter(s => s.start <= start && s.end >= end);
    const piece = text.slice(start, end);
    parts.push(covering.length ? el('mark', { title: [...new Set(covering.map(s => s.category))].join(', ') }, piece) : piece);
  }
  return parts;
}

function leaseText(item) {
  const left = Math.round((new Date(item.leaseUntil).getTime() - Date.now()) / 1000);
  if (left <= 0) {
    return ['Lease expired: another moderator may claim this item.', true];
  }
  return [`Lease: ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left`, left < 60];
}

function showLease() {
  const item = claimed[selected];
  if (item) {
    const [text, expiring] = leaseText(item);
    const lease = document.getElementById('lease');
    fill(lease, text);
    lease.classList.toggle('expiring', expiring);
  }
}

function renderList() {
  fill(document.getElementById('claimed-list'), claimed.length
    ? claimed.map((item, i) => {
      const li = el('li', { 'data-item-id': item.itemId, 'aria-selected': i === selected ? 'true' : 'false' },
        el('strong', {}, item.topCategory || 'no category'), ` · ${item.kind} · `, item.text.slice(0, 60));
      li.addEventListener('click', () => select(i));
      return li;
    })
    : el('li', { class: 'empty' }, 'Nothing claimed: press N to claim the next items.'));
}

function renderItem() {
  const panel = document.getElementById('item');
  const item = claimed[selected];
  panel.hidden = !item;
  if (!item) {
    return;
  }
  fill(document.getElementById('item-heading'), `${item.kind} · ${item.topCategory || 'no category'} · verdict ${item.verdict}`);
  fill(document.getElementById('context'), item.kind === 'comment'
    ? ['A comment under the article ', el('em', {}, item.title ?? '(untitled)')]
    : ['An article', item.title ? [': ', el('em', {}, item.title)] : '']);
  const title = document.getElementById('title');
  title.hidden = !(item.kind === 'article' && item.title);
  fill(title, item.kind === 'article' && item.title ? highlighted(item.title, item.reasons, 'title') : []);
  fill(document.getElementById('content'), highlighted(item.text, item.reasons, 'body'));
  fill(document.getElementById('reasons'), item.reasons.length
    ? item.reasons.map(r => el('li', {}, el('strong', {}, r.category), ` — ${r.detail} (${r.source}, ${r.field} ${r.span.start}–${r.span.end})`))
    : el('li', { class: 'empty' }, 'No reasons given.'));
  const scores = Object.entries(item.scores).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).slice(0, 5);
  fill(document.getElementById('scores'), scores.length ? `Scores: ${scores.map(([c, v]) => `${c} ${v.toFixed(2)}`).join(', ')}` : '');
  const reason = document.getElementById('reason');
  fill(reason, reasonCodes.map(code => el('option', { value: code }, code)));
  reason.value = suggestedReason(item.topCategory || '');
  document.getElementById('note').value = '';
  showLease();
}

function select(index) {
  selected = Math.max(0, Math.min(index, claimed.length - 1));
  renderList();
  renderItem();
}

async function refreshQueueCount() {
  if (!canCall()) {
    return;
  }
  try {
    // Spelled as the enum is, which the review API binds case-sensitively today.
    const [pending, held] = await Promise.all(['Pending', 'Claimed'].map(s => api(`/api/v1/review/items?status=${s}&pageSize=1`)));
    fill(document.getElementById('queue-count'), pending.total);
    fill(document.getElementById('claimed-count'), held.total);
  } catch (error) {
    status(`Could not read the queue: ${error.message}`, true);
  }
}

async function claim() {
  const count = Number(document.getElementById('claim-count').value);
  try {
    const result = await api('/api/v1/review/claims', { method: 'POST', body: { count } });
    const known = new Set(claimed.map(i => i.itemId));
    claimed.push(...result.items.filter(i => !known.has(i.itemId)));
    status(result.items.length ? `Claimed ${result.items.length} item(s).` : 'The queue has nothing left to claim.');
    select(selected);
  } catch (error) {
    status(`Could not claim: ${error.message}`, true);
  }
  await refreshQueueCount();
}

function removeSelected() {
  claimed.splice(selected, 1);
  select(selected);
}

async function decide(decision) {
  const item = claimed[selected];
  if (!item) {
    return;
  }
  const reason = decision === 'approve' ? 'no-violation' : document.getElementById('reason').value;
  const note = document.getElementById('note').value.trim() || null;
  try {
    await api(`/api/v1/review/items/${item.itemId}/decision`, { method: 'POST', body: { decision, reason, note } });
    removeSelected();
    status(`${decision === 'escalate' ? 'Escalated' : decision === 'approve' ? 'Approved' : 'Removed'} (${reason}); the item has left your list.`);
  } catch (error) {
    status(`Could not ${decision}: ${error.message}`, true);
  }
  await refreshQueueCount();
}

async function release() {
  const item = claimed[selected];
  if (!item) {
    return;
  }
  try {
    await api(`/api/v1/review/items/${item.itemId}/release`, { method: 'POST' });
    removeSelected();
    status('Released: the item is back in the queue.');
  } catch (error) {
    status(`Could not release: ${error.message}`, true);
  }
  await refreshQueueCount();
}

const keys = {
  n: claim,
  j: () => select(selected + 1),
  k: () => select(selected - 1),
  a: () => decide('approve'),
  r: () => decide('remove'),
  e: () => decide('escalate'),
  u: release,
};

document.addEventListener('keydown', event => {
  const typing = ['INPUT', 'TEXTAREA', 'SELECT'].includes(event.target.tagName);
  const action = keys[event.key.toLowerCase()];
  if (!typing && action && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    action();
  }
});
document.getElementById('claim').addEventListener('click', claim);
document.getElementById('approve').addEventListener('click', () => decide('approve'));
document.getElementById('remove').addEventListener('click', () => decide('remove'));
document.getElementById('escalate').addEventListener('click', () => decide('escalate'));
document.getElementById('release').addEventListener('click', release);
setInterval(showLease, 1000);
setInterval(refreshQueueCount, 15000);
renderList();
keyForm(refreshQueueCount);
