// shoplab live: drives the lab through its control API (docs/control-api.md) and draws what the lab streams.
// Every figure comes from the server; this script only draws and sends clicks.
'use strict';

const HISTORY_SECONDS = 120;
const LABELS = {
  'monolith': 'Monolith',
  'distributed-monolith': 'Distributed monolith',
  'event-driven': 'Event-driven',
};
const DAMAGE = [
  ['lostOrders', 'lost orders'], ['stuckOrders', 'stuck orders'], ['oversoldSkus', 'stock wrong'],
  ['moneyMismatches', 'money kept / missing'], ['doubleCharges', 'double charges'],
  ['missingNotifications', 'mails missing'], ['duplicateNotifications', 'mails twice'],
];

// ---- the token: from the link ./shoplab demo printed (#token=…), kept for this tab only ------------------------------
(function takeToken() {
  const m = location.hash.match(/token=([^&]+)/);
  if (m) {
    sessionStorage.setItem('shoplab-token', decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname);
  }
})();

function token() { return sessionStorage.getItem('shoplab-token') || ''; }

async function api(method, path, body) {
  const headers = { 'Authorization': 'Bearer ' + token() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) { askForToken(); throw new Error('the control token is missing or wrong'); }
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.detail || (method + ' ' + path + ' answered ' + res.status));
  return json;
}

function askForToken() { document.getElementById('token-prompt').hidden = false; }

function say(text) { addEvent({ t: Date.now(), text }); }

// ---- page state -------------------------------------------------------------------------------------------------
const columns = {};      // architecture → {charts, fig elements, damage elements}
let faultWindows = [];   // [{from, to}] seconds with a fault on, for the shading
let lastState = null;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  children.forEach(c => e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c));
  return e;
}

function clock(ms) { return new Date(ms).toLocaleTimeString([], { hour12: false }); }

// shades the seconds a fault was on, as the bench's report does
const faultShade = {
  id: 'faultShade',
  beforeDatasetsDraw(chart) {
    const { ctx, chartArea, scales: { x } } = chart;
    ctx.save();
    ctx.fillStyle = 'rgba(197, 48, 48, 0.10)';
    for (const w of faultWindows) {
      const a = Math.max(x.getPixelForValue(w.from), chartArea.left);
      const b = Math.min(x.getPixelForValue(w.to), chartArea.right);
      if (b > a) ctx.fillRect(a, chartArea.top, b - a, chartArea.bottom - chartArea.top);
    }
    ctx.restore();
  },
};

function chart(canvas, title, series, options) {
  const opts = options || {};
  return new Chart(canvas, {
    type: 'line',
    data: { datasets: series.map(s => ({ label: s.label, data: [], borderColor: s.color, backgroundColor: s.color,
      // straight segments: a smoothed curve bends before a jump, drawing an effect before its cause (as the bench's report)
      borderWidth: s.width || 2, borderDash: s.dash || [], pointRadius: 0, tension: 0, yAxisID: s.axis || 'y' })) },
    options: {
      animation: false, parsing: false, normalized: true, maintainAspectRatio: false,
      plugins: { title: { display: true, text: title, align: 'start', font: { size: 12 } },
        legend: { position: 'bottom', labels: { boxWidth: 10, font: { size: 10 } } }, tooltip: { enabled: false } },
      scales: {
        x: { type: 'linear', ticks: { maxTicksLimit: 5, font: { size: 10 }, callback: v => clock(v * 1000) } },
        y: { type: opts.log ? 'logarithmic' : 'linear', beginAtZero: !opts.log, ticks: { font: { size: 10 }, maxTicksLimit: 5 } },
        ...(opts.right ? { y2: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false },
          ticks: { font: { size: 10 }, maxTicksLimit: 4 }, title: { display: true, text: opts.right, font: { size: 10 } } } } : {}),
      },
    },
    plugins: [faultShade],
  });
}

function buildColumn(arch) {
  const name = arch.name;
  const col = el('section', { class: 'column', 'data-arch': name, style: '--accent: var(--' + name + ')' });
  const status = el('span', { class: 'status', 'data-fig': 'status' });
  col.appendChild(el('h2', {}, el('span', { text: LABELS[name] || name }), status,
    el('span', { class: 'edge', text: arch.edge })));
  const figs = el('div', { class: 'figures' });
  const fig = {};
  for (const [key, label] of [['offered', 'offered/s'], ['concluded', 'concluded/s'], ['failed10', 'failed, last 10 s'],
    ['errorRate', 'error rate'], ['outcomeP99', 'outcome p99'], ['pending', 'pending'],
    ['pspCalls', 'PSP req/s'], ['retryAmplification', 'PSP req/order']]) {
    const v = el('span', { class: 'v', 'data-fig': key, text: '–' });
    figs.appendChild(el('div', {}, el('span', { class: 'k', text: label }), v));
    fig[key] = v;
  }
  col.appendChild(figs);
  col.appendChild(el('div', { class: 'damage-title', text: 'business damage (audit)' }));
  const dmg = el('div', { class: 'damage' });
  const damage = {};
  for (const [key, label] of DAMAGE) {
    const v = el('span', { class: 'v', 'data-damage': key, text: '0' });
    const box = el('div', {}, v, el('span', { class: 'k', text: label }));
    dmg.appendChild(box);
    damage[key] = { v, box };
  }
  col.appendChild(dmg);
  const canvases = [];
  const addChart = () => { const c = el('canvas'); col.appendChild(el('div', { class: 'chart' }, c)); canvases.push(c); return c; };
  const accent = getComputedStyle(document.documentElement).getPropertyValue('--' + name).trim() || '#333';
  const charts = {
    orders: chart(addChart(), 'Orders / s', [
      { label: 'offered', color: '#a0aec0' }, { label: 'concluded', color: accent },
      { label: 'failed or not placed', color: '#c53030' }]),
    latency: chart(addChart(), 'Latency ms (last 10 s)', [
      { label: 'accept p50', color: '#90cdf4', width: 1 }, { label: 'accept p99', color: '#3182ce', width: 1, dash: [4, 3] },
      { label: 'outcome p50', color: accent }, { label: 'outcome p99', color: '#1a202c', dash: [4, 3] }], { log: true }),
    waiting: chart(addChart(), name === 'event-driven' ? 'Backlog: orders pending, consumer lag' : 'Orders pending', [
      { label: 'pending (client)', color: accent }, { label: 'pending (database)', color: '#718096', dash: [4, 3] },
      ...(name === 'event-driven' ? [{ label: 'consumer lag', color: '#805ad5' }] : [])]),
    psp: chart(addChart(), 'PSP requests / s and per order', [
      { label: 'PSP req/s', color: accent }, { label: 'req per order (10 s)', color: '#d69e2e', axis: 'y2' }],
      { right: 'per order' }),
  };
  if (arch.meshAdmin) {
    charts.mesh = chart(addChart(), 'Mesh tries / s per hop', []);
  }
  document.getElementById('columns').appendChild(col);
  columns[name] = { charts, fig, damage, status, failed: [] };
}

function push(ch, i, x, y) {
  const ds = ch.data.datasets[i];
  ds.data.push({ x, y: y === null || y === undefined ? null : y });
  while (ds.data.length && ds.data[0].x < x - HISTORY_SECONDS) ds.data.shift();
}

const HOP_COLORS = ['#c05621', '#dd6b20', '#2b6cb0', '#805ad5', '#2f855a', '#718096'];

function drawFrame(frame, redraw) {
  const x = frame.t / 1000;
  const anyFault = (frame.faults || []).length > 0;
  const last = faultWindows[faultWindows.length - 1];
  if (anyFault) {
    if (last && last.to >= x - 1.5) last.to = x; else faultWindows.push({ from: x - 0.5, to: x });
  }
  faultWindows = faultWindows.filter(w => w.to > x - HISTORY_SECONDS);
  for (const [name, a] of Object.entries(frame.architectures)) {
    const col = columns[name];
    if (!col) continue;
    const c = col.charts;
    push(c.orders, 0, x, a.offered); push(c.orders, 1, x, a.concluded); push(c.orders, 2, x, a.failed + a.errors);
    const pos = v => (v > 0 ? v : null);
    push(c.latency, 0, x, pos(a.acceptP50)); push(c.latency, 1, x, pos(a.acceptP99));
    push(c.latency, 2, x, pos(a.outcomeP50)); push(c.latency, 3, x, pos(a.outcomeP99));
    push(c.waiting, 0, x, a.pending); push(c.waiting, 1, x, a.pendingInDatabase);
    if (c.waiting.data.datasets.length > 2) push(c.waiting, 2, x, a.consumerLag);
    push(c.psp, 0, x, a.pspCalls); push(c.psp, 1, x, a.retryAmplification);
    if (c.mesh) {
      const hops = Object.keys(a.meshTries || {});
      hops.forEach((hop, i) => {
        let ds = c.mesh.data.datasets.findIndex(d => d.label === hop);
        if (ds < 0) {
          const color = HOP_COLORS[c.mesh.data.datasets.length % HOP_COLORS.length];
          c.mesh.data.datasets.push({ label: hop, data: [], borderColor: color, backgroundColor: color, borderWidth: 2,
            pointRadius: 0, tension: 0, yAxisID: 'y' });
          ds = c.mesh.data.datasets.length - 1;
        }
        push(c.mesh, ds, x, a.meshTries[hop]);
      });
    }
    col.failed.push(a.failed + a.errors);
    if (col.failed.length > 10) col.failed.shift();
    if (redraw) {
      const f = col.fig;
      const failed10 = col.failed.reduce((s, v) => s + v, 0);
      f.offered.textContent = a.offered;
      f.concluded.textContent = a.concluded;
      f.failed10.textContent = failed10;
      f.failed10.classList.toggle('bad', failed10 > 0);
      f.errorRate.textContent = (100 * a.errorRate).toFixed(a.errorRate > 0 && a.errorRate < 0.1 ? 1 : 0) + ' %';
      f.errorRate.classList.toggle('bad', a.errorRate > 0);
      f.outcomeP99.textContent = a.outcomeP99 === 0 ? '–' // no outcome in the window: not an instant one
        : a.outcomeP99 >= 10000 ? (a.outcomeP99 / 1000).toFixed(0) + ' s' : a.outcomeP99 + ' ms';
      const backlog = Math.max(a.pending, a.pendingInDatabase || 0);
      f.pending.textContent = backlog;
      f.pending.classList.toggle('bad', backlog >= 10);
      f.pspCalls.textContent = a.pspCalls;
      f.retryAmplification.textContent = a.retryAmplification === null ? '–' : a.retryAmplification;
      col.status.textContent = a.up ? 'up' : 'a process is down';
      col.status.className = 'status ' + (a.up ? 'up' : 'down');
      Object.values(c).forEach(ch => ch.update('none'));
    }
  }
  if (redraw) showState(frame);
}

function showState(frame) {
  const now = Date.now();
  const chips = document.getElementById('active-faults');
  chips.replaceChildren();
  document.querySelectorAll('button.fault').forEach(b => b.classList.remove('active'));
  for (const f of frame.faults || []) {
    const left = Math.max(0, Math.round((Date.parse(f.until) - now) / 1000));
    const lift = el('button', { title: 'lift now', text: '×' });
    lift.addEventListener('click', () => run(() => api('DELETE', '/api/lab/faults/' + encodeURIComponent(f.id))));
    chips.appendChild(el('span', { class: 'chip', 'data-fault-id': f.id }, f.what + ' · ' + left + ' s', lift));
    document.querySelectorAll('button.fault').forEach(b => {
      const spec = JSON.parse(b.dataset.fault);
      if (spec.action === f.action && (!spec.target || spec.target === f.target)
        && Object.keys(spec).every(k => k === 'action' || k === 'target' || String(f.settings[k]) === String(spec[k]))) {
        b.classList.add('active');
      }
    });
  }
  const load = frame.load;
  const toggle = document.getElementById('load-toggle');
  toggle.textContent = load.running ? 'Stop load' : 'Start load';
  toggle.classList.toggle('on', load.running);
  document.getElementById('load-state').textContent = load.running
    ? 'on: ' + load.rate + ' orders/s' + (load.idempotencyKeys ? '' : ', no Idempotency-Key')
      + (load.clientRetries ? ', ' + load.clientRetries + ' client retries' : '')
    : 'off';
  const s = frame.scenario;
  document.getElementById('scenario-state').textContent = s ? 'playing ' + s.title + ', '
    + Math.max(0, Math.round((Date.parse(s.until) - now) / 1000)) + ' s left' : '';
}

function showDamage(damage) {
  if (!damage || !damage.architectures) return;
  for (const [name, d] of Object.entries(damage.architectures)) {
    const col = columns[name];
    if (!col) continue;
    for (const [key] of DAMAGE) {
      const n = d[key] || 0;
      col.damage[key].v.textContent = n;
      col.damage[key].box.classList.toggle('hurt', n > 0);
      col.damage[key].box.title = (d.examples || []).join('\n');
    }
  }
}

function addEvent(e) {
  const list = document.getElementById('events');
  list.insertBefore(el('li', {}, el('span', { class: 't', text: clock(e.t) }), e.text), list.firstChild);
  while (list.children.length > 200) list.removeChild(list.lastChild);
}

// ---- the stream: server-sent events, read with fetch so that the token goes in a header --------------------------
async function stream() {
  const conn = document.getElementById('connection');
  try {
    const res = await fetch('/api/lab/stream', { headers: { 'Authorization': 'Bearer ' + token() } });
    if (res.status === 401) { askForToken(); conn.textContent = 'no control token'; conn.className = 'down'; return; }
    conn.textContent = 'live'; conn.className = 'ok';
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let pending = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let i;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const chunk = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        let type = 'message';
        let data = '';
        for (const line of chunk.split('\n')) {
          if (line.startsWith('event: ')) type = line.slice(7);
          else if (line.startsWith('data: ')) data += line.slice(6);
        }
        if (!data) continue;
        const msg = JSON.parse(data);
        if (type === 'frame') pending.push(msg);
        else if (type === 'damage') showDamage(msg.damage);
        else if (type === 'lab-event') addEvent(msg);
      }
      // the history comes in one burst: draw it once, not once per second of it
      pending.forEach((f, k) => drawFrame(f, k === pending.length - 1));
      pending = [];
    }
  } catch (e) {
    // the lab went away or the network hiccupped: try again below
  }
  conn.textContent = 'disconnected: reconnecting…'; conn.className = 'down';
  setTimeout(stream, 2000);
}

// ---- the controls --------------------------------------------------------------------------------------------------
async function run(call) {
  try { return await call(); } catch (e) { say('refused: ' + e.message); }
}

function loadBody(rate) {
  return { rate, idempotencyKeys: document.getElementById('load-keys').checked,
    clientRetries: Number(document.getElementById('load-retries').value) };
}

function wireControls(state) {
  const rate = () => Number(document.getElementById('load-rate').value);
  document.getElementById('load-toggle').addEventListener('click', () => run(async () => {
    lastState = await api('GET', '/api/lab');
    if (lastState.load.running) await api('DELETE', '/api/lab/load');
    else await api('PUT', '/api/lab/load', loadBody(rate()));
  }));
  for (const id of ['load-rate', 'load-keys', 'load-retries']) {
    document.getElementById(id).addEventListener('change', () => run(async () => {
      lastState = await api('GET', '/api/lab');
      if (lastState.load.running) await api('PUT', '/api/lab/load', loadBody(rate()));
    }));
  }
  const kills = document.getElementById('kill-buttons');
  const roles = new Set();
  state.architectures.forEach(a => Object.keys(a.processes).filter(r => r !== 'mesh').forEach(r => roles.add(r)));
  for (const role of roles) {
    const id = 'fault-kill-' + role;
    kills.appendChild(el('button', { class: 'fault', id, 'data-fault': JSON.stringify({ action: 'kill', target: role }),
      text: 'kill ' + role }));
  }
  if (!state.architectures.some(a => a.name === 'event-driven')) document.getElementById('fault-broker-restart').hidden = true;
  document.querySelectorAll('button.fault').forEach(b => b.addEventListener('click', () => run(() => {
    const spec = JSON.parse(b.dataset.fault);
    spec.for = Number(document.getElementById('fault-for').value);
    return api('POST', '/api/lab/faults', spec);
  })));
  document.getElementById('faults-off').addEventListener('click', () => run(() => api('DELETE', '/api/lab/faults')));
  if (state.architectures.some(a => a.meshAdmin)) {
    document.getElementById('mesh-controls').hidden = false;
    document.getElementById('mesh-apply').addEventListener('click', () => run(() => api('POST', '/api/lab/faults', {
      action: 'mesh', attempts: Number(document.getElementById('mesh-attempts').value),
      perTryTimeout: document.getElementById('mesh-per-try').value,
      outlierDetection: document.getElementById('mesh-outlier').value === 'true',
      for: Number(document.getElementById('fault-for').value) })));
  }
  document.getElementById('scenario-play').addEventListener('click', () => run(() =>
    api('POST', '/api/lab/scenario', { name: document.getElementById('scenario-select').value })));
  document.getElementById('scenario-stop').addEventListener('click', () => run(() => api('DELETE', '/api/lab/scenario')));
  const traceArch = document.getElementById('trace-arch');
  state.architectures.forEach(a => traceArch.appendChild(el('option', { value: a.name, text: LABELS[a.name] || a.name })));
  document.getElementById('trace-slowest').addEventListener('click', () => showTrace('/api/lab/trace?window=10'
    + (traceArch.value ? '&arch=' + encodeURIComponent(traceArch.value) : '')));
  document.getElementById('trace-show').addEventListener('click', () => showTrace('/api/lab/trace?orderId='
    + encodeURIComponent(document.getElementById('trace-order').value.trim())));
  document.getElementById('token-save').addEventListener('click', () => {
    sessionStorage.setItem('shoplab-token', document.getElementById('token-input').value.trim());
    location.reload();
  });
}

// one colour per service, the same in the time bar and the waterfall; time no span covers is hatched
const SERVICE_COLOURS = ['#2b6cb0', '#c05621', '#2f855a', '#6b46c1', '#b7791f', '#0987a0', '#97266d', '#4a5568'];
const WAITS = ['in the outbox', 'in Kafka', 'waiting (no span)'];
function colourOf(who, colours) {
  if (!colours.has(who)) colours.set(who, SERVICE_COLOURS[colours.size % SERVICE_COLOURS.length]);
  return colours.get(who);
}
function ms(nanos) { return (nanos / 1e6).toFixed(nanos < 1e7 ? 1 : 0) + ' ms'; }

async function showTrace(path) {
  const answer = await run(() => api('GET', path));
  const note = document.getElementById('trace-note');
  const box = document.getElementById('waterfall');
  const time = document.getElementById('trace-time');
  box.replaceChildren();
  time.hidden = true;
  if (!answer) return;
  note.textContent = answer.note || '';
  const t = answer.trace;
  if (!t || !t.spans.length) return;
  const start = Math.min(...t.spans.map(s => s.startEpochNanos));
  const total = Math.max(1, t.durationNanos);
  const services = new Set(t.spans.map(s => s.service));
  note.textContent = (LABELS[t.architecture] || t.architecture) + ' · order ' + (t.orderId || '?') + ' · '
    + ms(t.durationNanos) + ' · ' + t.spans.length + ' spans from ' + services.size + ' services'
    + (t.whole ? '' : ' · spans still arriving') + ' · trace ' + t.traceId;
  const colours = new Map();
  const bar = document.getElementById('time-bar');
  const legend = document.getElementById('time-legend');
  bar.replaceChildren();
  legend.replaceChildren();
  for (const share of t.whereTheTimeWent) {
    const waiting = WAITS.includes(share.who);
    const part = el('span', { class: waiting ? 'waiting' : '', title: share.who + ': ' + ms(share.nanos) });
    const key = el('i', { class: waiting ? 'waiting' : '' });
    if (!waiting) part.style.background = key.style.background = colourOf(share.who, colours);
    part.style.width = (100 * share.nanos / total) + '%';
    bar.appendChild(part);
    legend.appendChild(el('li', { 'data-who': share.who }, key, share.who + ' ' + ms(share.nanos) + ' ('
      + Math.round(100 * share.nanos / total) + ' %)'));
  }
  time.hidden = false;
  for (const s of t.spans) {
    const b = el('div', { class: 'bar' + (s.status === 'ERROR' ? ' error' : ''),
      title: s.service + ' ' + s.kind + ' ' + s.name + ': ' + ms(s.endEpochNanos - s.startEpochNanos)
        + (s.status === 'ERROR' ? ' (failed)' : '') });
    b.style.left = (100 * (s.startEpochNanos - start) / total) + '%';
    b.style.width = (100 * (s.endEpochNanos - s.startEpochNanos) / total) + '%';
    b.style.background = colourOf(s.service, colours);
    const who = el('span', { class: 'who', title: s.service + ' · ' + s.name, text: s.service + ' · ' + s.name });
    who.style.paddingLeft = (0.8 * s.depth) + 'em';
    box.appendChild(el('div', { class: 'span-row', 'data-service': s.service, 'data-kind': s.kind },
      who, el('div', { class: 'track' }, b), el('span', { class: 'ms', text: ms(s.endEpochNanos - s.startEpochNanos) })));
  }
}

async function start() {
  if (!token()) askForToken();
  let state;
  try {
    state = await api('GET', '/api/lab');
  } catch (e) {
    document.getElementById('connection').textContent = e.message;
    document.getElementById('connection').className = 'down';
    return;
  }
  lastState = state;
  document.getElementById('lab-command').textContent = './shoplab ' + state.command;
  state.architectures.forEach(buildColumn);
  wireControls(state);
  const scenarios = await run(() => api('GET', '/api/lab/scenarios'));
  const select = document.getElementById('scenario-select');
  (scenarios ? scenarios.scenarios : []).forEach(s => select.appendChild(el('option', { value: s.name,
    text: s.title + ' (' + s.seconds + ' s)', title: s.description })));
  if (!state.traces.available) {
    document.getElementById('trace-note').textContent = state.traces.endpoint
      ? 'This lab sends its traces to ' + state.traces.endpoint + ': look an order up there by its shoplab.order.id.'
      : 'This lab traces nothing (--no-tracing), so there are no traces to show.';
  }
  stream();
}

start();
