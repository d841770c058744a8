import { describe, expect, it } from "vitest";
import {
  formatAdminDate,
  formatAdminDateTime,
  formatAdminMonth,
  formatIsoDate,
  formatLongDate,
  isTimeZone,
  setSiteTimeZone,
  siteTimeZone,
} from "./dates";

// 23:05:09 UTC on March 4: already March 5 east of UTC, so a local-time formatter would show another day.
const moment = new Date("2024-03-04T23:05:09Z");
// Some ICU versions put a narrow no-break space before "PM".
const spaced = (text: string) => text.replace(/\s/g, " ");

describe("date formatting", () => {
  it("shows publication dates in full, in UTC by default", () => {
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

  it("shows dates in the site's time zone once one is set: an evening Washington release keeps its day", () => {
    // 8 pm in Washington on December 1 is 01:00 UTC on December 2.
    const eveningRelease = new Date("2023-12-02T01:00:00Z");
    expect(formatLongDate(eveningRelease)).toBe("December 2, 2023");
    try {
      setSiteTimeZone("America/New_York");
      expect(siteTimeZone()).toBe("America/New_York");
      expect(formatLongDate(eveningRelease)).toBe("December 1, 2023");
      expect(spaced(formatAdminDateTime(eveningRelease))).toBe("Dec 1, 2023, 8:00 PM");
      expect(formatIsoDate(eveningRelease)).toBe("2023-12-02");
      setSiteTimeZone("Not/A_Zone");
      expect(siteTimeZone()).toBe("America/New_York");
    } finally {
      setSiteTimeZone("UTC");
    }
    expect(isTimeZone("Asia/Seoul")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});
