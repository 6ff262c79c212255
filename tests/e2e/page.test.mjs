// End-to-end test of the page that `klarbrev serve` shows caseworkers.
//
// A plain node script (no test framework): it drives the system's headless
// Chromium through playwright-core and exits non-zero with a clear message
// on the first failure. Run it through run.sh, which starts the server:
//
//   node page.test.mjs http://127.0.0.1:PORT/
//
// Environment:
//   CHROMIUM        browser to launch (default /usr/bin/chromium)
//   KLARBREV_SHOTS  directory for screenshots (default /tmp)

import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const address = process.argv[2];
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const shots = process.env.KLARBREV_SHOTS || '/tmp';
const STEP_TIMEOUT = 15_000;

if (!address || !/^https?:\/\//.test(address)) {
  console.error('brug: node page.test.mjs http://127.0.0.1:PORT/');
  process.exit(2);
}

// ------------------------------------------------------------ reporting

class Failure extends Error {}
let step = '(start)';
const started = Date.now();

function begin(name) {
  step = name;
  console.log(`• ${name}`);
}
function check(cond, message) {
  if (!cond) throw new Failure(message);
}
// Waits for the page to reach a state; the message says what never came.
async function until(page, fn, arg, message, timeout = STEP_TIMEOUT) {
  try {
    return await page.waitForFunction(fn, arg, { timeout, polling: 50 });
  } catch (e) {
    throw new Failure(`${message} (efter ${timeout} ms)`);
  }
}

// ------------------------------------------------------------ helpers run in the page

const markCount = () => document.querySelectorAll('#markeret .fund').length;

// Overflow at the right edge: the page, or any element wider than the viewport.
function overflow() {
  const width = document.documentElement.clientWidth;
  const wide = [];
  if (document.documentElement.scrollWidth > width + 1) wide.push(`dokumentet (${document.documentElement.scrollWidth}px)`);
  for (const node of document.querySelectorAll('body *')) {
    if (node.closest('[hidden]') || node.classList.contains('sr-only') || node.closest('.sr-only')) continue;
    const r = node.getBoundingClientRect();
    if (r.width > 0 && r.right > width + 1) {
      wide.push(`${node.tagName.toLowerCase()}${node.id ? '#' + node.id : ''}${node.className && typeof node.className === 'string' ? '.' + node.className.split(' ').join('.') : ''} (højre kant ${Math.round(r.right)}px)`);
    }
  }
  return { width, wide: wide.slice(0, 8) };
}

// ------------------------------------------------------------ the test

const letter = readFileSync(path.join(root, 'examples', 'indkaldelse-samtale.txt'), 'utf8');
const XSS = '<img src=x onerror="window.__xss=1"> <script>window.__xss=2</script> {{ 7*7 }}';

const problems = []; // console errors, page errors, CSP violations, failed requests
const userDataDir = mkdtempSync(path.join(tmpdir(), 'klarbrev-e2e-'));
let context = null;

async function main() {
  begin('starter Chromium');
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    locale: 'da-DK',
    timeout: 30_000,
  });
  context.setDefaultTimeout(STEP_TIMEOUT);
  // CSP violations also reach the console, but record them from the DOM
  // event too, so none can slip through as a mere warning.
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} blokerede ${e.blockedURI || '(inline)'}`);
    });
  });
  const page = context.pages()[0] || await context.newPage();
  // The fact gate answers a refused rewrite or diff with 422 and the
  // verdict: an answer the page shows, not a failure.
  const verdict = (res) => res.status() === 422 && /\/api\/(rewrite|diff)$/.test(res.url());
  let lastRewrite = null;
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /status of 422/.test(msg.text())) return;
    if (msg.type() === 'error' || /Content Security Policy/i.test(msg.text())) {
      problems.push(`konsol (${msg.type()}): ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`JavaScript-fejl: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`forespørgsel fejlede: ${req.method()} ${req.url()} (${req.failure() && req.failure().errorText})`));
  page.on('response', async (res) => {
    if (/\/api\/rewrite$/.test(res.url())) lastRewrite = await res.json().catch(() => null);
    if (res.status() >= 400 && !verdict(res)) problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
  const noProblems = async (where) => {
    const csp = await page.evaluate(() => window.__csp || []);
    for (const v of csp) problems.push(`CSP-brud: ${v}`);
    await page.evaluate(() => { window.__csp = []; });
    check(problems.length === 0, `fejl i browseren ${where}:\n  ${problems.join('\n  ')}`);
  };

  // ---------------------------------------------------------- open
  begin('åbner siden');
  const res = await page.goto(address, { waitUntil: 'load' });
  check(res && res.ok(), `siden svarede ${res && res.status()}`);
  check(/default-src 'none'/.test(res.headers()['content-security-policy'] || ''), 'siden har ingen streng Content-Security-Policy');
  check(await page.getAttribute('html', 'lang') === 'da', 'siden er ikke markeret som dansk (lang="da")');
  check((await page.title()).includes('klarbrev'), `uventet titel: ${await page.title()}`);
  for (const id of ['brev', 'lix', 'markeret', 'detaljer', 'ret-alle-sikre', 'skabelon', 'omskriv', 'omskrevet', 'diff', 'faktatjek']) {
    check(await page.locator(`#${id}`).count() === 1, `elementet #${id} findes ikke på siden`);
  }
  await until(page, () => document.querySelectorAll('#skabelon option').length > 2, null,
    'skabelonerne blev ikke hentet ind i #skabelon');
  const templateNames = await page.$$eval('#skabelon option', (os) => os.map((o) => o.value));
  check(templateNames.includes('indkaldelse'), `skabelonen »indkaldelse« mangler i #skabelon (${templateNames.join(', ')})`);
  await noProblems('da siden blev åbnet');

  // ---------------------------------------------------------- score the example letter
  begin('sætter eksempelbrevet ind og venter på LIX');
  await page.fill('#brev', letter);
  await until(page, () => /LIX \d+(,\d)? – \S/.test(document.querySelector('#lix').textContent), null,
    '#lix viste aldrig en LIX for eksempelbrevet');
  const lixText = (await page.textContent('#lix .lix-linje')).trim();
  check(/LIX \d+,\d – (meget let|let|middel|svær|meget svær)$/.test(lixText), `LIX-linjen ser forkert ud: »${lixText}«`);
  console.log(`  ${lixText}`);

  begin('tjekker de markerede fund');
  await until(page, () => document.querySelectorAll('#markeret .fund').length >= 20, null,
    '#markeret fik ikke mindst 20 markerede fund');
  const marks0 = await page.evaluate(markCount);
  check(await page.locator('#markeret .fund[data-category="kancellisprog"]').count() > 0,
    'ingen markering med data-category="kancellisprog"');
  // Each mark shows its category as a word, not only as a colour.
  const unlabeled = await page.$$eval('#markeret .fund', (ms) => ms.filter((m) => {
    const label = m.querySelector('.fund-kat');
    return !label || !label.textContent.trim() || getComputedStyle(label).display === 'none';
  }).length);
  check(unlabeled === 0, `${unlabeled} markeringer har ingen synlig kategori`);
  // The marked text is the letter itself: nothing lost, nothing added.
  const shown = await page.evaluate(() => {
    const box = document.querySelector('#markeret').cloneNode(true);
    for (const n of box.querySelectorAll('.fund-kat, .sr-only')) n.remove();
    return box.textContent;
  });
  check(shown === letter, 'teksten i #markeret er ikke den samme som brevet');
  const total = await page.textContent('#kategorier .fund-total');
  check(/^\d+ fund i alt:$/.test(total.trim()), `uventet optælling i #kategorier: »${total}«`);
  console.log(`  ${marks0} markeringer, ${total.trim()}`);

  begin('skærmbillede 1 (fund markeret, 1280 px)');
  await page.locator('#h-fund').scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('#h-fund').scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(shots, 'klarbrev-e2e-1.png') });
  await noProblems('efter markeringen');

  // ---------------------------------------------------------- one fix
  begin('vælger fundet »fremsendt« og bruger forslaget');
  const mark = page.locator('#markeret .fund[data-rule="kancellisprog/fremsende"]').first();
  check(await mark.count() === 1, 'ingen markering for kancellisprog/fremsende');
  await mark.click();
  await until(page, () => document.querySelector('#detaljer-indhold').textContent.includes('fremsendt'), null,
    'detaljerne for fundet »fremsendt« kom ikke frem');
  const details = await page.textContent('#detaljer-indhold');
  check(/kancellisprog/.test(details) && /»sendt«/.test(details) && /sikker rettelse/.test(details),
    `detaljerne mangler kategori, forslag eller »sikker rettelse«: ${details}`);
  check(await mark.getAttribute('aria-current') === 'true', 'det valgte fund er ikke markeret som valgt (aria-current)');
  const before1 = await page.inputValue('#brev');
  check(before1.includes('De har fremsendt i perioden'), 'brevet indeholder ikke »De har fremsendt i perioden«');
  await page.click('#brug-forslag');
  const after1 = await page.inputValue('#brev');
  check(after1 !== before1, '#brug-forslag ændrede ikke teksten');
  check(after1 === before1.replace('De har fremsendt i perioden', 'De har sendt i perioden'),
    'forslaget blev ikke sat ind præcis i stedet for »fremsendt«');
  check((await page.textContent('#detaljer-status')).includes('Forslaget er brugt'), '#detaljer-status siger ikke, at forslaget er brugt');
  await until(page, (n) => document.querySelectorAll('#markeret .fund').length === n - 1
      && !document.querySelector('#markeret .fund[data-rule="kancellisprog/fremsende"]'), marks0,
    'markeringerne blev ikke opdateret efter rettelsen (fundet »fremsendt« er der stadig)');

  // The details panel must follow the letter when it changes: its
  // »Brug forslaget« once changed another word (the finding's index
  // pointed into the old list of findings).
  begin('vælger »fremskaffe«, retter selv tidligere i brevet, og bruger så forslaget');
  await page.click('#markeret .fund[data-rule="kancellisprog/fremskaffe"]');
  await until(page, () => document.querySelector('#detaljer-indhold').textContent.includes('»fremskaffe«'), null,
    'detaljerne for fundet »fremskaffe« kom ikke frem');
  const before2 = await page.inputValue('#brev');
  check(before2.includes('De indkaldes hermed til'), 'brevet indeholder ikke »De indkaldes hermed til«');
  const edited = before2.replace('De indkaldes hermed til', 'De indkaldes til');
  await page.fill('#brev', edited); // as if the caseworker deleted »hermed« by hand
  await until(page, () => !document.querySelector('#markeret .fund[data-rule="kancellisprog/hermed"]'), null,
    'markeringerne blev ikke opdateret, efter »hermed« blev slettet');
  const detailsNow = await page.textContent('#detaljer-indhold');
  check(detailsNow.includes('»fremskaffe«') && detailsNow.includes('»skaffe«'),
    `detaljerne viser ikke længere fundet »fremskaffe«: ${detailsNow.slice(0, 120)}`);
  await page.click('#brug-forslag');
  const after1b = await page.inputValue('#brev');
  check(after1b === edited.replace('at fremskaffe dokumentation', 'at skaffe dokumentation'),
    '»Brug forslaget« ændrede et andet sted i brevet end »fremskaffe«, som detaljerne viste');
  await until(page, () => !document.querySelector('#markeret .fund[data-rule="kancellisprog/fremskaffe"]'), null,
    'markeringerne blev ikke opdateret efter rettelsen af »fremskaffe«');
  const marks1 = await page.evaluate(markCount);
  check(marks1 === marks0 - 3, `ventede ${marks0 - 3} markeringer efter tre rettelser, der er ${marks1}`);

  // ---------------------------------------------------------- all safe fixes
  begin('trykker »Ret alle sikre«');
  const safeText = await page.textContent('#sikre-antal');
  const safeN = Number((safeText.match(/^(\d+) fund/) || [])[1]);
  check(safeN > 0, `#sikre-antal siger ikke, hvor mange sikre rettelser der er: »${safeText}«`);
  check(await page.isEnabled('#ret-alle-sikre'), '#ret-alle-sikre er slået fra, selv om der er sikre rettelser');
  await page.click('#ret-alle-sikre');
  const after2 = await page.inputValue('#brev');
  check(after2 !== after1b, '»Ret alle sikre« ændrede ikke teksten');
  for (const [gone, now] of [['Såfremt De', 'Hvis De'], ['f.eks.', 'for eksempel'], ['som følge af', 'på grund af'], ['endvidere', 'desuden']]) {
    check(!after2.includes(gone) && after2.includes(now), `»Ret alle sikre« rettede ikke »${gone}« til »${now}«`);
  }
  const status = await page.textContent('#ret-status');
  check(new RegExp(`^${safeN} sikre rettelser er lavet\\.$`).test(status.trim()), `#ret-status passer ikke: »${status}« (ventede ${safeN})`);
  await until(page, (n) => document.querySelectorAll('#markeret .fund').length < n
      && document.querySelector('#sikre-antal').textContent.startsWith('0 fund'), marks1,
    'antallet af markeringer faldt ikke efter »Ret alle sikre«');
  const marks2 = await page.evaluate(markCount);
  check(marks2 <= marks1 - safeN, `ventede højst ${marks1 - safeN} markeringer, der er ${marks2}`);
  check((await page.textContent('#detaljer-status')).trim() === '', '»Forslaget er brugt.« står stadig i detaljerne efter »Ret alle sikre«');
  check(await page.isDisabled('#ret-alle-sikre'), '#ret-alle-sikre er stadig slået til, selv om alt sikkert er rettet');
  console.log(`  markeringer: ${marks0} → ${marks1} → ${marks2}`);
  await noProblems('efter rettelserne');

  // ---------------------------------------------------------- rewrite
  begin('omskriver med skabelon (auto)');
  await page.selectOption('#skabelon', 'auto');
  await page.click('#omskriv');
  await until(page, () => document.querySelector('#omskrevet').textContent.trim().length > 200
      && !document.querySelector('#resultat').hidden && !document.querySelector('#tjek').hidden, null,
    '#omskrevet fik ingen tekst (eller resultatet blev ikke vist)');
  await until(page, () => /skrevet om som/.test(document.querySelector('#omskriv-status').textContent), null,
    '#omskriv-status siger ikke, hvilken skabelon der blev brugt');
  const rewriteStatus = await page.textContent('#omskriv-status');
  check(/Indkaldelse/i.test(rewriteStatus), `auto valgte ikke indkaldelsen: »${rewriteStatus}«`);
  const rewritten = await page.textContent('#omskrevet');
  check(rewritten.includes('17. marts 2026'), 'det omskrevne brev mangler mødets dato »17. marts 2026«');
  check((await page.textContent('#original')) === after2, '#original viser ikke brevet, der blev omskrevet');
  const dels = await page.locator('#diff del').count();
  const inss = await page.locator('#diff ins').count();
  check(dels > 0 && inss > 0, `#diff viser ikke både sletninger og indsættelser (del: ${dels}, ins: ${inss})`);
  const factLine = await page.textContent('#faktatjek');
  const counts = factLine.match(/Fakta: (\d+) bevaret · (\d+) ændret · (\d+) tabt · (\d+) nye/);
  check(counts, `#faktatjek viser ikke »Fakta:«-linjen: »${factLine.slice(0, 120)}«`);
  const rows = await page.locator('#foer-efter tbody tr').count();
  check(rows >= 4, `tabellen før/efter har kun ${rows} rækker`);
  check(!(await page.isHidden('#fakta')), 'skemaet med fakta vises ikke efter omskrivningen');
  check(!(await page.isHidden('#brug')), 'afsnittet »Brug det omskrevne brev« vises ikke');
  // The page shows the command line's verdict on the same text: the same
  // gate, the same counts, and a confirmation exactly when it refuses.
  const bin = path.join(root, 'target', 'debug', 'klarbrev');
  const cliRun = spawnSync(bin, ['rewrite', '--template', 'auto', '--format', 'json', '-'], { input: after2, encoding: 'utf8' });
  check(cliRun.status === 0 || cliRun.status === 1, `klarbrev rewrite sluttede med ${cliRun.status}: ${cliRun.stderr}`);
  const cli = JSON.parse(cliRun.stdout);
  check(lastRewrite && JSON.stringify(lastRewrite.gate) === JSON.stringify(cli.gate),
    `siden fik porten ${JSON.stringify(lastRewrite && lastRewrite.gate)}, kommandolinjen ${JSON.stringify(cli.gate)}`);
  const f = cli.summary.facts;
  check(Number(counts[1]) === f.kept.length && Number(counts[2]) === f.changed.length && Number(counts[3]) === f.lost.length,
    `siden viser »${counts[0]}«, kommandolinjen ${f.kept.length} bevaret, ${f.changed.length} ændret, ${f.lost.length} tabt`);
  check((await page.isHidden('#bekraeft-boks')) === !cli.gate.refused, 'bekræftelsen vises ikke præcis, når porten afviser');
  console.log(`  porten: ${cli.gate.verdict} på siden og på kommandolinjen`);
  console.log(`  ${factLine.split('\n')[0].trim().slice(0, 80)}; diff: ${dels} slettet, ${inss} indsat`);

  begin('skærmbillede 2 (efter omskrivning, hele siden, 1280 px)');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, 'klarbrev-e2e-2.png'), fullPage: true });
  const wide1280 = await page.evaluate(overflow);
  check(wide1280.wide.length === 0, `noget stikker ud til højre ved 1280 px: ${wide1280.wide.join(', ')}`);
  await noProblems('efter omskrivningen');

  // ---------------------------------------------------------- 640 px ≈ 200 % zoom
  begin('layout ved 640 px (≈ 200 % zoom)');
  await page.setViewportSize({ width: 640, height: 900 });
  await page.waitForTimeout(100);
  const wide640 = await page.evaluate(overflow);
  check(wide640.wide.length === 0, `noget stikker ud til højre ved 640 px: ${wide640.wide.join(', ')}`);
  const stacked = await page.evaluate(() => {
    const [a, b] = document.querySelectorAll('#resultat > div');
    return a.getBoundingClientRect().bottom <= b.getBoundingClientRect().top;
  });
  check(stacked, 'ved 640 px står de to breve ikke under hinanden');
  await page.screenshot({ path: path.join(shots, 'klarbrev-e2e-2-640.png'), fullPage: true });
  await page.evaluate(() => document.querySelector('#h-fund').scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(shots, 'klarbrev-e2e-1-640.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await noProblems('ved 640 px');

  // ---------------------------------------------------------- markup and templates in the letter are text
  begin('tjekker, at HTML og skabelonkode i brevet kun er tekst');
  await page.fill('#brev', XSS);
  await until(page, (t) => document.querySelector('#markeret').textContent.includes(t), XSS,
    '#markeret viste aldrig brevets tegn, som de er');
  check(await page.evaluate(() => window.__xss) === undefined, 'brevets HTML blev kørt (window.__xss er sat)');
  check(await page.locator('#markeret img, #markeret script, #diff img, #omskrevet img').count() === 0,
    'brevets HTML blev til elementer på siden');
  const marked = await page.textContent('#markeret');
  check(marked.includes('<img src=x onerror="window.__xss=1">') && marked.includes('<script>') && marked.includes('{{ 7*7 }}'),
    `#markeret viser ikke de bogstavelige tegn: »${marked}«`);
  check(!marked.includes('49'), '#markeret viser »49«: skabelonkoden blev regnet ud');
  check(/LIX/.test(await page.textContent('#lix')), '#lix blev ikke opdateret for det nye brev');

  begin('omskriver det farlige brev med indkaldelsen og et farligt navn');
  await page.selectOption('#skabelon', 'indkaldelse');
  await until(page, (t) => document.querySelector('#original').textContent === t
      && /Indkaldelse/i.test(document.querySelector('#omskriv-status').textContent), XSS,
    'omskrivningen af det farlige brev kom ikke');
  const navn = page.locator('#fakta-navn');
  check(await navn.count() === 1, 'feltet til borgerens navn (#fakta-navn) findes ikke');
  await navn.fill(XSS);
  await page.click('#opdater');
  await until(page, (t) => document.querySelector('#omskrevet').textContent.includes(t), XSS,
    'navnet blev ikke sat ind i det omskrevne brev');
  const out = await page.textContent('#omskrevet');
  check(!out.includes('Kære 49') && out.includes('{{ 7*7 }}'), 'skabelonkoden i navnet blev regnet ud i det omskrevne brev');
  check(await page.evaluate(() => window.__xss) === undefined, 'HTML i navnet blev kørt (window.__xss er sat)');
  check(await page.locator('#omskrevet img, #diff img, #fakta img, #faktatjek img, script:not([src])').count() === 0,
    'HTML i navnet blev til elementer på siden');
  await noProblems('efter det farlige brev');

  await context.close();
  context = null;
}

main().then(() => {
  console.log(`OK: alle trin bestået på ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log('1 passed, 0 failed');
}, async (e) => {
  const why = e instanceof Failure ? e.message : (e && e.stack) || String(e);
  console.error(`\nFEJL i trinnet »${step}«:\n  ${why}`);
  if (problems.length && !(e instanceof Failure && e.message.startsWith('fejl i browseren'))) {
    console.error(`Fejl i browseren undervejs:\n  ${problems.join('\n  ')}`);
  }
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
}).finally(async () => {
  if (context) {
    try {
      const page = context.pages()[0];
      if (page) await page.screenshot({ path: path.join(shots, 'klarbrev-e2e-fejl.png'), fullPage: true });
    } catch { /* the browser may be gone */ }
    await context.close().catch(() => {});
  }
  rmSync(userDataDir, { recursive: true, force: true });
});
