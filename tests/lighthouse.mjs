// Lighthouse on a list of pages in Debian chromium (driven by tests/lighthouse.py, `make lighthouse`).
//   node tests/lighthouse.mjs LIGHTHOUSE_PREFIX JOBS.json  -> one JSON line per job on stdout
// JOBS.json: [{"name", "url", "form": "desktop"|"mobile", "hold": bool}]. `hold` keeps the
// root chooser on screen: its script sends a reader on to a variant at once (which aborts the
// chooser's own load), so reading the browser's language is made to fail, quietly, as in
// tests/test_reader_view.py; the page seen is then what a reader without JavaScript sees.
import fs from "node:fs";
import path from "node:path";
import {pathToFileURL} from "node:url";

const [prefix, jobsFile] = process.argv.slice(2);
const mod = (p) => import(pathToFileURL(path.join(prefix, "node_modules", p)).href);
const {default: lighthouse} = await mod("lighthouse/core/index.js");
const {default: desktopConfig} = await mod("lighthouse/core/config/desktop-config.js");
const {default: puppeteer} = await mod("puppeteer-core/lib/esm/puppeteer/puppeteer-core.js");

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  headless: "new",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const categories = ["performance", "accessibility", "best-practices", "seo"];
for (const job of JSON.parse(fs.readFileSync(jobsFile, "utf8"))) {
  const page = await browser.newPage();
  if (job.hold) await page.evaluateOnNewDocument(() => {
    const held = "held by the bench";
    addEventListener("error", (e) => { if (String(e.message).includes(held)) e.preventDefault(); });
    Object.defineProperty(navigator, "languages", {get() { throw new Error(held); }});
    Storage.prototype.getItem = () => { throw new Error(held); };  // a choice left by an earlier run
  });
  const config = job.form === "desktop" ? desktopConfig : undefined;
  const result = await lighthouse(job.url, {onlyCategories: categories, logLevel: "error"}, config, page);
  const lhr = result.lhr;
  // the weighted audits that keep a category below 100 (performance: below 95)
  const failed = categories.filter((c) => lhr.categories[c].score < (c === "performance" ? 0.95 : 1))
    .flatMap((c) => lhr.categories[c].auditRefs.filter((ref) => ref.weight > 0).map((ref) => lhr.audits[ref.id]))
    .filter((a) => a.score !== null && a.score < 1)
    .map((a) => ({id: a.id, score: a.score, title: a.title, items: (a.details?.items || []).slice(0, 3)
      .map((i) => i.node?.snippet || i.url || i.source?.snippet || i.sourceLocation?.url || i.description || "")}));
  const scores = Object.fromEntries(categories.map((c) => [c, Math.round(lhr.categories[c].score * 100)]));
  console.log(JSON.stringify({...job, finalUrl: lhr.finalDisplayedUrl, scores, failed,
    runtimeError: lhr.runtimeError?.message || null, warnings: lhr.runWarnings}));
  await page.close();
}
await browser.close();
