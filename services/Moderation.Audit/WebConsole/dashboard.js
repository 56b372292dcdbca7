import { api, authHeaders, el, fill, formatSeconds, keyForm, status } from './console.js';

const refreshMs = 10000;
const verdicts = ['allow', 'review', 'block', 'pending'];
let timer = null;

function period() {
  const hours = Number(document.getElementById('period').value);
  const to = new Date();
  const from = new Date(to.getTime() - hours * 3600 * 1000);
  return { from: from.toISOString(), to: to.toISOString(), hours };
}

function table(headers, rows, numeric) {
  if (rows.length === 0) {
    return el('p', { class: 'empty' }, 'Nothing in this period.');
  }
  return el('table', {},
    el('thead', {}, el('tr', {}, headers.map((h, i) => el('th', { class: numeric[i] ? 'num' : null }, h)))),
    el('tbody', {}, rows.map(row => el('tr', {}, row.map((cell, i) => el('td', { class: numeric[i] ? 'num' : null }, cell))))));
}

function hourlyChart(hourly, range) {
  const hours = [];
  const start = Math.floor(new Date(range.from).getTime() / 3600000) * 3600000;
  for (let t = start; t < new Date(range.to).getTime(); t += 3600000) {
    hours.push(t);
  }
  const counts = new Map(hours.map(h => [h, Object.fromEntries(verdicts.map(v => [v, 0]))]));
  for (const row of hourly) {
    const bucket = counts.get(new Date(row.hour).getTime());
    if (bucket) {
      bucket[row.verdict] = (bucket[row.verdict] ?? 0) + row.count;
    }
  }
  const totals = hours.map(h => verdicts.reduce((sum, v) => sum + counts.get(h)[v], 0));
  const max = Math.max(1, ...totals);
  const width = 900;
  const height = 180;
  const left = 30;
  const barWidth = (width - left) / hours.length;
  const svg = el('svg:svg', { class: 'chart', viewBox: `0 0 ${width} ${height + 20}`, width: '100%', role: 'img', 'aria-label': 'submissions per hour' });
  svg.append(el('svg:text', { x: 0, y: 10 }, String(max)), el('svg:text', { x: 0, y: height }, '0'));
  hours.forEach((hour, i) => {
    let y = height;
    for (const verdict of verdicts) {
      const count = counts.get(hour)[verdict];
      if (count > 0) {
        const h = (count / max) * (height - 10);
        y -= h;
        svg.append(el('svg:rect', { class: verdict, x: left + i * barWidth + 1, y, width: Math.max(1, barWidth - 2), height: h },
          el('svg:title', {}, `${new Date(hour).toLocaleString()}: ${count} ${verdict}`)));
      }
    }
    const every = Math.ceil(hours.length / 12);
    if (i % every === 0 && i + every <= hours.length) {
      svg.append(el('svg:text', { x: left + i * barWidth, y: height + 14 }, new Date(hour).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })));
    }
  });
  return svg;
}

function categoryRows(hourly) {
  const groups = new Map();
  for (const row of hourly) {
    const key = `${row.kind}\u0000${row.category}`;
    const group = groups.get(key) ?? { kind: row.kind, category: row.category, allow: 0, review: 0, block: 0, pending: 0 };
    group[row.verdict] = (group[row.verdict] ?? 0) + row.count;
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => (b.review + b.block) - (a.review + a.block) || a.category.localeCompare(b.category))
    .map(g => [g.kind, g.category, g.allow, g.review, g.block, g.pending]);
}

function render(overview, verification, range) {
  const t = overview.totals;
  fill(document.getElementById('total-submissions'), t.submissions);
  fill(document.getElementById('total-kinds'), `${t.articles} articles, ${t.comments} comments`);
  fill(document.getElementById('total-allow'), t.allow);
  fill(document.getElementById('total-review'), t.review);
  fill(document.getElementById('total-block'), t.block);
  const q = overview.queue;
  fill(document.getElementById('queue-depth'), q.depth);
  fill(document.getElementById('queue-oldest'), q.depth ? `oldest waiting ${formatSeconds(q.oldestItemAgeSeconds)}` : 'queue empty');
  fill(document.getElementById('queue-past-sla'), q.pastSla);
  fill(document.getElementById('queue-sla'), `SLA ${formatSeconds(q.slaSeconds)}`);
  document.getElementById('past-sla-tile').classList.toggle('bad', q.pastSla > 0);
  const d = overview.decisions;
  fill(document.getElementById('decisions-total'), d.decisions);
  fill(document.getElementById('decisions-split'), `${d.byPolicy} by the policy, ${d.byModerators} by moderators`);
  renderErrorQueues(overview.errorQueues);
  const a = overview.appeals;
  fill(document.getElementById('appeals-decided'), a.decided);
  fill(document.getElementById('appeals-split'), `${a.upheld} upheld, ${a.overturned} overturned`);
  fill(document.getElementById('chain-status'), verification.ok ? 'intact' : `broken at #${verification.firstBrokenSequence}`);
  fill(document.getElementById('chain-entries'), `${verification.entries} entries checked`);
  const chainTile = document.getElementById('chain-tile');
  chainTile.classList.toggle('good', verification.ok);
  chainTile.classList.toggle('bad', !verification.ok);

  fill(document.getElementById('hourly-chart'), hourlyChart(overview.hourly, range));
  fill(document.getElementById('categories'), table(
    ['kind', 'top category', 'allow', 'review', 'block', 'pending'], categoryRows(overview.hourly), [false, false, true, true, true, true]));
  const latencyRow = (name, l) => [name, l.count, formatSeconds(l.p50Seconds), formatSeconds(l.p90Seconds), formatSeconds(l.p99Seconds)];
  fill(document.getElementById('latency'), table(['from submission to', 'count', 'p50', 'p90', 'p99'],
    [latencyRow('verdict', overview.timeToVerdict), latencyRow('final decision', overview.timeToFinalDecision)], [false, true, true, true, true]));
  fill(document.getElementById('moderators'), table(['moderator', 'decisions', 'approved', 'removed', 'escalated'],
    overview.moderators.map(m => [m.moderator, m.decisions, m.approved, m.removed, m.escalated]), [false, true, true, true, true]));
  fill(document.getElementById('agreement'), table(['top category', 'verdict', 'judged', 'agreed', 'precision'],
    overview.agreement.map(g => [g.category, g.verdict, g.judged, g.agreed, `${Math.round(g.precision * 100)} %`]), [false, false, true, true, true]));
  document.getElementById('export-link').href = `/api/v1/audit/export.csv?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;
}

// A message that failed every retry waits in its error queue until an admin re-drives it.
function renderErrorQueues(errorQueues) {
  const tile = document.getElementById('error-queue-tile');
  const value = document.getElementById('error-queue-messages');
  value.classList.toggle('words', !errorQueues.counted);
  if (!errorQueues.counted) {
    fill(value, 'not counted');
    fill(document.getElementById('error-queue-detail'), errorQueues.note);
    tile.classList.remove('bad', 'good');
    return;
  }
  const waiting = errorQueues.queues.filter(q => q.messages > 0);
  fill(value, errorQueues.messages);
  fill(document.getElementById('error-queue-detail'), waiting.length === 0
    ? `none in ${errorQueues.queues.map(q => q.errorQueue).join(', ')}`
    : waiting.map(q => `${q.errorQueue}: ${q.messages}`).join(', '));
  tile.classList.toggle('bad', waiting.length > 0);
  tile.classList.toggle('good', waiting.length === 0);
}

async function refresh() {
  const range = period();
  try {
    const query = `from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;
    const [overview, verification] = await Promise.all([api(`/api/v1/stats/overview?${query}`), api('/api/v1/audit/verify')]);
    render(overview, verification, range);
    status(`Updated ${new Date().toLocaleTimeString()} (through audit entry #${overview.lastSequence}); refreshes every ${refreshMs / 1000} s.`);
  } catch (error) {
    status(`Could not load the figures: ${error.message}`, true);
  }
}

function start() {
  clearInterval(timer);
  refresh();
  timer = setInterval(refresh, refreshMs);
}

// The CSV link needs the key or the console's header too, which a plain link cannot send: fetch it and hand the browser a file.
document.getElementById('export-link').addEventListener('click', async event => {
  event.preventDefault();
  const href = event.currentTarget.href;
  try {
    const response = await fetch(href, { headers: authHeaders() });
    if (!response.ok) {
      throw new Error(`${response.status} ${response.statusText}`);
    }
    const url = URL.createObjectURL(await response.blob());
    const link = el('a', { href: url, download: 'audit-entries.csv' });
    link.click();
    URL.revokeObjectURL(url);
  } catch (error) {
    status(`Could not export: ${error.message}`, true);
  }
});
document.getElementById('period').addEventListener('change', start);
keyForm(start);
