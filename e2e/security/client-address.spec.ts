import { expect, test } from "@playwright/test";
import { uniqueEmail } from "../support/staff";
import { rawRequest } from "../support/http";

/**
 * A client cannot choose its own address (issue: any client set X-Forwarded-For and got a
 * fresh per-IP budget with each request). The test server trusts only 127.0.0.1 as a
 * proxy (scripts/e2e-server.ts); this client connects from 127.0.0.77 and names a new
 * address in X-Forwarded-For and X-Real-IP on every signup: the per-address limit on
 * signups from one network still stops it.
 */
test("forged X-Forwarded-For and X-Real-IP do not escape the signup limit per client address", async () => {
  test.setTimeout(120_000);
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 60; attempt++) {
    const forged = `203.0.113.${attempt + 1}`;
    const response = await rawRequest({
      method: "POST",
      path: "/api/subscribe",
      localAddress: "127.0.0.77",
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": `${forged}, 198.51.100.${attempt + 1}`,
        "x-real-ip": forged,
      },
      body: JSON.stringify({ email: uniqueEmail(`forged-${attempt}`) }),
    });
    statuses.push(response.status);
    if (response.status === 429) break;
  }
  expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([]);
  expect(statuses).toContain(429);
  // Signups from other clients are not affected by this one's limit.
  const other = await rawRequest({
    method: "POST",
    path: "/api/subscribe",
    localAddress: "127.0.0.78",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: uniqueEmail("other-client") }),
  });
  expect(other.status).toBe(200);
});
