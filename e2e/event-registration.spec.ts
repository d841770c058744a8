import type { ParsedMail } from "mailparser";
import type { Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/axe";
import { emailTo, expect, test } from "./support/staff";

// The demo seminar with two seats and nobody registered (scripts/demo/demo-events.ts).
const SEMINAR = "Reading the Party Plenum: A Small Seminar";

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

/** The newest email to `address` whose subject starts with `subject`, once the job has sent it. */
async function emailAbout(address: string, subject: string, after: Date): Promise<ParsedMail> {
  for (;;) {
    const mail = await emailTo(address, { after });
    if (mail.subject?.startsWith(subject)) return mail;
    // An earlier email of the same second; the one wanted is still on its way.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A link of this site in an email, as a path on the test server. */
function linkIn(mail: ParsedMail, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path}\\?token=[A-Za-z0-9._-]+`).exec(mail.text ?? "");
  expect(match, `the email carries a ${path} link`).not.toBeNull();
  const url = new URL(match![0]);
  return `${url.pathname}${url.search}`;
}

const calendarOf = (mail: ParsedMail) =>
  mail.attachments.find((attachment) => attachment.contentType === "text/calendar")?.content.toString() ?? "";

/** Fills in the event page's registration form and presses Register (a plain POST: the page has no scripts). */
async function registerOnEventPage(page: Page, person: { name: string; email: string }) {
  const form = page.locator("form[data-event-registration-form]");
  await form.getByLabel("Name", { exact: true }).fill(person.name);
  await form.getByLabel("Email", { exact: true }).fill(person.email);
  await form.getByRole("textbox", { name: /^Affiliation/ }).fill("Policy Reader Society");
  await form.getByRole("checkbox", { name: /I agree that the institute may store/ }).check();
  await expect(form.getByRole("checkbox", { name: "Also sign me up to the mailing list" })).not.toBeChecked();
  await form.getByRole("button", { name: "Register" }).click();
}

/** Opens the confirmation link of the newest "Confirm your registration" email and presses Confirm. */
async function confirmByEmail(page: Page, email: string, since: Date) {
  const request = await emailAbout(email, "Confirm your registration", since);
  const pressed = new Date();
  await page.goto(linkIn(request, "/events/registration/confirm"));
  await page.getByRole("button", { name: "Confirm" }).click();
  return pressed;
}

test("a reader finds an upcoming event from the home page, registers, confirms, cancels, and the first on the waitlist is promoted and told", async ({
  page,
  staffPage,
}) => {
  test.setTimeout(120_000);
  const ada = { name: "Ada Lovelace", email: `e2e-ada-${unique()}@example.org` };
  const ben = { name: "Ben Franklin", email: `e2e-ben-${unique()}@example.org` };
  const cleo = { name: "Cleo Waites", email: `e2e-cleo-${unique()}@example.org` };

  // From the home page, through the header's Events link, to the seminar.
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Events" }).click();
  await expect(page).toHaveURL(/\/events$/);
  await page.getByRole("region", { name: "Upcoming events" }).getByRole("link", { name: SEMINAR }).click();
  await expect(page.getByRole("heading", { level: 1, name: SEMINAR })).toBeVisible();
  const seminarPath = new URL(page.url()).pathname;

  // Ada registers: the page asks her to check her email, whoever she is.
  let since = new Date();
  await registerOnEventPage(page, ada);
  await expect(page).toHaveURL(/\/events\/registration\?outcome=check-email&event=/);
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  // She confirms from the email: a seat, and the confirmation carries the calendar file and a cancel link.
  since = await confirmByEmail(page, ada.email, since);
  await expect(page.getByRole("heading", { level: 1, name: "You are registered" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  const confirmed = await emailAbout(ada.email, "You are registered", since);
  expect(calendarOf(confirmed)).toContain("BEGIN:VEVENT");
  expect(calendarOf(confirmed)).toContain(`SUMMARY:${SEMINAR}`);
  const adaCancelLink = linkIn(confirmed, "/events/registration/manage");

  // Ben takes the second and last seat.
  await page.goto(seminarPath);
  since = new Date();
  await registerOnEventPage(page, ben);
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await confirmByEmail(page, ben.email, since);
  await expect(page.getByRole("heading", { level: 1, name: "You are registered" })).toBeVisible();

  // Cleo comes too late for a seat: the waitlist.
  await page.goto(seminarPath);
  since = new Date();
  await registerOnEventPage(page, cleo);
  await expect(page.getByRole("heading", { level: 1, name: "Check your email: this event is full" })).toBeVisible();
  since = await confirmByEmail(page, cleo.email, since);
  await expect(page.getByRole("heading", { level: 1, name: "You are on the waitlist" })).toBeVisible();
  await emailAbout(cleo.email, "You are on the waitlist", since);

  // Ada cannot come after all: her seat goes to Cleo, who is told by email.
  since = new Date();
  await page.goto(adaCancelLink);
  await expect(page.getByText("You are registered.")).toBeVisible();
  await page.getByRole("button", { name: "Cancel registration" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your registration is cancelled" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  const promoted = await emailAbout(cleo.email, "A seat opened up for you", since);
  expect(calendarOf(promoted)).toContain("BEGIN:VEVENT");

  // Staff see it on the event's registrations page, and check Cleo in at the door.
  const editor = await staffPage("EDITOR");
  await editor.goto("/admin/events");
  await editor.getByRole("link", { name: SEMINAR }).click();
  await expect(editor.getByRole("heading", { level: 1, name: SEMINAR })).toBeVisible();
  const counts = editor.getByRole("list", { name: "Registrations per status" });
  await expect(counts).toContainText("Confirmed: 2 of 2 seats");
  await expect(counts).toContainText("Cancelled: 1");
  await expect(editor.getByRole("link", { name: "Download registrations (CSV)" })).toBeVisible();
  await expectNoAccessibilityViolations(editor);
  await editor.getByLabel("Search by name or email").fill("Cleo");
  await editor.getByRole("button", { name: "Search" }).click();
  await editor.getByRole("button", { name: "Check in Cleo Waites" }).click();
  await expect(editor.getByRole("status")).toHaveText("Cleo Waites is checked in.");
  await expect(editor.getByRole("button", { name: "Undo check-in of Cleo Waites" })).toBeVisible();
  await expectNoAccessibilityViolations(editor);
});
