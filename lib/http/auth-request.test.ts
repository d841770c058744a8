import { describe, expect, it } from "vitest";
import { malformedAuthRequest } from "./auth-request";

const URL_BASE = "http://localhost:3000/api/auth/callback/credentials";

const post = (body: string, contentType: string, url = URL_BASE) =>
  new Request(url, { method: "POST", body, headers: { "content-type": contentType } });

/**
 * What next-auth's handler answered with a 500 (seen against `npm start`): JSON.parse on
 * a malformed body, and a callbackUrl that is neither a path nor an absolute URL ("%",
 * "😀", an array): from the query or the callback cookie, its configuration check throws;
 * from the body, its default redirect step did (refused all the same).
 */
describe("requests next-auth cannot take", () => {
  it.each([
    ["{", "application/json"],
    ['{"email": undefined}', "application/json"],
    ["[1,2]", "application/json"],
    ["null", "application/json"],
    ['"text"', "application/json"],
    ['{"callbackUrl": ["/admin"]}', "application/json"],
    ['{"callbackUrl": 5}', "application/json"],
    ['{"callbackUrl": "%"}', "application/json; charset=utf-8"],
    ["callbackUrl=%25&email=a", "application/x-www-form-urlencoded"],
    ["callbackUrl=%F0%9F%98%80", "application/x-www-form-urlencoded"],
  ])("refuses %s (%s) with 400", async (body, contentType) => {
    const response = await malformedAuthRequest(post(body, contentType));
    expect(response?.status).toBe(400);
  });

  it("refuses a body past 64 KB", async () => {
    const response = await malformedAuthRequest(post(`{"email":"${"x".repeat(70_000)}"}`, "application/json"));
    expect(response?.status).toBe(400);
  });

  it.each(["%", "%zz", "x", "\u{1F600}", "javascript"])("refuses callbackUrl=%s in the query", async (value) => {
    const url = `http://localhost:3000/api/auth/signin?callbackUrl=${encodeURIComponent(value)}`;
    expect((await malformedAuthRequest(new Request(url)))?.status).toBe(400);
  });

  it("refuses, and clears, a callback cookie that is not an address", async () => {
    const request = new Request("http://localhost:3000/api/auth/session", {
      headers: { cookie: "a=1; next-auth.callback-url=%25; b=2" },
    });
    const response = await malformedAuthRequest(request);
    expect(response?.status).toBe(400);
    expect(response?.headers.get("set-cookie")).toMatch(/^next-auth\.callback-url=; Path=\/; Max-Age=0/);
  });

  it.each([
    ["", "application/json"],
    ['{"email":"a@b.org","password":"x","callbackUrl":"/admin"}', "application/json"],
    ['{"callbackUrl":"https://evil.example/"}', "application/json"], // an address: next-auth keeps it on the site
    ["email=a%40b.org&password=x&csrfToken=t&callbackUrl=%2Fadmin%3Fq%3D1", "application/x-www-form-urlencoded"],
    ["anything", "text/plain"],
  ])("lets %s (%s) through", async (body, contentType) => {
    const request = body === "" ? new Request(URL_BASE, { method: "POST" }) : post(body, contentType);
    expect(await malformedAuthRequest(request)).toBeNull();
  });

  it("leaves the body for next-auth to read", async () => {
    const request = post('{"email":"a@b.org"}', "application/json");
    expect(await malformedAuthRequest(request)).toBeNull();
    expect(await request.json()).toEqual({ email: "a@b.org" });
  });

  it("lets good cookies and callbackUrls through", async () => {
    const request = new Request("http://localhost:3000/api/auth/signin?callbackUrl=%2Fadmin", {
      headers: { cookie: "__Secure-next-auth.callback-url=http%3A%2F%2Flocalhost%3A3000%2Fadmin" },
    });
    expect(await malformedAuthRequest(request)).toBeNull();
  });
});
