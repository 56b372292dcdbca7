import { api, el, fill, keyForm, status } from './console.js';

const maxPages = 20;

function entryItem(entry, verification) {
  const broken = !verification.ok && entry.sequence >= verification.firstBrokenSequence;
  return el('li', { 'data-sequence': entry.sequence },
    el('div', {}, el('strong', {}, entry.eventType), ' by ', el('span', { class: 'actor' }, entry.actor)),
    el('div', { class: 'meta' }, `#${entry.sequence} · ${new Date(entry.occurredAt).toLocaleString()}`,
      broken ? el('span', { class: 'broken' }, ' · not covered by an intact chain') : null),
    el('dl', { class: 'data' }, Object.entries(entry.data).filter(([, v]) => v !== null && v !== '')
      .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
    el('code', { class: 'hash' }, `hash ${entry.hash}`));
}

async function show(submissionId) {
  status('Loading…');
  try {
    const entries = [];
    let after = 0;
    for (let page = 0; page < maxPages && after !== null; page++) {
      const result = await api(`/api/v1/audit/entries?submissionId=${encodeURIComponent(submissionId)}&after=${after}&limit=1000`);
      entries.push(...result.entries);
      after = result.nextAfter;
    }
    const verification = await api('/api/v1/audit/verify');
    fill(document.getElementById('chain'), verification.ok
      ? el('span', { id: 'chain-verdict', class: 'ok' }, `Intact: all ${verification.entries} entries of the log recompute to their stored hashes.`)
      : el('span', { id: 'chain-verdict', class: 'broken' }, `Broken at sequence ${verification.firstBrokenSequence}: that entry or its link was changed after it was written.`));
    fill(document.getElementById('timeline'), entries.length
      ? entries.map(e => entryItem(e, verification))
      : el('li', { class: 'empty' }, 'No entries for this submission.'));
    status(`${entries.length} entries for ${submissionId}.`);
  } catch (error) {
    status(`Could not load the timeline: ${error.message}`, true);
  }
}

function search(event) {
  event?.preventDefault();
  const id = document.getElementById('submission-id').value.trim();
  if (id) {
    history.replaceState(null, '', `/audit?submission=${encodeURIComponent(id)}`);
    show(id);
  }
}

document.getElementById('search-form').addEventListener('submit', search);
const requested = new URLSearchParams(location.search).get('submission');
if (requested) {
  document.getElementById('submission-id').value = requested;
}
keyForm(() => {
  if (document.getElementById('submission-id').value) {
    search();
  }
});
