/** The hostile-input suite's checks catch what they are meant to (they are not vacuous). */
import { describe, expect, it } from "vitest";
import { checkResponse } from "./hostile-input/checks";
import type { HostileRequest } from "./hostile-input/generate";
import { encodeValue, hostileValues, seededRandom } from "./hostile-input/payloads";

const ORIGIN = "http://127.0.0.1:3000";
const request: HostileRequest = {
  target: "test",
  label: "test",
  method: "GET",
  path: "/",
  headers: {},
  unsafe: ["<xhq1z", "\" onmouseover=\"alert('hq1z')"],
};
const html = (body: string, headers: Record<string, string> = {}) => ({
  status: 200,
  headers: { "content-type": "text/html; charset=utf-8", ...headers },
  body,
});

describe("the hostile-input checks", () => {
  it("pass an answer that escapes the payload", () => {
    const escaped = `<p>&lt;xhq1z&gt;</p><input value="&quot; onmouseover=&quot;alert(&#x27;hq1z&#x27;)"/>
      <script>self.__next_f.push([1,"\\u003cxhq1z \\" onmouseover=\\"alert('hq1z')"])</script>`;
    expect(checkResponse(request, html(escaped), ORIGIN)).toEqual([]);
  });

  it("catch an unescaped reflection in HTML, and only in markup", () => {
    expect(checkResponse(request, html("<p><xhq1z></p>"), ORIGIN)).toHaveLength(1);
    expect(checkResponse(request, html(`<a title="" onmouseover="alert('hq1z')">`), ORIGIN)).toHaveLength(1);
    const json = { status: 200, headers: { "content-type": "application/json" }, body: '{"q":"<xhq1z>"}' };
    expect(checkResponse(request, json, ORIGIN)).toEqual([]);
  });

  it.each([
    ["a 5xx", { status: 500, headers: {}, body: "Internal Server Error" }],
    ["a stack trace", html("Error\n    at handler (/work/app/lib/x.ts:10:5)")],
    ["SQL", html('invalid byte sequence for encoding "UTF8": 0x00')],
    ["Prisma", html("PrismaClientKnownRequestError: Invalid `prisma.user.findUnique()`")],
    ["a TypeError", html("TypeError: Cannot read properties of undefined")],
    ["a redirect off the site", { status: 303, headers: { location: "https://evil.example/" }, body: "" }],
    ["a protocol-relative redirect", { status: 302, headers: { location: "//evil.example/x" }, body: "" }],
  ])("catch %s", (_, response) => {
    expect(checkResponse({ ...request, unsafe: [] }, response, ORIGIN)).not.toEqual([]);
  });

  it("generate the same values from the same seed", () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 50 }, () => encodeValue(random.pick(hostileValues("hq1z"))));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });
});
