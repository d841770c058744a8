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
  zoneOffsetMinutes,
} from "./dates";
import { attachLocalTime } from "@/components/enhancements/local-time";

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

  it("knows how far an event's zone is ahead of UTC on its day, summer time included", () => {
    expect(zoneOffsetMinutes(new Date("2026-01-15T12:00:00Z"), "America/New_York")).toBe(-300);
    expect(zoneOffsetMinutes(new Date("2026-07-15T12:00:00Z"), "America/New_York")).toBe(-240);
    expect(zoneOffsetMinutes(new Date("2026-07-15T12:00:00Z"), "Asia/Kolkata")).toBe(330);
    expect(zoneOffsetMinutes(new Date("2026-07-15T12:00:00Z"), "UTC")).toBe(0);
  });
});

describe("an event's time in the reader's zone", () => {
  // The page's script reads the browser's zone; here the process's zone stands in for it.
  function readerIn(zone: string, run: () => void) {
    const before = process.env.TZ;
    process.env.TZ = zone;
    try {
      run();
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  }
  function localTimeOf(startsAt: string, endsAt: string, eventZone: string) {
    const element = {
      dataset: {
        startsAt,
        endsAt,
        startsOffset: String(zoneOffsetMinutes(new Date(startsAt), eventZone)),
        endsOffset: String(zoneOffsetMinutes(new Date(endsAt), eventZone)),
      },
      textContent: "",
      hidden: true,
    };
    attachLocalTime(element as unknown as HTMLElement);
    return element;
  }

  it("writes a Washington event's time for a reader in Seoul, the next morning there", () => {
    readerIn("Asia/Seoul", () => {
      const shown = localTimeOf("2026-12-10T19:00:00Z", "2026-12-10T20:30:00Z", "America/New_York");
      expect(shown.hidden).toBe(false);
      expect(shown.textContent).toBe("Your time: Fri, Dec 11, 4:00 AM – 5:30 AM GMT+9");
    });
  });

  it("names both days when the event crosses midnight for the reader, and half-hour zones", () => {
    readerIn("Asia/Kolkata", () => {
      const shown = localTimeOf("2026-12-10T18:00:00Z", "2026-12-10T19:00:00Z", "America/New_York");
      expect(shown.textContent).toBe("Your time: Thu, Dec 10, 11:30 PM – Fri, Dec 11, 12:30 AM GMT+5:30");
    });
  });

  it("stays hidden for a reader whose clock agrees with the event's zone", () => {
    readerIn("America/Toronto", () => {
      const shown = localTimeOf("2026-12-10T19:00:00Z", "2026-12-10T20:30:00Z", "America/New_York");
      expect(shown.hidden).toBe(true);
      expect(shown.textContent).toBe("");
    });
  });
});
