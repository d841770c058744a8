import fs from "node:fs";
import { expect as baseExpect } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/axe";
import { expect, test } from "./support/staff";
import { wavSample } from "../tests/support/audio-samples";

// Demo events the e2e server's seed writes around the day it runs (scripts/demo/demo-events.ts).
const UPCOMING_OPEN = "/events/the-alliance-at-75-a-washington-conversation";
const UPCOMING_FULL = "/events/chips-batteries-and-the-new-trade-map-seoul-roundtable";
const UPCOMING_CLOSED = "/events/europe-and-the-korean-peninsula-brussels-briefing";
const PAST_WITH_RECORDING = "/events/north-korean-markets-a-decade-of-price-data";

test("/events lists upcoming events soonest first, then past events with their recordings marked", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Events" }).click();
  await expect(page).toHaveURL(/\/events$/);
  await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();

  const upcoming = page.getByRole("region", { name: "Upcoming events" });
  const past = page.getByRole("region", { name: "Past events" });
  const upcomingTitles = await upcoming.getByRole("heading", { level: 3 }).allTextContents();
  expect(upcomingTitles.slice(0, 4)).toEqual([
    "Europe and the Korean Peninsula: A Brussels Briefing",
    "The Alliance at 75: A Washington Conversation",
    "Chips, Batteries and the New Trade Map: A Seoul Roundtable",
    "Trilateral Security Cooperation After the Summit",
  ]);
  // Upcoming comes first on the page; the past ones newest first, the recorded one marked.
  const [upcomingBox, pastBox] = [await upcoming.boundingBox(), await past.boundingBox()];
  expect(upcomingBox!.y).toBeLessThan(pastBox!.y);
  const recorded = past.getByRole("listitem").filter({ hasText: "North Korean Markets: A Decade of Price Data" });
  await expect(recorded.getByText("Recording", { exact: true })).toBeVisible();
  const pastTimes = await past
    .locator("time")
    .evaluateAll((times) => times.map((time) => time.getAttribute("datetime")!));
  expect(pastTimes.length).toBeGreaterThan(1);
  expect([...pastTimes].sort().reverse()).toEqual(pastTimes);

  // The topic filter, a plain GET form; an unknown topic is no page.
  await page.getByLabel("Topic", { exact: true }).selectOption({ label: "North Korea" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/\/events\?topic=north-korea/);
  await expect(page.getByRole("link", { name: "Europe and the Korean Peninsula: A Brussels Briefing" })).toBeVisible();
  await expect(page.getByRole("link", { name: "The Alliance at 75: A Washington Conversation" })).toHaveCount(0);
  expect((await page.request.get("/events?topic=no-such-topic")).status()).toBe(404);

  await page.goto("/events");
  await expectNoAccessibilityViolations(page);
});

test.describe("an upcoming event", () => {
  // The reader is in Seoul; the event in Washington: the page shows both times.
  test.use({ timezoneId: "Asia/Seoul" });

  test("shows date, time, place, speakers, registration and Add to calendar, and downloads a valid .ics", async ({
    page,
  }) => {
    const response = await page.goto(UPCOMING_OPEN);
    expect(response?.status()).toBe(200);
    // No framework JavaScript on the page.
    expect(await page.locator("script[src]").count()).toBe(0);
    await expect(
      page.getByRole("heading", { level: 1, name: "The Alliance at 75: A Washington Conversation" }),
    ).toBeVisible();
    const when = page.locator("dd time").first();
    await expect(when).toHaveText(/\d{1,2}:\d\d\s[AP]M E[SD]T – \d{1,2}:\d\d\s[AP]M E[SD]T$/);
    await expect(page.getByText("America/New York")).toBeVisible();
    await expect(page.getByText(/^Your time: /)).toBeVisible();
    await expect(page.getByText("Quire Institute Conference Center", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Map" })).toHaveAttribute("href", /^https:\/\//);
    await expect(page.getByText("The livestream link is sent to registrants by email.")).toBeVisible();

    const speakers = page.getByRole("region", { name: "Speakers" });
    await expect(speakers.getByRole("listitem").filter({ hasText: "Eleanor Whitfield" })).toContainText("(Moderator)");
    await expect(speakers.getByRole("link", { name: "Eleanor Whitfield" })).toHaveAttribute(
      "href",
      "/authors/eleanor-whitfield",
    );
    await expect(speakers.getByRole("listitem").filter({ hasText: "Amb. Catherine Rhee" })).toContainText(
      "Georgetown University",
    );

    const registration = page.getByRole("region", { name: "Register" });
    await expect(registration.getByLabel("Name", { exact: true })).toBeVisible();
    await expect(registration.getByLabel("Email", { exact: true })).toBeVisible();
    await expect(registration.getByLabel("Affiliation", { exact: true })).toBeVisible();
    await expect(registration.getByRole("button", { name: "Register" })).toBeVisible();

    const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
    expect(data).toMatchObject({
      "@type": "Event",
      name: "The Alliance at 75: A Washington Conversation",
      eventStatus: "https://schema.org/EventScheduled",
      eventAttendanceMode: "https://schema.org/MixedEventAttendanceMode",
      offers: { "@type": "Offer", availability: "https://schema.org/InStock" },
    });
    expect(data.performer).toEqual(expect.arrayContaining([expect.objectContaining({ name: "Eleanor Whitfield" })]));

    await expect(page.getByRole("link", { name: "Google Calendar" })).toHaveAttribute(
      "href",
      /^https:\/\/calendar\.google\.com\//,
    );
    await expect(page.getByRole("link", { name: "Outlook" })).toHaveAttribute(
      "href",
      /^https:\/\/outlook\.live\.com\//,
    );
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Add to calendar" }).click(),
    ]);
    const ics = fs.readFileSync((await download.path())!, "utf8");
    // Long lines are folded (RFC 5545 §3.1): a calendar reads them unfolded.
    const unfolded = ics.replace(/\r\n /g, "");
    expect(ics.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain("BEGIN:VEVENT\r\n");
    expect(unfolded).toContain("SUMMARY:The Alliance at 75: A Washington Conversation\r\n");
    expect(unfolded).toContain(`DTSTART:${data.startDate.replace(/[-:]/g, "").replace(/\.\d{3}/, "")}\r\n`);
    expect(unfolded).toMatch(/URL:http:\/\/127\.0\.0\.1:\d+\/events\/the-alliance-at-75-a-washington-conversation\r\n/);
    expect(ics.trimEnd().endsWith("END:VCALENDAR")).toBe(true);

    await expectNoAccessibilityViolations(page);
  });
});

test("a full event offers the waitlist, a closed one says so, and an event's publication address leads to its page", async ({
  page,
  request,
}) => {
  await page.goto(UPCOMING_FULL);
  await expect(page.getByRole("heading", { level: 2, name: "Waitlist" })).toBeVisible();
  await expect(page.getByText(/This event is full/)).toBeVisible();
  await page.goto(UPCOMING_CLOSED);
  await expect(page.getByText("Registration closed", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Register" })).toHaveCount(0);

  const moved = await request.get("/publications/the-alliance-at-75-a-washington-conversation", { maxRedirects: 0 });
  baseExpect(moved.status()).toBe(308);
  baseExpect(moved.headers().location).toBe(UPCOMING_OPEN);

  const feed = await request.get("/events.ics");
  baseExpect(feed.headers()["content-type"]).toMatch(/^text\/calendar/);
  const body = await feed.text();
  baseExpect(body).toContain("SUMMARY:The Alliance at 75: A Washington Conversation");
  baseExpect(body).not.toContain("North Korean Markets");
});

test("a past event shows its recording, transcript and the end of registration", async ({ page }) => {
  await page.goto(PAST_WITH_RECORDING);
  await expect(page.getByText("Past event", { exact: true })).toBeVisible();
  await expect(page.getByText("This event has ended", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Recording" })).toBeVisible();
  await expect(page.locator("iframe[title^='Recording']")).toHaveAttribute(
    "src",
    "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE",
  );
  await page.getByText("Transcript", { exact: true }).click();
  await expect(page.getByText(/we had eleven markets/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Add to calendar" })).toHaveCount(0);
  await expectNoAccessibilityViolations(page);
});

test("a past event's audio plays in the browser's own player, seeks by byte ranges, and links to its transcript", async ({
  page,
}) => {
  await page.goto(PAST_WITH_RECORDING);
  const player = page.locator("audio[controls]");
  await expect(player).toHaveAccessibleName("Audio");
  const source = page.locator("audio source");
  await expect(source).toHaveAttribute("type", "audio/wav");
  const src = (await source.getAttribute("src"))!;
  // The browser decodes the file: four seconds of the demo's audio.
  const duration = await player.evaluate(
    (audio: HTMLAudioElement) =>
      new Promise<number>((resolve, reject) => {
        audio.addEventListener("loadedmetadata", () => resolve(audio.duration), { once: true });
        audio.addEventListener("error", () => reject(new Error(`media error ${audio.error?.code}`)), { once: true });
        audio.load();
      }),
  );
  baseExpect(duration).toBeCloseTo(4, 1);
  const ranged = await page.evaluate(async (url) => {
    const response = await fetch(url, { headers: { range: "bytes=0-11" } });
    return {
      status: response.status,
      range: response.headers.get("content-range"),
      head: new TextDecoder().decode(await response.arrayBuffer()),
    };
  }, src);
  baseExpect(ranged.status).toBe(206);
  baseExpect(ranged.range).toMatch(/^bytes 0-11\/\d+$/);
  baseExpect(ranged.head.startsWith("RIFF")).toBe(true);

  await page.getByRole("link", { name: "Read the transcript" }).click();
  await expect(page.getByText(/we had eleven markets/)).toBeVisible();
});

test("an editor adds event details in the editor, in the event's own time zone", async ({ staffPage }) => {
  test.setTimeout(90_000);
  const editor = await staffPage("EDITOR");
  await editor.goto("/admin/publications/new");
  const title = `Energy Security Dialogue ${Date.now().toString(36)}`;
  await editor.getByLabel("Title", { exact: true }).fill(title);
  await editor.getByLabel("Type", { exact: true }).selectOption({ label: "Event" });
  const panel = editor.getByRole("region", { name: "Event details" });
  await expect(panel).toBeVisible();
  await panel.getByLabel("Time zone", { exact: true }).selectOption("Europe/Brussels");
  await panel.getByLabel("Starts", { exact: true }).fill("2031-06-02T10:00");
  await panel.getByLabel("Ends", { exact: true }).fill("2031-06-02T12:30");
  await panel.getByLabel("Venue", { exact: true }).fill("Résidence Palace");
  await panel.getByLabel("How people register", { exact: true }).selectOption("BUILT_IN");
  await panel.getByLabel("Capacity", { exact: true }).fill("40");
  await panel.getByLabel("Add an author as speaker", { exact: true }).selectOption({ index: 1 });
  await panel.getByRole("button", { name: "Add speaker", exact: true }).click();
  await panel.getByLabel("Name", { exact: true }).fill("Sophie Marchal");
  await panel.getByLabel("Title", { exact: true }).fill("Senior Analyst");
  await panel.getByLabel("Affiliation", { exact: true }).fill("European Policy Centre");
  await panel.getByRole("button", { name: "Add outside speaker" }).click();
  await panel.getByLabel("Role of Sophie Marchal").selectOption("MODERATOR");
  await panel.getByRole("button", { name: "Save event details" }).click();
  await expect(panel.getByRole("status")).toHaveText("Event details saved.");
  await expect(editor).toHaveURL(/\/admin\/publications\/\d+$/);

  // The recording's audio: uploaded in the picker, which lists and accepts audio only.
  await panel.getByRole("button", { name: "Choose audio" }).click();
  const picker = editor.getByRole("dialog", { name: "Choose an audio file" });
  await expect(picker.getByRole("list", { name: "audio files" })).toContainText("event-audio-excerpt.wav");
  await expect(picker.getByRole("list", { name: "audio files" })).not.toContainText("report-summary.pdf");
  await picker.getByLabel("File", { exact: true }).setInputFiles({
    name: `dialogue-${Date.now().toString(36)}.wav`,
    mimeType: "audio/wav",
    buffer: wavSample(),
  });
  await picker.getByRole("button", { name: "Upload" }).click();
  await expect(picker).toBeHidden();
  await expect(panel.locator("[data-event-audio]")).toContainText(/^dialogue-.*\.wav$/);
  await panel.getByRole("button", { name: "Save event details" }).click();
  await expect(panel.getByRole("status")).toHaveText("Event details saved.");

  await editor.reload();
  const saved = editor.getByRole("region", { name: "Event details" });
  await expect(saved.getByLabel("Time zone", { exact: true })).toHaveValue("Europe/Brussels");
  await expect(saved.getByLabel("Starts", { exact: true })).toHaveValue("2031-06-02T10:00");
  await expect(saved.getByLabel("Capacity", { exact: true })).toHaveValue("40");
  await expect(saved.getByLabel("Role of Sophie Marchal")).toHaveValue("MODERATOR");
  await expect(saved.locator("[data-event-audio]")).toContainText(/^dialogue-.*\.wav$/);

  // A bad value is refused beside its field, and nothing saved is lost.
  await saved.getByLabel("Ends", { exact: true }).fill("2031-06-02T09:00");
  await saved.getByRole("button", { name: "Save event details" }).click();
  await expect(saved.getByText("End must be after the start")).toBeVisible();
  await editor.reload();
  await expect(editor.getByRole("region", { name: "Event details" }).getByLabel("Ends", { exact: true })).toHaveValue(
    "2031-06-02T12:30",
  );
});
