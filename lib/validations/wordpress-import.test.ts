import { describe, expect, it } from "vitest";
import { wordpressImportFormSchema } from "./wordpress-import";

describe("the WordPress import form's options", () => {
  it("reads ticked checkboxes as yes and absent ones as no", () => {
    expect(wordpressImportFormSchema.parse({ dryRun: "yes", fetchMedia: null, staffAccounts: "yes" })).toEqual({
      dryRun: true,
      fetchMedia: false,
      staffAccounts: true,
    });
  });

  it("refuses any other value with a message naming the option", () => {
    const result = wordpressImportFormSchema.safeParse({ dryRun: null, fetchMedia: "on'; DROP", staffAccounts: null });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/Fetch media from the old site/);
  });
});
