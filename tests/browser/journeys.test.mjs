// SPDX-License-Identifier: MIT
// The desk's flows clicked through in Debian's chromium, as the people in
// the seeds would: a clerk takes a trouble call and gives an ETA and a
// callback promise at once; the promise comes due on the dashboard as the
// clock moves; a callback is moved with the customer's consent; a message
// is left for a colleague who is out; the last time the same thing broke
// is found by a short Japanese word; a report is written, approved and
// printed; an admin corrects a checklist; the pages switch language.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  ARTIFACTS, NOW, Steps, demoDatabase, launch, logIn, record, serve, shot, taio,
  window,
} from "./desk.mjs";

let browser;
let db;
let desk;

before(async () => {
  browser = await launch();
  db = demoDatabase();
  desk = await serve(db, NOW);
});

after(async () => {
  await desk?.stop();
  await browser?.close();
});

// The problems a page collected (script errors, dialogs) must be none.
function clean(page) {
  assert.deepEqual(page.problems, []);
}

test("intake: a new trouble with an ETA and a callback promise in under a minute", async () => {
  const page = await window(browser);
  await logIn(page, desk.base, "ito");
  const s = new Steps();
  await s.step("open 新規受付", () => page.click("nav >> text=新規受付"));
  await s.step("type the reading", () => page.fill("#q", "やまだ"));
  await s.step("pick the customer", () => page.click("#matches a >> nth=0"));
  // Flags, channels and reachable hours are on screen before the form.
  await page.waitForSelector("section.customer");
  assert.match(await page.textContent("section.customer"), /山田製作所/);
  await s.step("their words", () =>
    page.fill("#in-reported", "2号ラインの制御PCがまた起動しない。午後の出荷に間に合わせたい"));
  await s.step("title", () => page.fill("#in-title", "2号ライン制御PC 再発"));
  // The lessons of similar past cases come up as the words are typed.
  await page.waitForSelector("#lessons-list ul.lessons li");
  assert.match(await page.textContent("#lessons-list"), /起動しない/);
  await s.step("impact: business stopped", () => page.check("input[name=impact][value=stopped]"));
  await s.step("ETA in words", () => page.fill("#in-eta-text", "本日16時まで"));
  await s.step("callback time", () => page.fill("#in-promise-due", "14:30"));
  await s.step("open the case", () => page.click("#intake button[type=submit]"));
  await page.waitForURL(/\/cases\/2026-\d+$/);
  const seconds = s.seconds;
  const header = await page.textContent(".case-head");
  assert.match(header, /本日16時まで/);
  assert.match(header, /業務停止/);
  const promises = await page.textContent("#promises");
  assert.match(promises, /田中 一郎/);
  assert.match(promises, /あと30分/);
  record("intake", { interactions: s.count, seconds, steps: s.list });
  assert.ok(s.count <= 10, `${s.count} interactions`);
  assert.ok(seconds < 60, `${seconds} s`);
  clean(page);
  await page.context().close();
});

test("the promise reminder appears on the dashboard when the clock passes its lead time", async () => {
  // A promise due at 15:00 with the default 15 min lead, on a second desk
  // whose clock can be moved by restarting taio serve on the same port.
  const own = demoDatabase();
  const out = taio(own, NOW, ["--as", "sato", "--json", "case", "open", "--kind", "trouble",
    "--customer", "#8", "--title", "予約システムに入れない", "--reported", "受付の端末が固まる",
    "--promise-due", "15:00", "--promise-to", "院長", "--promise-text", "復旧の見込みを電話で連絡"]);
  const number = JSON.parse(out).number;
  let server = await serve(own, NOW);
  const page = await window(browser);
  await page.clock.install({ time: new Date(NOW) });
  await logIn(page, server.base, "sato");
  let agenda = await page.textContent("#agenda");
  assert.ok(!agenda.includes(number), "not due yet at 14:00");
  // 14:50: inside the lead time. The open page picks it up by itself
  // (it reloads its list every 30 s) without the person reloading.
  const port = server.port;
  await server.stop();
  server = await serve(own, "2026-11-24T14:50:00+09:00", port);
  await page.clock.fastForward(31_000);
  await page.waitForFunction((n) => document.querySelector("#agenda").textContent.includes(n), number);
  agenda = await page.textContent("#agenda");
  assert.match(agenda, /約束期限間近/);
  assert.match(agenda, /あと10分/);
  await shot(page, "journey-dashboard-reminder");
  // 15:05: broken, and it says by how much.
  await server.stop();
  server = await serve(own, "2026-11-24T15:05:00+09:00", port);
  await page.reload();
  agenda = await page.textContent("#agenda");
  assert.match(agenda, /約束不履行/);
  assert.match(agenda, /5分超過/);
  clean(page);
  await page.context().close();
  await server.stop();
});

test("renegotiating a callback asks who agreed to the new time", async () => {
  const page = await window(browser);
  await logIn(page, desk.base, "sato");
  await page.click("text=2026-0025");
  await page.waitForURL(/\/cases\/2026-0025$/);
  await page.click("#promises details summary >> text=時刻を再調整");
  const form = page.locator("#promises form[action$='/renegotiate']").first();
  await form.locator("input[name=due]").fill("16:30");
  await form.locator("input[name=consented_by]").fill("");
  // The browser itself asks for the consent first (required field).
  await form.locator("button[type=submit]").click();
  assert.equal(await form.locator("input[name=consented_by]").evaluate((e) => e.validity.valueMissing), true);
  await form.locator("input[name=consented_by]").fill("田中 一郎");
  await form.locator("input[name=note]").fill("部品の到着が16時になるため");
  await form.locator("button[type=submit]").click();
  await page.waitForURL(/#timeline$/);
  const timeline = await page.textContent("#timeline");
  assert.match(timeline, /約束の時刻を変更/);
  assert.match(timeline, /同意者 田中 一郎/);
  const promises = await page.textContent("#promises");
  assert.match(promises, /16:30/);
  await shot(page, "journey-case-renegotiated");
  clean(page);
  await page.context().close();
});

test("a phone memo for a colleague who is out", async () => {
  const page = await window(browser);
  await logIn(page, desk.base, "ito");
  await page.click("nav >> text=伝言メモ");
  // Where everyone is, with the reason and the return time.
  const people = await page.textContent("ul.people");
  assert.match(people, /高橋 翔\s*外出\s*お客様先を訪問中/);
  await page.click("ul.people a >> text=高橋 翔");
  await page.fill("#q", "グリーン");
  await page.click("#matches a >> nth=0");
  await page.waitForSelector("#memo");
  assert.match(await page.textContent("#memo .tell"), /お客様先を訪問中/);
  assert.equal(await page.inputValue("#memo-callback"), "2026-11-24 16:00");
  await page.fill("#memo-question", "倉庫システムの件、進捗を聞きたい");
  await page.click("#memo button[type=submit]");
  await page.waitForURL(/left=2026-\d+/);
  const number = new URL(page.url()).searchParams.get("left");
  await page.click(`.ok-box a >> text=${number}`);
  const header = await page.textContent(".case-head");
  assert.match(header, /高橋 翔/);
  assert.match(await page.textContent("#promises"), /16:00/);
  assert.match(await page.textContent("#timeline"), /相手に伝えた内容: 外出: お客様先を訪問中/);
  clean(page);
  await page.context().close();
});

test("searching the last time the same thing broke, by a two-character word", async () => {
  const page = await window(browser);
  await logIn(page, desk.base, "sato");
  await page.click("nav >> text=検索");
  await page.fill("#search-q", "勤怠");
  await page.click("form[role=search] button[type=submit]");
  await page.waitForSelector("ul.hits li");
  const first = page.locator("ul.hits li >> nth=0");
  assert.equal(await first.locator("mark >> nth=0").textContent(), "勤怠");
  await shot(page, "search-ja");
  await first.locator("a").click();
  await page.waitForSelector(".case-head");
  assert.match(await page.textContent(".case-head"), /勤怠/);
  clean(page);
  await page.context().close();
});

test("a report is written, approved and printed on A4", async () => {
  const writer = await window(browser);
  await logIn(writer, desk.base, "sato");
  await writer.goto(`${desk.base}/cases/2026-0025`);
  await writer.click("#report-card a");
  await writer.fill("#report-cause", "制御PCの電源ユニットの経年劣化");
  await writer.fill("#report-response", "工場長に経過を電話で連絡し、代替機で生産を再開した");
  await writer.fill("#report-prevention", "導入5年を超えた制御PCの電源を定期点検で交換する");
  await writer.selectOption("#report-cause-category", "product_defect");
  await writer.click("form[action$='/report/save'] button[type=submit]");
  await writer.click("form[action$='/report/submit'] button[type=submit]");
  assert.match(await writer.textContent("p.state"), /提出済み/);
  clean(writer);
  await writer.context().close();
  const manager = await window(browser);
  await logIn(manager, desk.base, "kimura");
  await manager.goto(`${desk.base}/cases/2026-0025/report`);
  await manager.click("form[action$='/report/approve'] button[type=submit]");
  assert.match(await manager.textContent("p.state"), /承認済み/);
  await shot(manager, "report-ja");
  await manager.emulateMedia({ media: "print" });
  assert.equal(await manager.locator("form").evaluateAll((forms) =>
    forms.filter((f) => getComputedStyle(f).display !== "none").length), 0);
  assert.ok(await manager.isVisible("section.report"));
  await shot(manager, "report-print-ja");
  await manager.pdf({ format: "A4", path: `${ARTIFACTS}/report-2026-0025.pdf` });
  clean(manager);
  await manager.context().close();
});

test("an admin adds an item to a checklist in place", async () => {
  const page = await window(browser);
  await logIn(page, desk.base, "admin");
  await page.goto(`${desk.base}/settings/checklists`);
  const card = page.locator("section.card", { hasText: "機器交換" });
  await card.locator("summary").click();
  const items = card.locator("textarea[name=items]");
  assert.equal(await items.inputValue(),
    "!機器単体ではなく、ネットワーク接続まで試験した\n!お客様に動作を確認していただいた\n");
  await items.fill(`${await items.inputValue()}交換した機器の型番を記録した`);
  await card.locator("button[type=submit]", { hasText: "保存" }).click();
  await page.waitForURL(`${desk.base}/settings/checklists`);
  assert.ok(await page.isVisible("li:has-text('交換した機器の型番を記録した')"));
  clean(page);
  await page.context().close();
});

test("switching the language keeps the page and the choice", async () => {
  const page = await window(browser);
  await logIn(page, desk.base, "kimura");
  await page.goto(`${desk.base}/?view=team`);
  assert.equal(await page.textContent("h1"), "チームの対応予定");
  await page.click("button[lang=en]");
  await page.waitForURL(`${desk.base}/?view=team`);
  assert.equal(await page.textContent("h1"), "The team's agenda");
  await page.goto(`${desk.base}/presence`);
  assert.equal(await page.textContent("h1"), "Presence");
  await page.click("button[lang=ja]");
  assert.equal(await page.textContent("h1"), "在席状況");
  clean(page);
  await page.context().close();
});
