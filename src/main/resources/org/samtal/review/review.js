// samtal review page: one segment at a time, judged from the keyboard or the mouse.
'use strict';

const $ = (id) => document.getElementById(id);
const audio = $('audio');
const canvas = $('wave');
const STEP = 0.01;      // a nudge, seconds (Alt: ten times)
const MIN_CLIP = 0.2;   // the server refuses shorter clips

const S = {
  me: null, reasons: [], pending: [], skipped: new Set(), history: [], at: -1,
  cur: null, samples: null, rate: 16000, start: 0, end: 0, text: null,
  editing: false, rejecting: false, drag: null, stopAt: null, url: null,
};
window.samtal = S; // for tests and the curious

async function api(path, options) {
  const r = await fetch(path, Object.assign({ credentials: 'same-origin' }, options || {}));
  if (r.status === 401) { location.reload(); throw new Error('signed out'); }
  if (!r.ok) {
    let msg = r.statusText;
    try { msg = (await r.json()).error || msg; } catch (e) { /* not JSON */ }
    throw new Error(msg);
  }
  return r;
}

function status(msg, error) {
  const el = $('status');
  el.textContent = msg;
  el.className = error ? 'error' : '';
}

const key = (it) => it.corpus + '\u0000' + it.id;
const fmt = (t) => t.toFixed(3);

async function init() {
  S.me = await (await api('/api/me')).json();
  S.reasons = S.me.reasons;
  $('who').textContent = 'validator ' + S.me.validator;
  const box = $('reasons');
  S.reasons.forEach((r, i) => {
    const b = document.createElement('button');
    b.className = 'reason';
    b.dataset.reason = r;
    b.innerHTML = '<kbd>' + (i + 1) + '</kbd> ' + r.replace(/_/g, ' ');
    b.addEventListener('click', () => decide('reject', r));
    box.appendChild(b);
  });
  await refresh();
  await next();
}

async function refresh() {
  const q = await (await api('/api/queue')).json();
  S.pending = q.pending;
  const pct = q.sample ? 100 * q.judged / q.sample : 0;
  $('progress-bar').style.width = pct.toFixed(1) + '%';
  $('progress-text').textContent = q.judged + ' of ' + q.sample + ' judged · you: ' + q.mine;
  const st = await (await api('/api/stats')).json();
  const lvl = Math.round(100 * st.confidence) + '% interval';
  $('level').textContent = '(' + lvl + ')';
  const pc = (x) => (100 * x).toFixed(1) + '%';
  const o = st.overall;
  $('overall').textContent = o.share == null ? 'no judgements yet'
    : pc(o.share) + ' bad (' + pc(o.low) + '–' + pc(o.high) + ')' + (o.partial ? ' · some bands not judged yet' : '');
  const tb = document.querySelector('#bands tbody');
  tb.innerHTML = '';
  for (const b of st.bands) {
    const tr = document.createElement('tr');
    const share = b.share == null ? '–' : pc(b.share) + ' (' + pc(b.low) + '–' + pc(b.high) + ')';
    for (const v of [b.band, b.judged + ' / ' + b.sampled, b.bad, share]) {
      const td = document.createElement('td');
      td.textContent = v;
      tr.appendChild(td);
    }
    tb.appendChild(tr);
  }
  const a = st.agreement;
  $('agreement').textContent = a.segments === 0 ? 'Agreement: no segment judged by two validators yet.'
    : 'Agreement over ' + a.segments + ' segments judged twice: ' + (a.kappa == null ? 'kappa undefined (one label only)'
      : "Cohen's kappa " + a.kappa.toFixed(2)) + ', ' + Math.round(100 * a.observed) + '% agree.';
}

async function next() {
  let it = S.pending.find((p) => !S.skipped.has(key(p)) && (!S.cur || key(p) !== key(S.cur)));
  if (!it && S.skipped.size) { S.skipped.clear(); it = S.pending.find((p) => !S.cur || key(p) !== key(S.cur)); }
  if (!it) {
    $('done').hidden = false;
    status('');
    return;
  }
  $('done').hidden = true;
  S.history = S.history.slice(0, S.at + 1);
  S.history.push(it);
  S.at = S.history.length - 1;
  await load(it);
}

async function prev() {
  if (S.at <= 0) { status('no previous segment', true); return; }
  S.at--;
  await load(S.history[S.at]);
}

async function load(it) {
  audio.pause();
  document.body.dataset.state = 'loading';
  const q = 'corpus=' + encodeURIComponent(it.corpus) + '&id=' + encodeURIComponent(it.id);
  const seg = await (await api('/api/segment?' + q)).json();
  const buf = await (await api('/api/audio?' + q)).arrayBuffer();
  const wav = parseWav(buf);
  S.cur = seg;
  S.samples = wav.samples;
  S.rate = wav.rate;
  const mine = seg.mine || {};
  S.start = mine.start != null ? mine.start : seg.start;
  S.end = mine.end != null ? mine.end : seg.end;
  S.text = mine.text != null ? mine.text : null;
  S.rejecting = false;
  $('reasons').hidden = true;
  stopEditing(false);
  if (S.url) URL.revokeObjectURL(S.url);
  S.url = URL.createObjectURL(new Blob([buf], { type: 'audio/wav' }));
  audio.src = S.url;
  audio.playbackRate = parseFloat($('speed').value);
  $('seg-id').textContent = seg.id;
  $('seg-meta').textContent = '· speaker ' + seg.speaker + ' · ' + seg.recording_id + ' (' + seg.source + ') · ' + seg.lang
    + ' · score ' + seg.score.toFixed(3) + (seg.band ? ' (band ' + seg.band + ')' : '') + ' · ' + seg.aligner + ' · ' + seg.track;
  const flags = $('seg-flags');
  flags.innerHTML = '';
  for (const f of seg.flags) {
    const s = document.createElement('span');
    s.className = 'flag';
    s.textContent = f.replace(/_/g, ' ');
    flags.appendChild(s);
  }
  $('text').lang = seg.lang;
  $('text-edit').lang = seg.lang;
  $('text-normalized').textContent = seg.text_normalized;
  $('no-context').hidden = seg.has_context;
  showText();
  showBounds();
  status(mine.verdict ? 'you ' + (mine.verdict === 'accept' ? 'accepted' : 'rejected (' + mine.reason + ')') + ' this before' : '');
  document.body.dataset.state = 'ready';
  document.body.dataset.segment = seg.id;
}

function parseWav(buf) {
  const v = new DataView(buf);
  let rate = 16000, channels = 1, off = 12;
  while (off + 8 <= v.byteLength) {
    const id = String.fromCharCode(v.getUint8(off), v.getUint8(off + 1), v.getUint8(off + 2), v.getUint8(off + 3));
    let size = v.getUint32(off + 4, true);
    if (id === 'fmt ') {
      channels = v.getUint16(off + 10, true);
      rate = v.getUint32(off + 12, true);
    } else if (id === 'data') {
      size = Math.min(size, v.byteLength - off - 8);
      const n = Math.floor(size / 2 / channels);
      const samples = new Float32Array(n);
      for (let i = 0; i < n; i++) samples[i] = v.getInt16(off + 8 + 2 * i * channels, true) / 32768;
      return { rate, samples };
    }
    off += 8 + size + (size % 2);
  }
  return { rate, samples: new Float32Array(0) };
}

function showText() {
  const t = S.text != null ? S.text : S.cur.text;
  $('text').textContent = t;
  $('text').classList.toggle('edited', S.text != null);
  $('stale').hidden = S.text == null;
}

function showBounds() {
  $('start').textContent = fmt(S.start);
  $('end').textContent = fmt(S.end);
  const d = (a, b) => (Math.abs(a - b) < 0.0005 ? '' : (a > b ? '+' : '') + Math.round(1000 * (a - b)) + ' ms');
  $('start-delta').textContent = d(S.start, S.cur.start);
  $('end-delta').textContent = d(S.end, S.cur.end);
  draw();
}

// ---- waveform ----
function tx(t, w) {
  return ((t - S.cur.context_from) / (S.cur.context_to - S.cur.context_from)) * w;
}
function xt(x, w) {
  return S.cur.context_from + (x / w) * (S.cur.context_to - S.cur.context_from);
}

function draw() {
  if (!S.cur) return;
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(canvas.clientWidth * dpr));
  const h = Math.round(170 * dpr);
  canvas.width = w;
  canvas.height = h;
  const g = canvas.getContext('2d');
  g.fillStyle = '#0f1722';
  g.fillRect(0, 0, w, h);
  const x0 = tx(S.start, w), x1 = tx(S.end, w);
  g.fillStyle = '#1b2a3d';
  g.fillRect(x0, 0, x1 - x0, h);
  const n = S.samples.length, mid = h / 2;
  for (let x = 0; x < w; x++) {
    const a = Math.floor((x / w) * n), b = Math.max(a + 1, Math.floor(((x + 1) / w) * n));
    let lo = 0, hi = 0;
    for (let i = a; i < b && i < n; i++) { const s = S.samples[i]; if (s < lo) lo = s; if (s > hi) hi = s; }
    g.fillStyle = x >= x0 && x <= x1 ? '#58a6ff' : '#4b5566';
    g.fillRect(x, mid - hi * mid * 0.95, 1, Math.max(1, (hi - lo) * mid * 0.95));
  }
  // second ticks
  g.fillStyle = '#8b949e';
  g.font = (11 * dpr) + 'px system-ui';
  for (let t = Math.ceil(S.cur.context_from); t <= S.cur.context_to; t++) {
    const x = tx(t, w);
    g.fillRect(x, h - 6 * dpr, 1, 6 * dpr);
    g.fillText(t + ' s', x + 2, h - 8 * dpr);
  }
  // boundaries, with grips
  for (const [x, c] of [[x0, '#3fb950'], [x1, '#f85149']]) {
    g.fillStyle = c;
    g.fillRect(x - dpr, 0, 2 * dpr, h);
    g.fillRect(x - 5 * dpr, 0, 10 * dpr, 10 * dpr);
  }
  // playhead
  const p = tx(S.cur.context_from + audio.currentTime, w);
  g.fillStyle = '#f0f6fc';
  g.fillRect(p, 0, dpr, h);
}

canvas.addEventListener('mousedown', (e) => {
  if (!S.cur) return;
  const r = canvas.getBoundingClientRect();
  const x = e.clientX - r.left;
  const near = (t) => Math.abs(tx(t, r.width) - x) <= 8;
  if (near(S.start)) S.drag = 'start';
  else if (near(S.end)) S.drag = 'end';
  else {
    const t = xt(x, r.width);
    playFrom(t, t < S.end ? S.end : S.cur.context_to);
  }
});
window.addEventListener('mousemove', (e) => {
  if (!S.drag) return;
  const r = canvas.getBoundingClientRect();
  setBound(S.drag, xt(Math.min(r.width, Math.max(0, e.clientX - r.left)), r.width));
});
window.addEventListener('mouseup', () => { S.drag = null; });
window.addEventListener('resize', draw);

function setBound(which, t) {
  if (which === 'start') S.start = Math.min(S.end - MIN_CLIP, Math.max(S.cur.context_from, t));
  else S.end = Math.max(S.start + MIN_CLIP, Math.min(S.cur.context_to, t));
  S.start = Math.round(S.start * 1000) / 1000;
  S.end = Math.round(S.end * 1000) / 1000;
  showBounds();
}

// ---- playback ----
function playFrom(t, until) {
  audio.currentTime = Math.max(0, t - S.cur.context_from);
  S.stopAt = until;
  audio.play().catch((e) => status('cannot play: ' + e.message, true));
}
function playSegment() {
  if ($('with-context').checked) playFrom(S.cur.context_from, S.cur.context_to);
  else playFrom(S.start, S.end);
}
function togglePlay() {
  if (!audio.paused) { audio.pause(); return; }
  const now = S.cur.context_from + audio.currentTime;
  if (S.stopAt != null && now < S.stopAt - 0.02 && now >= S.start) playFrom(now, S.stopAt);
  else playSegment();
}
function tick() {
  if (S.cur && !audio.paused && S.stopAt != null) {
    const now = S.cur.context_from + audio.currentTime;
    if (now >= S.stopAt) {
      if ($('loop').checked) playSegment();
      else audio.pause();
    }
  }
  draw();
  requestAnimationFrame(tick);
}
$('play').addEventListener('click', togglePlay);
// a clicked button keeps no focus, so the space bar always plays rather than pressing it again
document.querySelectorAll('button').forEach((b) => b.addEventListener('click', () => b.blur()));
$('replay').addEventListener('click', playSegment);
$('speed').addEventListener('change', () => { audio.playbackRate = parseFloat($('speed').value); });
function speed(dir) {
  const sel = $('speed');
  sel.selectedIndex = Math.min(sel.options.length - 1, Math.max(0, sel.selectedIndex + dir));
  audio.playbackRate = parseFloat(sel.value);
  status('speed ' + sel.value + '×');
}

// ---- text ----
function startEditing() {
  const ta = $('text-edit');
  ta.value = S.text != null ? S.text : S.cur.text;
  ta.hidden = false;
  $('text').hidden = true;
  S.editing = true;
  ta.focus();
}
function stopEditing(keep) {
  const ta = $('text-edit');
  if (S.editing && keep) {
    const v = ta.value.trim();
    S.text = v && v !== S.cur.text ? v : null;
  }
  S.editing = false;
  ta.hidden = true;
  $('text').hidden = false;
  if (S.cur) showText();
}

// ---- decisions ----
async function decide(verdict, reason) {
  if (!S.cur) return;
  if (S.editing) stopEditing(true);
  const body = { corpus: S.cur.corpus, id: S.cur.id, verdict, reason: reason || null, text: S.text,
    start: S.start, end: S.end };
  try {
    await api('/api/decision', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  } catch (e) {
    status('not saved: ' + e.message, true);
    return;
  }
  S.rejecting = false;
  $('reasons').hidden = true;
  status((verdict === 'accept' ? 'accepted ' : 'rejected (' + reason + ') ') + S.cur.id);
  document.body.dataset.saved = (parseInt(document.body.dataset.saved || '0', 10) + 1).toString();
  await refresh();
  await next();
}
function reject() {
  S.rejecting = !S.rejecting;
  $('reasons').hidden = !S.rejecting;
  if (S.rejecting) status('why? press 1–' + S.reasons.length);
}
$('accept').addEventListener('click', () => decide('accept'));
$('reject').addEventListener('click', reject);
$('next').addEventListener('click', () => { if (S.cur) S.skipped.add(key(S.cur)); next(); });
$('prev').addEventListener('click', prev);
$('reset-bounds').addEventListener('click', reset);
function reset() {
  S.start = S.cur.start;
  S.end = S.cur.end;
  S.text = null;
  showText();
  showBounds();
}

document.addEventListener('keydown', (e) => {
  if (!S.cur) return;
  if (S.editing) {
    if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) { e.preventDefault(); stopEditing(true); }
    return;
  }
  const tag = (e.target && e.target.tagName) || '';
  if (tag === 'INPUT' || tag === 'TEXTAREA') return;
  if (e.ctrlKey || e.metaKey) return;
  if (S.rejecting && /^[1-9]$/.test(e.key)) {
    const r = S.reasons[parseInt(e.key, 10) - 1];
    if (r) { e.preventDefault(); decide('reject', r); }
    return;
  }
  const step = e.altKey ? 10 * STEP : STEP;
  switch (e.key) {
    case ' ': e.preventDefault(); togglePlay(); break;
    case 's': playSegment(); break;
    case 'l': $('loop').checked = !$('loop').checked; break;
    case 'c': $('with-context').checked = !$('with-context').checked; break;
    case '[': speed(-1); break;
    case ']': speed(1); break;
    case 'a': decide('accept'); break;
    case 'r': reject(); break;
    case 'e': e.preventDefault(); startEditing(); break;
    case 'n': S.skipped.add(key(S.cur)); next(); break;
    case 'p': prev(); break;
    case 'z': reset(); break;
    case 'Escape': S.rejecting = false; $('reasons').hidden = true; status(''); break;
    case 'ArrowLeft': e.preventDefault(); setBound(e.shiftKey ? 'end' : 'start', (e.shiftKey ? S.end : S.start) - step); break;
    case 'ArrowRight': e.preventDefault(); setBound(e.shiftKey ? 'end' : 'start', (e.shiftKey ? S.end : S.start) + step); break;
    default: return;
  }
});

requestAnimationFrame(tick);
// other validators' judgements move the figures too
setInterval(() => { if (S.cur) refresh().catch(() => {}); }, 30000);
init().catch((e) => status(e.message, true));
