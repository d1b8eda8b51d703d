// cnnserve's page: refreshes the server-rendered tables, draws the two charts as SVG from them,
// runs the upload and starts validations. Every request goes to this service, by path only.
'use strict';

const SVG_NS = 'http://www.w3.org/2000/svg'; // a namespace name, never fetched
const REFRESH_MS = 4000;

const FAMILIES = [
  [/^lenet/, 'LeNet'], [/^alexnet|^zfnet/, 'AlexNet / ZFNet'], [/^vgg/, 'VGG'],
  [/^googlenet|^inception/, 'GoogLeNet'], [/^resnext|^wide_resnet|^resnet/, 'ResNet'],
  [/^densenet/, 'DenseNet'], [/^squeezenet/, 'SqueezeNet'], [/^nin|network/, 'NiN'],
];
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f'];

function family(architecture) {
  for (const [pattern, name] of FAMILIES) {
    if (pattern.test(architecture || '')) return name;
  }
  return architecture || 'other';
}

function colour(name) {
  const i = FAMILIES.findIndex(([, n]) => n === name);
  return COLOURS[i >= 0 ? i : COLOURS.length - 1];
}

function svg(name, attributes, ...children) {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attributes || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function title(text) {
  const t = svg('title');
  t.textContent = text;
  return t;
}

function fmt(n) {
  const units = [[1e12, ' T'], [1e9, ' G'], [1e6, ' M'], [1e3, ' K']];
  for (const [size, unit] of units) if (Math.abs(n) >= size) return String(Number((n / size).toPrecision(3))) + unit;
  return String(Math.round(n));
}

/** A log scale over [lo, hi] padded to whole decades, mapped onto [a, b]. */
function logScale(lo, hi, a, b) {
  const l = Math.floor(Math.log10(lo)), h = Math.max(Math.ceil(Math.log10(hi)), l + 1);
  const f = v => a + (Math.log10(v) - l) / (h - l) * (b - a);
  f.ticks = Array.from({length: h - l + 1}, (_, i) => Math.pow(10, l + i));
  return f;
}

function linearScale(lo, hi, a, b) {
  const f = v => a + (v - lo) / (hi - lo) * (b - a);
  const step = (hi - lo) > 30 ? 10 : 5;
  f.ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) f.ticks.push(t);
  return f;
}

const W = 720, H = 400, M = {left: 64, right: 170, top: 16, bottom: 48};

function frame(label, xs, ys, xLabel, yLabel, xFormat, yFormat) {
  const root = svg('svg', {viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label});
  const axes = svg('g', {class: 'axis'});
  for (const t of xs.ticks) {
    axes.append(svg('line', {class: 'grid', x1: xs(t), x2: xs(t), y1: M.top, y2: H - M.bottom}));
    const text = svg('text', {x: xs(t), y: H - M.bottom + 16, 'text-anchor': 'middle'});
    text.textContent = xFormat(t);
    axes.append(text);
  }
  for (const t of ys.ticks) {
    axes.append(svg('line', {class: 'grid', x1: M.left, x2: W - M.right, y1: ys(t), y2: ys(t)}));
    const text = svg('text', {x: M.left - 6, y: ys(t) + 4, 'text-anchor': 'end'});
    text.textContent = yFormat(t);
    axes.append(text);
  }
  axes.append(svg('line', {x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom}));
  axes.append(svg('line', {x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom}));
  const xl = svg('text', {x: (M.left + W - M.right) / 2, y: H - 8, 'text-anchor': 'middle'});
  xl.textContent = xLabel;
  const yl = svg('text', {x: 14, y: (M.top + H - M.bottom) / 2, 'text-anchor': 'middle',
    transform: `rotate(-90 14 ${(M.top + H - M.bottom) / 2})`});
  yl.textContent = yLabel;
  axes.append(xl, yl);
  root.append(axes);
  return root;
}

function legend(root, families) {
  const g = svg('g', {class: 'legend'});
  families.forEach((name, i) => {
    const y = M.top + 10 + i * 18;
    g.append(svg('circle', {cx: W - M.right + 18, cy: y, r: 6, fill: colour(name)}));
    const t = svg('text', {x: W - M.right + 30, y: y + 4});
    t.textContent = name;
    g.append(t);
  });
  root.append(g);
}

function drawComparison() {
  const host = document.getElementById('comparison-chart');
  if (!host) return;
  const rows = [...document.querySelectorAll('#models-table tbody tr[data-weights="trained"][data-top1][data-macs]')];
  const points = rows.map(r => ({
    model: r.dataset.model, version: r.dataset.version, family: family(r.dataset.architecture),
    gmacs: Number(r.dataset.macs) / 1e9, top1: Number(r.dataset.top1) * 100,
    parameters: Number(r.dataset.parameters), forwardMs: r.dataset.forwardMs ? Number(r.dataset.forwardMs) : null,
  })).filter(p => p.gmacs > 0);
  host.replaceChildren();
  if (points.length === 0) {
    const p = document.createElement('p');
    p.textContent = 'No version with trained weights has a measured accuracy yet.';
    host.append(p);
    return;
  }
  const xs = logScale(Math.min(...points.map(p => p.gmacs)), Math.max(...points.map(p => p.gmacs)),
    M.left, W - M.right);
  const lowest = Math.min(...points.map(p => p.top1));
  const ys = linearScale(Math.max(0, Math.floor((lowest - 5) / 5) * 5), 100, H - M.bottom, M.top);
  const root = frame('Top-1 accuracy against GMACs per image', xs, ys, 'GMACs per image (log scale)',
    'top-1 accuracy (%)', t => t >= 1 ? String(t) : t.toPrecision(1), t => t + '%');
  const maxParameters = Math.max(...points.map(p => p.parameters));
  const g = svg('g', {class: 'points'});
  points.sort((a, b) => b.parameters - a.parameters).forEach(p => {
    const r = 4 + 22 * Math.sqrt(p.parameters / maxParameters);
    const forward = p.forwardMs == null ? 'no forward pass measured yet' : `forward pass ${p.forwardMs.toFixed(2)} ms`;
    g.append(svg('circle', {class: 'point', cx: xs(p.gmacs), cy: ys(p.top1), r: r.toFixed(1),
      fill: colour(p.family), tabindex: 0, 'data-model': p.model, 'data-version': p.version},
      title(`${p.model} v${p.version} (${p.family}): top-1 ${p.top1.toFixed(1)} %, ${fmt(p.gmacs * 1e9)} MACs, `
        + `${fmt(p.parameters)} parameters, ${forward}`)));
    const label = svg('text', {x: xs(p.gmacs) + r + 3, y: ys(p.top1) + 4});
    label.textContent = `${p.model} v${p.version}`;
    g.append(label);
  });
  root.append(g);
  legend(root, [...new Set(points.map(p => p.family))]);
  host.append(root);
}

function drawCatalogue() {
  const host = document.getElementById('catalogue-chart');
  if (!host) return;
  const nets = [...document.querySelectorAll('#catalogue-table tbody tr')].map(r => ({
    name: r.dataset.name, family: family(r.dataset.name),
    parameters: Number(r.dataset.parameters), macs: Number(r.dataset.macs),
  })).filter(n => n.parameters > 0 && n.macs > 0);
  if (nets.length === 0) return;
  const byName = new Map(nets.map(n => [n.name, n]));
  // The lecture's parameter counts of whole networks: checks named <architecture>-parameters.
  const lecture = [...document.querySelectorAll('#lecture-checks tbody tr[data-unit="parameters"]')]
    .map(r => ({net: byName.get(r.dataset.id.replace(/-parameters$/, '')), value: Number(r.dataset.lecture),
      disagrees: r.classList.contains('disagrees'), text: r.querySelector('td').textContent}))
    .filter(l => l.net);
  const all = nets.map(n => n.parameters).concat(lecture.map(l => l.value));
  const xs = logScale(Math.min(...nets.map(n => n.macs)), Math.max(...nets.map(n => n.macs)), M.left, W - M.right);
  const ys = logScale(Math.min(...all), Math.max(...all), H - M.bottom, M.top);
  const root = frame('Parameters against multiply-adds per image, log scales', xs, ys,
    'MACs per image (log scale)', 'parameters (log scale)', fmt, fmt);
  const g = svg('g', {class: 'points'});
  for (const n of nets) {
    g.append(svg('circle', {class: 'point', cx: xs(n.macs), cy: ys(n.parameters), r: 6, fill: colour(n.family),
      tabindex: 0, 'data-name': n.name}, title(`${n.name}: ${fmt(n.parameters)} parameters, ${fmt(n.macs)} MACs`)));
    const label = svg('text', {class: 'small', x: xs(n.macs) + 8, y: ys(n.parameters) + 4});
    label.textContent = n.name;
    g.append(label);
  }
  for (const l of lecture) {
    const x = xs(l.net.macs);
    g.append(svg('line', {class: 'lecture' + (l.disagrees ? ' disagrees' : ''), x1: x, x2: x,
      y1: ys(l.net.parameters), y2: ys(l.value)}));
    g.append(svg('circle', {class: 'lecture' + (l.disagrees ? ' disagrees' : ''), cx: x, cy: ys(l.value), r: 9,
      tabindex: 0}, title(`the lecture: ${l.net.name} has ${l.text} parameters; computed ${fmt(l.net.parameters)}`
      + (l.disagrees ? ' (disagrees)' : ' (agrees)'))));
  }
  root.append(g);
  legend(root, [...new Set(nets.map(n => n.family))]);
  host.replaceChildren(root);
}

/** Fetches the page again and swaps in its tables: one renderer, the server's. */
async function refresh() {
  if (document.hidden) return;
  try {
    const response = await fetch('/', {headers: {Accept: 'text/html'}, cache: 'no-store'});
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
    for (const selector of ['#models-table tbody', '#validation-reports']) {
      const now = document.querySelector(selector), next = fresh.querySelector(selector);
      if (now && next) now.replaceWith(document.importNode(next, true));
    }
    drawComparison();
  } catch (e) {
    // The service may be restarting; the next tick tries again.
  }
}

function text(tag, content, className) {
  const e = document.createElement(tag);
  e.textContent = content;
  if (className) e.className = className;
  return e;
}

function showAnswer(host, model, answer) {
  const box = document.createElement('div');
  box.className = 'result';
  box.dataset.model = model;
  box.append(text('h3', `${answer.model} v${answer.version}` + (answer.weights === 'untrained' ? ' (untrained)' : '')));
  const list = document.createElement('ol');
  list.className = 'predictions';
  for (const p of answer.predictions) {
    const item = document.createElement('li');
    item.className = 'prediction';
    const track = text('span', '', 'track');
    const fill = text('span', '', 'fill');
    fill.style.display = 'block';
    fill.style.width = (p.probability * 100).toFixed(1) + '%';
    track.append(fill);
    item.append(text('span', p.label, 'label'), track, text('span', (p.probability * 100).toFixed(1) + ' %', 'p'));
    list.append(item);
  }
  box.append(list);
  const t = answer.timings || {};
  const ms = v => v == null ? '–' : `${Number(v).toFixed(2)} ms`;
  box.append(text('p', `decode ${ms(t.decode_ms)} · preprocess ${ms(t.preprocess_ms)} · queue ${ms(t.queue_ms)} · `
    + `forward pass ${ms(t.inference_ms)} · total ${ms(t.total_ms)}`, 'timings'));
  host.append(box);
}

async function classify(form) {
  const select = form.querySelector('#try-model');
  const file = form.querySelector('#try-image').files[0];
  const host = document.getElementById('try-result');
  host.replaceChildren();
  if (!file) {
    host.append(text('p', 'Pick an image first.', 'error'));
    return;
  }
  const models = select.value === '*' ? [...select.options].map(o => o.value).filter(v => v !== '*') : [select.value];
  host.setAttribute('aria-busy', 'true');
  await Promise.all(models.map(async model => {
    const body = new FormData();
    body.append('image', file, file.name);
    try {
      const response = await fetch(`/v1/models/${encodeURIComponent(model)}/classify?top_k=5`, {method: 'POST', body});
      const answer = await response.json();
      if (response.ok) showAnswer(host, model, answer);
      else host.append(text('p', `${model}: ${answer.title || response.status}: ${answer.detail || ''}`, 'error'));
    } catch (e) {
      host.append(text('p', `${model}: ${e.message}`, 'error'));
    }
  }));
  host.removeAttribute('aria-busy');
}

function useFile(file) {
  const input = document.getElementById('try-image');
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  classify(document.getElementById('try-form'));
}

function setUpUpload() {
  const form = document.getElementById('try-form');
  if (!form) return;
  form.addEventListener('submit', e => {
    e.preventDefault();
    classify(form);
  });
  for (const button of document.querySelectorAll('button.example')) {
    button.addEventListener('click', async () => {
      const response = await fetch(button.dataset.example);
      const blob = await response.blob();
      useFile(new File([blob], button.dataset.example.split('/').pop(), {type: blob.type}));
    });
  }
  const drop = document.getElementById('drop');
  drop.addEventListener('dragover', e => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', e => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length) useFile(e.dataTransfer.files[0]);
  });
}

async function watchJob(location, status) {
  for (;;) {
    const response = await fetch(location, {cache: 'no-store'});
    const job = await response.json();
    status.textContent = `${job.id}: ${job.state}` + (job.done != null ? ` (${job.done} of ${job.total} images)` : '');
    if (!['QUEUED', 'RUNNING', 'queued', 'running'].includes(job.state)) {
      refresh();
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

function setUpValidation() {
  const form = document.getElementById('validate-form');
  if (!form) return;
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const status = document.getElementById('validate-status');
    const model = form.querySelector('#validate-model').value;
    const token = form.querySelector('#validate-token').value.trim();
    const headers = {'Content-Type': 'application/json'};
    if (token) headers.Authorization = 'Bearer ' + token;
    const body = JSON.stringify({dataset: form.querySelector('#validate-dataset').value,
      limit: Number(form.querySelector('#validate-limit').value || 0)});
    const response = await fetch(`/v1/models/${encodeURIComponent(model)}/validations`, {method: 'POST', headers, body});
    const answer = await response.json();
    if (!response.ok) {
      status.textContent = `${answer.title || response.status}: ${answer.detail || ''}`;
      return;
    }
    watchJob(`/v1/validations/${encodeURIComponent(answer.id)}`, status);
  });
}

document.addEventListener('DOMContentLoaded', () => {
  // Without a script the form posts to its first model's classify endpoint; with one, to the chosen.
  drawComparison();
  drawCatalogue();
  setUpUpload();
  setUpValidation();
  setInterval(refresh, REFRESH_MS);
});
