/**
 * The structure ARCHITECTURE.md describes, held by tests: the lint rule that keeps
 * dependencies pointing one way does fail on a wrong-way import, and the one copy of the
 * archive's filter names that Next.js forces on proxy.ts matches the list.
 */
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { config as proxyConfig } from "@/proxy";
import { FILTER_KEYS } from "@/lib/validations/archive-filters.mjs";
import { EVENTS_FILTER_KEYS } from "@/lib/validations/events-listing";
import { EXPERT_FILTER_KEYS } from "@/lib/validations/experts";

const root = path.resolve(import.meta.dirname, "..");

async function lintAs(file: string, code: string) {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((message) => message.ruleId === "import/no-restricted-paths");
}

describe("dependencies point one way (npm run lint)", () => {
  it("fails on a wrong-way import, naming the rule", async () => {
    const cases = [
      // data reaching up into a domain module
      [
        "lib/data/example.ts",
        'import { savePublication } from "@/lib/publications/save";\nexport { savePublication };\n',
      ],
      // a domain module reaching into the server actions above it
      [
        "lib/users/example.ts",
        'import { inviteUserAction } from "@/lib/actions/users/manage-user";\nexport { inviteUserAction };\n',
      ],
      // validations reaching into a domain module
      ["lib/validations/example.ts", 'import { mailer } from "@/lib/mail/mailer";\nexport { mailer };\n'],
      // a lower domain module reaching a higher one (auth is below subscribers)
      ["lib/auth/example.ts", 'import { signUp } from "@/lib/subscribers/signup";\nexport { signUp };\n'],
      // the app reaching into scripts
      ["lib/content/example.ts", 'import { createRandom } from "@/scripts/demo/random";\nexport { createRandom };\n'],
    ] as const;
    for (const [file, code] of cases) {
      const messages = await lintAs(file, code);
      expect(messages, file).toHaveLength(1);
      expect(messages[0]!.severity, file).toBe(2);
    }
  });

  it("accepts imports that point down", async () => {
    const cases = [
      [
        "lib/publications/example.ts",
        'import { publicWhere } from "@/lib/data/visibility";\nexport { publicWhere };\n',
      ],
      [
        "lib/actions/example.ts",
        'import { savePublication } from "@/lib/publications/save";\nexport { savePublication };\n',
      ],
      ["lib/subscribers/example.ts", 'import { mailer } from "@/lib/mail/mailer";\nexport { mailer };\n'],
    ] as const;
    for (const [file, code] of cases) expect(await lintAs(file, code), file).toEqual([]);
  });
});

describe("the archive's filter names", () => {
  it("are the ones proxy.ts matches (its matcher must be a literal)", () => {
    const keysOf = (source: string) =>
      proxyConfig.matcher.filter((entry) => entry.source === source).map((entry) => entry.has[0]!.key);
    // And the page numbers next.config.js does not rewrite (page=1, page=abc).
    expect(keysOf("/publications")).toEqual([...FILTER_KEYS, "page"]);
  });

  it("with /events's and /experts's, are all proxy.ts matches", () => {
    const keysOf = (source: string) =>
      proxyConfig.matcher.filter((entry) => entry.source === source).map((entry) => entry.has[0]!.key);
    expect(keysOf("/events")).toEqual([...EVENTS_FILTER_KEYS]);
    // The experts directory's filters and its name search, which proxy.ts leaves to /experts.
    expect(keysOf("/experts")).toEqual([...EXPERT_FILTER_KEYS, "q"]);
    expect(proxyConfig.matcher.length).toBe(
      FILTER_KEYS.length + 1 + EVENTS_FILTER_KEYS.length + EXPERT_FILTER_KEYS.length + 1,
    );
  });
});
