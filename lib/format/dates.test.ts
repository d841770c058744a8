import { describe, expect, it } from "vitest";
import { formatAdminDate, formatAdminDateTime, formatAdminMonth, formatIsoDate, formatLongDate } from "./dates";

// 23:05:09 UTC on March 4: already March 5 east of UTC, so a local-time formatter would show another day.
const moment = new Date("2024-03-04T23:05:09Z");
// Some ICU versions put a narrow no-break space before "PM".
const spaced = (text: string) => text.replace(/\s/g, " ");

describe("date formatting", () => {
  it("shows publication dates in full, in UTC", () => {
    expect(formatLongDate(moment)).toBe("March 4, 2024");
  });

  it("shows staff pages' days and moments in UTC", () => {
    expect(formatAdminDate(moment)).toBe("Mar 4, 2024");
    expect(spaced(formatAdminDateTime(moment))).toBe("Mar 4, 2024, 11:05 PM");
    expect(spaced(formatAdminDateTime(moment, { seconds: true }))).toBe("Mar 4, 2024, 11:05:09 PM");
    expect(formatAdminMonth(moment)).toBe("Mar 2024");
  });

  it("gives the UTC day for file names", () => {
    expect(formatIsoDate(moment)).toBe("2024-03-04");
  });
});
