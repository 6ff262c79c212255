// klarbrev – the page served by `klarbrev serve`.
//
// Everything the caseworker pastes stays in this tab and goes only to the
// local klarbrev server. User text is put into the page as text nodes only
// (never innerHTML), so a letter can never inject markup.
'use strict';

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- words

// Category names as readers see them; the CSS class gives each one its own
// colour and underline style. Unknown categories still show their name.
const CATEGORIES = {
  kancellisprog: 'kancellisprog', vendinger: 'vendinger', nominalisering: 'nominalisering',
  forkortelse: 'forkortelse', tiltale: 'tiltale', passiv: 'passiv', fagord: 'fagord',
  tone: 'tone', laesbarhed: 'læsbarhed', indhold: 'indhold', klarbrev: 'klarbrev',
};
const catLabel = (c) => CATEGORIES[c] || c;
const catClass = (c) => 'kat-' + (c in CATEGORIES ? c : 'anden');

const SEVERITY = { info: 'til orientering', warning: 'bør rettes', error: 'skal rettes' };
const APPLICABILITY = { safe: 'sikker rettelse', unsafe: 'tjek selv, før du retter', display: 'kun en forklaring' };
const FACT_KINDS = {
  date: 'dato', time: 'tidspunkt', amount: 'beløb', legal: 'lovhenvisning', deadline: 'frist',
  phone: 'telefonnummer', email: 'e-mail', url: 'webadresse', cpr: 'cpr-nummer', text: 'tekst',
  period: 'periode', percent: 'procentsats', duration: 'varighed', case: 'sagsnummer',
  address: 'adresse', authority: 'myndighed', caseworker: 'sagsbehandler',
};
// What differs in a changed fact (the gate's »what«).
const ASPECTS = { value: 'værdien', unit: 'enheden', role: 'rollen', weekday: 'ugedagen', law: 'loven' };

// Danish number formatting: decimal comma, one decimal.
const num = (x, digits = 1) => (x == null ? '–'
  : Number(x).toLocaleString('da-DK', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const capitalise = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);

// ---------------------------------------------------------------- helpers

// Builds an element; strings among the children become text nodes.
function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v != null && v !== false) node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of [].concat(children)) if (c != null && c !== false) node.append(c);
  return node;
}

// Replaces a node's children; null and false stand for "nothing here".
function fill(node, ...kids) {
  node.replaceChildren(...kids.flat().filter((k) => k != null && k !== false));
}

const chip = (category) => el('span', { class: `kat ${catClass(category)}` }, catLabel(category));

function setStatus(id, text) { $(id).textContent = text; }

// One error at a time in #fejl. Each error remembers where it came from,
// so a later success of that action clears it without hiding other errors.
let errorSource = null;
function showError(source, err) {
  if (err && err.name === 'AbortError') return; // a newer request replaced this one
  const msg = err instanceof Error ? err.message : String(err);
  // The same error again (say, while typing) is not read aloud again.
  if (errorSource === source && $('fejl').textContent.endsWith(msg)) return;
  errorSource = source;
  fill($('fejl'), el('strong', {}, 'Det gik ikke: '), msg);
}
function clearError(source) {
  if (errorSource === source) { errorSource = null; fill($('fejl')); }
}

// Calls the local API. Throws an Error with a Danish message the page can
// show as it is: the server's own {"error": …} when there is one.
async function api(path, { json, body, signal } = {}) {
  const init = { method: 'GET', headers: {}, signal };
  if (json !== undefined || body !== undefined) {
    init.method = 'POST';
    init.headers['Content-Type'] = json !== undefined ? 'application/json' : 'application/octet-stream';
    init.body = json !== undefined ? JSON.stringify(json) : body;
  }
  let res;
  try { res = await fetch(path, init); } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new Error('Siden kan ikke få fat i klarbrev. Kører »klarbrev serve« stadig?');
  }
  let data = null;
  try { data = await res.json(); } catch (e) { if (e.name === 'AbortError') throw e; }
  // 422 with a verdict is the fact gate refusing a rewrite: an answer to
  // show, not an error.
  if (!res.ok && !(res.status === 422 && data && data.gate)) {
    if (data && typeof data.error === 'string') throw new Error(data.error);
    if (res.status === 413) throw new Error('Brevet er for stort. klarbrev kan læse op til 1 MB.');
    throw new Error(`klarbrev svarede med en fejl (${res.status}). Prøv igen.`);
  }
  if (data === null) throw new Error('Svaret fra klarbrev kunne ikke læses.');
  return data;
}

// Finding spans are byte offsets into the UTF-8 text; JS strings count
// UTF-16 units. Encode once and map every byte offset to a string index
// (a byte inside a character maps to the character's start).
function byteIndex(text) {
  const total = new TextEncoder().encode(text).length;
  const map = new Uint32Array(total + 1);
  let b = 0;
  let u = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    // A lone surrogate is encoded as U+FFFD: three bytes, like cp here.
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    map.fill(u, b, b + n);
    b += n;
    u += ch.length;
  }
  map[b] = u;
  return (offset) => map[Math.min(Math.max(offset, 0), total)];
}

// ---------------------------------------------------------------- state

const state = {
  scored: null,     // { text, format, report, at } – the text the marks were made from
  templates: [],    // from GET /api/templates
  rewrite: null,    // { original, format, res, diff }
  details: null,    // { scored, i } – the finding the details panel shows, from which scoring
  userFacts: {},    // per template name: { fact: value } the caseworker typed
};

// ---------------------------------------------------------------- scoring

let scoreTimer = 0;
let scoreCtrl = null;

function scheduleScore() {
  clearTimeout(scoreTimer);
  scoreTimer = setTimeout(scoreNow, 300);
}

async function scoreNow() {
  clearTimeout(scoreTimer);
  if (scoreCtrl) scoreCtrl.abort(); // only the newest text matters
  const text = $('brev').value;
  const format = $('format').value;
  if (!text.trim()) {
    state.scored = null;
    clearError('score');
    renderScore();
    return;
  }
  const ctrl = new AbortController();
  scoreCtrl = ctrl;
  $('lix').setAttribute('aria-busy', 'true');
  try {
    const report = await api('/api/score', { json: { text, format }, signal: ctrl.signal });
    state.scored = { text, format, report, at: byteIndex(text) };
    clearError('score');
    renderScore();
  } catch (e) {
    showError('score', e);
  } finally {
    if (scoreCtrl === ctrl) {
      scoreCtrl = null;
      $('lix').removeAttribute('aria-busy');
    }
  }
}

function renderScore() {
  const s = state.scored;
  renderMetrics(s && s.report.metrics);
  renderCategories(s && s.report);
  renderMarks(s);
  followDetails();
  const safe = s ? safeFixes(s.report.findings).length : 0;
  $('ret-alle-sikre').disabled = safe === 0;
  // Not a live region: it changes as the user types.
  $('sikre-antal').textContent = s ? (safe === 1 ? '1 fund har en sikker rettelse.' : `${safe} fund har en sikker rettelse.`) : '';
}

function renderMetrics(m) {
  const box = $('lix');
  if (!m) {
    fill(box, el('p', {}, 'Sæt et brev ind, så ser du her, hvor let det er at læse.'));
    return;
  }
  const band = m.lix_band || '';
  const lix = m.lix == null ? 'LIX – (ingen ord endnu)' : `LIX ${num(m.lix)} – ${band}`;
  const rows = [
    ['Ord', String(m.words)],
    ['Sætninger', String(m.sentences)],
    ['Ord pr. sætning', num(m.avg_sentence_words)],
    ['Lange ord (over 6 bogstaver)', m.long_word_share == null ? '–' : `${num(m.long_word_share * 100)} %`],
    ['Længste sætning', `${m.max_sentence_words} ord`],
  ];
  fill(box,
    el('p', { class: 'lix-linje' }, lix),
    el('dl', { class: 'tal' }, rows.map(([k, v]) => el('div', {}, [el('dt', {}, k), el('dd', {}, v)]))),
  );
}

function renderCategories(report) {
  const box = $('kategorier');
  if (!report) { fill(box); return; }
  const counts = Object.entries(report.metrics.findings_by_category || {})
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'da'));
  const total = report.findings.length;
  fill(box,
    el('p', { class: 'fund-total' }, total === 0 ? 'Ingen fund – flot!' : `${total} fund i alt:`),
    counts.length ? el('ul', { class: 'kat-liste' },
      counts.map(([c, n]) => el('li', {}, [chip(c), ` ${n}`]))) : null,
  );
}

// ---------------------------------------------------------------- marks

// One finding as a keyboard-focusable mark. A span with role="button"
// (not <button>) so a long phrase wraps with the text like any words.
function markFor(f, i, text) {
  return el('span', {
    class: `fund ${catClass(f.category)}${text ? '' : ' fund-tom'}`,
    role: 'button', tabindex: '0',
    'data-rule': f.rule, 'data-category': f.category, 'data-i': i,
  }, [
    text ? el('span', { class: 'fund-tekst' }, text) : null,
    el('span', { class: 'sr-only' }, text ? ', fund: ' : 'Fund om hele brevet: '),
    el('span', { class: 'fund-kat' }, catLabel(f.category)),
  ]);
}

function renderMarks(s) {
  const box = $('markeret');
  if (!s) { fill(box, el('p', { class: 'tom' }, 'Her kommer dit brev med fund markeret.')); return; }
  const order = s.report.findings.map((f, i) => [f, i])
    .sort((a, b) => a[0].span.start - b[0].span.start || b[0].span.end - a[0].span.end);
  const parts = [];
  let cursor = 0; // string index up to which the text is placed
  for (const [f, i] of order) {
    const start = s.at(f.span.start);
    const end = s.at(f.span.end);
    if (start >= cursor && end > start) {
      parts.push(s.text.slice(cursor, start), markFor(f, i, s.text.slice(start, end)));
      cursor = end;
    } else {
      // A finding about the whole letter (empty span), or one overlapping
      // an earlier mark, gets a label-only mark here so none is hidden.
      if (start > cursor) { parts.push(s.text.slice(cursor, start)); cursor = start; }
      parts.push(markFor(f, i, null));
    }
  }
  parts.push(s.text.slice(cursor));
  fill(box, ...parts);
}

// ---------------------------------------------------------------- details

// The details panel after the letter was scored again (the caseworker
// typed, opened a file, changed the format): its finding's index belongs
// to the old report, so its »Brug forslaget« would change another place.
// Show the same finding from the new report – same rule and words, the one
// nearest to where it was – or, when it is gone, ask for a new choice.
function followDetails() {
  const d = state.details;
  const s = state.scored;
  if (!d || d.scored === s) return;
  const old = d.scored.report.findings[d.i];
  let best = -1;
  if (s && old) {
    s.report.findings.forEach((f, i) => {
      if (f.rule !== old.rule || f.matched !== old.matched) return;
      const dist = Math.abs(f.span.start - old.span.start);
      if (best < 0 || dist < Math.abs(s.report.findings[best].span.start - old.span.start)) best = i;
    });
  }
  if (best >= 0) { showDetails(best, false); return; }
  state.details = null;
  fill($('detaljer-indhold'), el('p', {}, s
    ? 'Brevet er ændret, og fundet er der ikke længere. Vælg et markeret ord i brevet.'
    : 'Vælg et markeret ord i brevet.'));
  setStatus('detaljer-status', '');
}

// `focus`: move focus to the panel (not when it follows the caseworker's typing).
function showDetails(i, focus = true) {
  const s = state.scored;
  const f = s && s.report.findings[i];
  if (!f) return;
  state.details = { scored: s, i };
  for (const m of $('markeret').querySelectorAll('.fund[aria-current]')) m.removeAttribute('aria-current');
  const mark = $('markeret').querySelector(`.fund[data-i="${i}"]`);
  if (mark) mark.setAttribute('aria-current', 'true');

  const fixes = f.fixes || [];
  let first = true;
  const fixItems = fixes.map((fix, k) => {
    const usable = fix.applicability !== 'display';
    const button = usable ? el('button', {
      type: 'button', class: 'brug-forslag', id: first ? 'brug-forslag' : null,
      'data-i': i, 'data-k': k,
    }, 'Brug forslaget') : null;
    if (usable) first = false;
    return el('li', {}, [
      el('span', { class: 'forslag' }, `»${fix.replacement}«`), ' – ',
      el('span', { class: `anvend anvend-${fix.applicability}` }, APPLICABILITY[fix.applicability] || fix.applicability),
      button ? ' ' : null, button,
    ]);
  });

  fill($('detaljer-indhold'),
    el('p', { class: 'detalje-fund' }, [chip(f.category), ' ', f.matched ? `»${f.matched}«` : 'Hele brevet']),
    el('p', { class: 'besked' }, f.message),
    f.explanation ? el('p', { class: 'forklaring' }, f.explanation) : null,
    el('dl', { class: 'fakta-dl' }, [
      el('div', {}, [el('dt', {}, 'Regel'), el('dd', {}, el('code', {}, f.rule))]),
      el('div', {}, [el('dt', {}, 'Alvor'), el('dd', {}, SEVERITY[f.severity] || f.severity)]),
      f.matched ? el('div', {}, [el('dt', {}, 'Sted'), el('dd', {}, `linje ${f.span.line}, kolonne ${f.span.column}`)]) : null,
    ]),
    fixItems.length ? el('h4', {}, 'Forslag') : el('p', {}, 'Der er ikke et færdigt forslag – skriv selv stedet om.'),
    fixItems.length ? el('ul', { class: 'forslag-liste' }, fixItems) : null,
    mark ? el('button', { type: 'button', class: 'tilbage', 'data-i': i }, 'Tilbage til teksten') : null,
  );
  setStatus('detaljer-status', '');
  if (focus) $('h-detaljer').focus();
}

// The textarea must still hold the scored text, or the spans point wrong.
function scoredIsCurrent() {
  const s = state.scored;
  if (s && $('brev').value === s.text && $('format').value === s.format) return true;
  showError('ret', 'Brevet er ændret, siden det blev tjekket. Vent et øjeblik, og prøv igen.');
  scoreNow();
  return false;
}

function applyFix(i, k) {
  if (!scoredIsCurrent()) return;
  const s = state.scored;
  // The button must belong to the finding shown, in the marks shown now.
  if (!state.details || state.details.scored !== s || state.details.i !== i) {
    showError('ret', 'Brevet er ændret, siden fundet blev valgt. Vælg fundet igen i brevet.');
    return;
  }
  const f = s.report.findings[i];
  const fix = f && f.fixes[k];
  if (!fix) return;
  state.details = null;
  const start = s.at(f.span.start);
  const end = s.at(f.span.end);
  $('brev').value = s.text.slice(0, start) + fix.replacement + s.text.slice(end);
  clearError('ret');
  fill($('detaljer-indhold'), el('p', {}, `Rettet: »${f.matched}« er nu »${fix.replacement}«. Vælg det næste fund i brevet.`));
  setStatus('detaljer-status', 'Forslaget er brugt.');
  $('h-detaljer').focus(); // the button that had focus is gone
  afterEdit();
}

// Findings with a safe fix, each with that fix.
function safeFixes(findings) {
  return findings
    .map((f) => ({ f, fix: (f.fixes || []).find((x) => x.applicability === 'safe') }))
    .filter((x) => x.fix && x.f.span.end > x.f.span.start);
}

function applyAllSafe() {
  if (!scoredIsCurrent()) return;
  const s = state.scored;
  // From the end backwards: an edit never moves the offsets before it.
  const todo = safeFixes(s.report.findings)
    .sort((a, b) => b.f.span.start - a.f.span.start || b.f.span.end - a.f.span.end);
  let text = s.text;
  let limit = Infinity; // byte offset of the last edit; overlapping fixes are skipped
  let n = 0;
  for (const { f, fix } of todo) {
    if (f.span.end > limit) continue;
    text = text.slice(0, s.at(f.span.start)) + fix.replacement + text.slice(s.at(f.span.end));
    limit = f.span.start;
    n += 1;
  }
  $('brev').value = text;
  clearError('ret');
  state.details = null;
  fill($('detaljer-indhold'), el('p', {}, 'Vælg et markeret ord i brevet.'));
  setStatus('detaljer-status', '');
  afterEdit();
  setStatus('ret-status', n === 1 ? '1 sikker rettelse er lavet.' : `${n} sikre rettelser er lavet.`);
}

// ---------------------------------------------------------------- files

const TEXT_FORMATS = { '.txt': 'txt', '.md': 'markdown', '.tera': 'tera' };

async function openFile(file) {
  const name = file.name;
  const ext = name.slice(name.lastIndexOf('.')).toLowerCase();
  if (file.size > 1_000_000) {
    showError('fil', 'Filen er for stor. klarbrev kan læse filer op til 1 MB.');
    return;
  }
  setStatus('fil-status', `Åbner ${name} …`);
  try {
    const bytes = await file.arrayBuffer();
    let result = null;
    if (ext in TEXT_FORMATS) {
      try {
        result = { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), format: TEXT_FORMATS[ext] };
      } catch { /* not UTF-8: the server also reads UTF-16 and Windows-1252 */ }
    }
    // Word files, and text files that are not UTF-8, are read by the server.
    if (!result) result = await api(`/api/upload?navn=${encodeURIComponent(name)}`, { body: bytes });
    $('brev').value = result.text;
    $('format').value = result.format in { txt: 1, markdown: 1, tera: 1 } ? result.format : 'txt';
    clearError('fil');
    setStatus('fil-status', `${name} er åbnet.`);
    afterEdit();
  } catch (e) {
    setStatus('fil-status', '');
    showError('fil', e);
  }
}

// ---------------------------------------------------------------- rewrite

let rewriteSeq = 0;

// `useShown`: "Opdater" keeps the template shown now, even when »auto«
// picked it, so the facts typed for it still belong to it.
async function runRewrite(useShown = false) {
  const text = $('brev').value;
  if (!text.trim()) { showError('omskriv', 'Sæt først et brev ind.'); return; }
  const format = $('format').value;
  const shown = state.rewrite && state.rewrite.res.template;
  const choice = useShown && shown ? shown.name : $('skabelon').value;
  // With »auto« the facts typed for the template shown now go along: the
  // server ignores names the template it picks does not use.
  const factsFor = choice === 'auto' ? shown && shown.name : choice;
  const typed = Object.entries(state.userFacts[factsFor] || {}).filter(([, v]) => v.trim());
  const seq = ++rewriteSeq;
  setStatus('omskriv-status', 'Omskriver …');
  try {
    const res = await api('/api/rewrite', { json: {
      text, format, template: choice === '' ? null : choice,
      unsafe_fixes: $('usikre').checked, facts: Object.fromEntries(typed),
    } });
    let diff = null;
    try {
      diff = await api('/api/diff', { json: { old: text, new: res.text, format } });
      clearError('diff');
    } catch (e) { showError('diff', e); }
    if (seq !== rewriteSeq) return; // a newer rewrite is on its way
    state.rewrite = { original: text, format, res, diff };
    clearError('omskriv');
    renderRewrite();
  } catch (e) {
    if (seq === rewriteSeq) setStatus('omskriv-status', '');
    showError('omskriv', e);
  }
}

function renderRewrite() {
  const { original, res, diff } = state.rewrite;
  const tpl = res.template;
  const info = state.templates.find((t) => tpl && t.name === tpl.name);
  const title = info ? info.title : tpl && tpl.name;
  const n = res.applied.length;
  setStatus('omskriv-status', tpl
    ? `Brevet er skrevet om som »${title}«${tpl.cue ? `, fordi dit brev nævner »${tpl.cue}«.` : '.'}`
    : `Brevet er rettet ord for ord uden skabelon (${n} ${n === 1 ? 'rettelse' : 'rettelser'}).`);
  $('foraeldet').hidden = true;
  renderFacts(tpl, title);
  $('original').textContent = original;
  $('omskrevet').textContent = res.text;
  $('resultat').hidden = false;
  const summary = res.summary || (diff && diff.summary);
  renderFactGate(summary, res.invented || [], original, res.text);
  renderTable(summary);
  renderDiff(diff);
  $('tjek').hidden = false;
  $('brug').hidden = false;
  $('bekraeft-boks').hidden = !res.gate.refused;
  $('bekraeft').checked = false;
  updateUseButtons();
  setStatus('brug-status', '');
}

// Where a fact's value came from, in words.
function originText(fact) {
  if (fact.value == null) return 'mangler';
  const o = fact.origin;
  if (!o) return 'fra skabelonen';
  if (o.from === 'original') return `fra brevet, linje ${o.line}`;
  if (o.from === 'user') return 'givet af dig';
  if (o.from === 'front_matter') return 'fra brevets oplysninger øverst (front matter)';
  return o.from;
}

function renderFacts(tpl, title) {
  const form = $('fakta');
  if (!tpl || !tpl.facts.length) { form.hidden = true; return; }
  // Re-rendering replaces the inputs: keep focus on the one the user was in.
  const focused = document.activeElement && document.activeElement.id;
  const typed = state.userFacts[tpl.name] || {};
  const missing = tpl.facts.filter((f) => f.required && f.value == null);
  $('fakta-titel').textContent = `Fakta til »${title}«`;
  const rows = tpl.facts.map((f) => {
    const id = `fakta-${f.name}`;
    const miss = f.value == null;
    const input = el('input', {
      type: 'text', id, name: f.name, 'data-fact': f.name, 'data-template': tpl.name,
      autocomplete: 'off', 'aria-describedby': `${id}-hjaelp ${id}-kilde`,
      'aria-invalid': miss && f.required ? 'true' : null, 'aria-required': f.required ? 'true' : null,
    });
    input.value = f.name in typed ? typed[f.name] : (f.value || '');
    return el('div', { class: `fakta-raekke${miss && f.required ? ' mangler' : ''}` }, [
      el('label', { for: id }, [capitalise(f.description || f.name),
        f.required ? el('span', { class: 'paakraevet' }, ' (skal med)') : null]),
      input,
      el('p', { id: `${id}-hjaelp`, class: 'hjaelp' }, `${capitalise(FACT_KINDS[f.kind] || f.kind)} (${f.name})`),
      el('p', { id: `${id}-kilde`, class: 'kilde' }, miss
        ? [el('span', { class: 'maerke-mangler' }, 'mangler'), f.required ? ' – skal udfyldes' : ' – valgfri']
        : ['Værdi: ', el('strong', {}, f.value), ` (${originText(f)})`]),
    ]);
  });
  fill($('fakta-felter'),
    missing.length ? el('p', { class: 'mangler-info' }, [el('span', { class: 'maerke-mangler' }, 'mangler'),
      ` ${missing.length} ${missing.length === 1 ? 'oplysning skal' : 'oplysninger skal'} udfyldes. I brevet står der »[MANGLER: …]«, til du gør det.`]) : null,
    ...rows,
  );
  form.hidden = false;
  if (focused && $(focused) && form.contains($(focused))) $(focused).focus();
}

function factList(facts, original) {
  const at = byteIndex(original);
  const line = (offset) => original.slice(0, at(offset)).split('\n').length;
  return el('ul', {}, facts.map((f) => el('li', {}, [
    `${capitalise(FACT_KINDS[f.kind] || f.kind)}: `, el('strong', {}, `»${f.text}«`), ` (linje ${line(f.span.start)})`,
  ])));
}

function renderFactGate(summary, invented, original, rewritten) {
  const { kept, lost, added } = summary.facts;
  const changed = summary.facts.changed || [];
  const box = $('faktatjek');
  box.classList.toggle('har-tab', lost.length + changed.length > 0);
  const isInvented = (f) => invented.some((x) => x.kind === f.kind && x.value === f.value);
  const gaps = (rewritten.match(/\[MANGLER:/g) || []).length;
  fill(box,
    el('p', { class: 'fakta-tal' }, `Fakta: ${kept.length} bevaret · ${changed.length} ændret · ${lost.length} tabt · ${added.length} nye`),
    lost.length + changed.length ? null : el('p', { class: 'ok' }, 'Ingen fakta fra dit brev er tabt eller ændret.'),
    changed.length ? el('div', { id: 'aendrede-fakta', class: 'tabt' }, [
      el('p', {}, [el('span', { class: 'ikon', 'aria-hidden': 'true' }, '⚠'), ' ', el('strong', {}, 'Ændret:'),
        ' Det omskrevne brev siger noget andet end dit. Ret det, eller tjek, at ændringen er rigtig.']),
      el('ul', {}, changed.map((c) => el('li', {}, [
        `${capitalise(FACT_KINDS[c.before.kind] || c.before.kind)}: `, el('strong', {}, `»${c.before.text}«`), ' → ',
        el('strong', {}, `»${c.after.text}«`), ` (${c.what.map((w) => ASPECTS[w] || w).join(', ')} er ændret)`,
      ]))),
    ]) : null,
    lost.length ? el('div', { id: 'tabte-fakta', class: 'tabt' }, [
      el('p', {}, [el('span', { class: 'ikon', 'aria-hidden': 'true' }, '⚠'), ' ', el('strong', {}, 'Tabt:'),
        ' Det her står i dit brev, men ikke i det omskrevne. Skriv det ind under fakta, eller tjek, at det ikke skal med.']),
      factList(lost, original),
    ]) : null,
    added.length ? el('div', { class: 'nye' }, [
      el('p', {}, [el('strong', {}, 'Nye:'), ' Det her står kun i det omskrevne brev. Tjek, at det er rigtigt.']),
      el('ul', {}, added.map((f) => el('li', {}, [`${capitalise(FACT_KINDS[f.kind] || f.kind)}: `, el('strong', {}, `»${f.text}«`),
        isInvented(f) ? ' – hverken fra dit brev eller givet af dig' : null]))),
    ]) : null,
    gaps ? el('p', { class: 'advarsel' }, [el('span', { class: 'maerke-mangler' }, 'mangler'),
      ` Det omskrevne brev har ${gaps} ${gaps === 1 ? 'sted' : 'steder'} med »[MANGLER: …]«. Udfyld fakta ovenfor.`]) : null,
  );
}

function renderTable(summary) {
  const { before, after } = summary;
  const rows = [
    ['LIX', num(before.lix), num(after.lix)],
    ['Ord', before.words, after.words],
    ['Sætninger', before.sentences, after.sentences],
    ['Fund i alt', before.findings, after.findings],
  ];
  const cats = new Set([...Object.keys(before.findings_by_category || {}), ...Object.keys(after.findings_by_category || {})]);
  for (const c of [...cats].sort()) {
    rows.push([`Fund: ${catLabel(c)}`, (before.findings_by_category || {})[c] || 0, (after.findings_by_category || {})[c] || 0]);
  }
  fill($('foer-efter').tBodies[0], ...rows.map(([k, a, b]) =>
    el('tr', {}, [el('th', { scope: 'row' }, k), el('td', {}, String(a)), el('td', {}, String(b))])));
}

function renderDiff(diff) {
  const box = $('diff');
  if (!diff) { fill(box, el('p', {}, 'Forskellen kunne ikke vises.')); return; }
  // Struck-through and underlined text is invisible to screen readers, so
  // each change also says in words what it is.
  // An insertion right after a deletion (a word replaced by another) gets a
  // little space, so »hermed« and »skal« do not read as »hermedskal«.
  fill(box, ...diff.ops.map((op, n) => {
    if (op.op === 'equal') return op.text;
    const deleted = op.op === 'delete';
    const replaces = !deleted && n > 0 && diff.ops[n - 1].op === 'delete';
    return el(deleted ? 'del' : 'ins', { class: replaces ? 'erstatter' : null }, [
      el('span', { class: 'sr-only' }, deleted ? ' [slettet: ' : ' [indsat: '), op.text,
      el('span', { class: 'sr-only' }, '] '),
    ]);
  }));
}

// ---------------------------------------------------------------- copy and download

// The server's fact gate decides (klarbrev's one gate, as on the command
// line); the page only asks the user to confirm what it refused.
const refused = () => Boolean(state.rewrite && state.rewrite.res.gate.refused);

function updateUseButtons() {
  const blocked = refused() && !$('bekraeft').checked;
  for (const id of ['kopier', 'hent-txt', 'hent-md']) {
    if (blocked) $(id).setAttribute('aria-disabled', 'true'); else $(id).removeAttribute('aria-disabled');
  }
}

// Lost facts must be acknowledged before the letter leaves the page.
function mayUse() {
  if (!state.rewrite) return false;
  if (refused() && !$('bekraeft').checked) {
    setStatus('brug-status', 'Der mangler fakta i det omskrevne brev. Sæt først flueben ved »Jeg har set, at fakta mangler«.');
    $('bekraeft').focus();
    return false;
  }
  return true;
}

async function copyLetter() {
  if (!mayUse()) return;
  const text = state.rewrite.res.text;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard API (or no permission): the old way, via a selection.
    const back = document.activeElement;
    const ta = el('textarea', { class: 'sr-only', readonly: true, 'aria-hidden': 'true' });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    if (back) back.focus();
    if (!ok) return showError('brug', 'Brevet kunne ikke kopieres. Markér teksten under »Det omskrevne brev«, og kopiér den selv.');
  }
  clearError('brug');
  setStatus('brug-status', 'Brevet er kopieret. Du kan sætte det ind, hvor du vil.');
}

// A .txt file gets the Markdown of a template letter without its marks.
function plainText(md) {
  return md.replace(/^#{1,6}[ \t]+/gm, '').replace(/\*\*(.+?)\*\*/g, '$1').replace(/\\$/gm, '');
}

function download(ext) {
  if (!mayUse()) return;
  const { res, format } = state.rewrite;
  const markdown = res.template != null || format !== 'txt';
  const text = ext === 'txt' && markdown ? plainText(res.text) : res.text;
  const type = ext === 'md' ? 'text/markdown;charset=utf-8' : 'text/plain;charset=utf-8';
  const url = URL.createObjectURL(new Blob([text], { type }));
  const name = `brev-omskrevet.${ext}`;
  const a = el('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  setStatus('brug-status', `Brevet er hentet som ${name}.`);
}

// ---------------------------------------------------------------- lexicon

async function lookUp(ev) {
  ev.preventDefault();
  const word = $('opslag-ord').value.trim();
  const out = $('opslag-svar');
  if (!word) { fill(out, el('p', {}, 'Skriv det ord, du vil slå op.')); return; }
  try {
    const list = await api(`/api/lexicon/explain?ord=${encodeURIComponent(word)}`);
    clearError('opslag');
    if (!list.length) return fill(out, el('p', {}, `»${word}« står ikke i klarbrevs ordliste. Så er det nok et fint ord.`));
    fill(out, ...list.map((e) => el('article', { class: 'opslag-post' }, [
      el('h3', {}, [chip(e.category), ' ', e.id]),
      el('p', { class: 'besked' }, e.message),
      e.explanation ? el('p', { class: 'forklaring' }, e.explanation) : null,
      el('p', {}, [`${capitalise(APPLICABILITY[e.applicability] || e.applicability)} · `, SEVERITY[e.severity] || e.severity]),
      e.forms && e.forms.length ? el('details', {}, [
        el('summary', {}, `Former (${e.forms.length})`),
        el('ul', { class: 'former' }, e.forms.map((f) =>
          el('li', {}, f.replacement ? `${f.form} → ${f.replacement}` : f.form))),
      ]) : null,
    ])));
  } catch (e) {
    fill(out);
    showError('opslag', e);
  }
}

// ---------------------------------------------------------------- templates

async function loadTemplates() {
  try {
    state.templates = await api('/api/templates');
    $('skabelon').append(...state.templates.map((t) => el('option', { value: t.name }, t.title || t.name)));
    clearError('skabeloner');
  } catch (e) {
    showError('skabeloner', new Error(`Skabelonerne kunne ikke hentes. ${e.message}`));
  }
}

function describeTemplate() {
  const v = $('skabelon').value;
  const t = state.templates.find((x) => x.name === v);
  const required = t ? t.facts.filter((f) => f.required).length : 0;
  $('skabelon-beskrivelse').textContent = t
    ? `${t.description} (${t.facts.length} fakta, heraf ${required}, der skal med.)`
    : v === 'auto' ? 'klarbrev vælger den skabelon, der passer bedst til dit brev.'
      : 'Brevet beholder sin form; kun ord og vendinger bliver rettet.';
}

// ---------------------------------------------------------------- wiring

// After the text changed from the page (a fix, a file): score at once.
function afterEdit() {
  scoreNow();
  markStale();
}

function markStale() {
  const r = state.rewrite;
  $('foraeldet').hidden = !r || $('brev').value === r.original;
}

function activateMark(target) {
  const mark = target.closest('.fund');
  if (mark) showDetails(Number(mark.dataset.i));
}

function init() {
  $('brev').addEventListener('input', () => { scheduleScore(); markStale(); });
  $('format').addEventListener('change', () => afterEdit());
  $('aabn').addEventListener('click', () => $('fil').click());
  $('fil').addEventListener('change', () => {
    const file = $('fil').files[0];
    $('fil').value = ''; // the same file can be opened again
    if (file) openFile(file);
  });

  $('markeret').addEventListener('click', (ev) => activateMark(ev.target));
  $('markeret').addEventListener('keydown', (ev) => {
    if ((ev.key === 'Enter' || ev.key === ' ') && ev.target.closest('.fund')) {
      ev.preventDefault(); // Space would scroll the page
      activateMark(ev.target);
    }
  });
  $('detaljer').addEventListener('click', (ev) => {
    const use = ev.target.closest('.brug-forslag');
    if (use) applyFix(Number(use.dataset.i), Number(use.dataset.k));
    const back = ev.target.closest('.tilbage');
    const mark = back && $('markeret').querySelector(`.fund[data-i="${back.dataset.i}"]`);
    if (mark) mark.focus();
  });
  $('ret-alle-sikre').addEventListener('click', applyAllSafe);

  $('omskriv-form').addEventListener('submit', (ev) => { ev.preventDefault(); runRewrite(); });
  $('skabelon').addEventListener('change', () => {
    describeTemplate();
    if ($('brev').value.trim()) runRewrite();
  });
  $('fakta').addEventListener('submit', (ev) => { ev.preventDefault(); runRewrite(true); });
  // Only what the caseworker types is sent back as a fact.
  $('fakta').addEventListener('input', (ev) => {
    const input = ev.target.closest('input[data-fact]');
    if (!input) return;
    const facts = (state.userFacts[input.dataset.template] ||= {});
    facts[input.dataset.fact] = input.value;
  });

  $('bekraeft').addEventListener('change', () => { updateUseButtons(); setStatus('brug-status', ''); });
  $('kopier').addEventListener('click', copyLetter);
  $('hent-txt').addEventListener('click', () => download('txt'));
  $('hent-md').addEventListener('click', () => download('md'));
  $('opslag').addEventListener('submit', lookUp);

  describeTemplate();
  loadTemplates().then(describeTemplate);
  // The browser may have kept the text from before a reload.
  if ($('brev').value.trim()) scoreNow();
}

init();
