/**
 * Audio in the media library, without a database: each accepted format recognised from
 * its first bytes (never its name), near misses refused, and the byte-range rules the
 * /media route answers players with.
 */
import { describe, expect, it } from "vitest";
import {
  contentRange,
  ifRangeAllows,
  matchesIfNoneMatch,
  parseContentRange,
  parseRangeHeader,
  rangeHeaderValue,
  resolveRange,
} from "@/lib/http/byte-range";
import { claimedKind, detectFileType, withArticle } from "@/lib/media/detect";
import {
  m4aHead,
  mp3Frames,
  mp3WithId3,
  notAcceptedAudio,
  oggOpusHead,
  oggVorbisHead,
  wavSample,
} from "./support/audio-samples";

describe("detecting audio by its bytes", () => {
  it("recognises MP3 (tagged and untagged), M4A, Ogg Vorbis, Ogg Opus and WAV", () => {
    const samples: Array<[string, Buffer, string, string]> = [
      ["MP3 with ID3v2.4", mp3WithId3(), "audio/mpeg", "mp3"],
      ["MP3 frames", mp3Frames(), "audio/mpeg", "mp3"],
      ["M4A", m4aHead(), "audio/mp4", "m4a"],
      ["M4A named by a compatible brand", m4aHead("mp42", ["isom", "M4A "]), "audio/mp4", "m4a"],
      ["audiobook M4B", m4aHead("M4B ", ["M4B ", "isom"]), "audio/mp4", "m4a"],
      ["Ogg Vorbis", oggVorbisHead(), "audio/ogg", "ogg"],
      ["Ogg Opus", oggOpusHead(), "audio/ogg", "opus"],
      ["WAV", wavSample(), "audio/wav", "wav"],
    ];
    for (const [name, bytes, mimeType, extension] of samples) {
      expect(detectFileType(bytes), name).toMatchObject({ kind: "AUDIO", mimeType, extension });
    }
  });

  it("detects from the head alone, as the upload keeps it (4 KB)", () => {
    const long = Buffer.concat([mp3WithId3(), mp3Frames(40)]);
    expect(detectFileType(long.subarray(0, 4096))?.kind).toBe("AUDIO");
  });

  it("refuses files that begin like audio but are not an accepted format", () => {
    for (const [name, bytes] of Object.entries(notAcceptedAudio())) {
      expect(detectFileType(bytes), name).toBeNull();
    }
  });

  it("never takes the name or declared type as evidence", () => {
    expect(detectFileType(Buffer.from("not audio at all, though called song.mp3"))).toBeNull();
    expect(claimedKind("audio/mpeg", "talk.pdf")).toBe("AUDIO");
    expect(claimedKind("", "Talk.M4A")).toBe("AUDIO");
    expect(claimedKind("application/octet-stream", "panel.opus")).toBe("AUDIO");
    // A PDF claiming to be audio is caught by the upload (kind from bytes against kind claimed).
    expect(detectFileType(Buffer.from("%PDF-1.7\n"))?.kind).toBe("PDF");
  });

  it("names each type with the right article", () => {
    expect(withArticle("MP3 audio file")).toBe("an MP3 audio file");
    expect(withArticle("WAV audio file")).toBe("a WAV audio file");
    expect(withArticle("Ogg Opus audio file")).toBe("an Ogg Opus audio file");
    expect(withArticle("PDF")).toBe("a PDF");
  });
});

describe("byte ranges", () => {
  it("reads the three single-range forms", () => {
    expect(parseRangeHeader("bytes=0-99")).toEqual({ start: 0, end: 99 });
    expect(parseRangeHeader("bytes=100-")).toEqual({ start: 100, end: null });
    expect(parseRangeHeader("bytes=-500")).toEqual({ suffixLength: 500 });
    expect(parseRangeHeader("  Bytes = 7-7 ")).toEqual({ start: 7, end: 7 });
  });

  it("ignores what it will not serve as one range, so the whole file is sent", () => {
    for (const header of [
      null,
      "",
      "bytes=",
      "bytes=-",
      "bytes=5-2",
      "bytes=a-b",
      "bytes=1-2-3",
      "bytes=0x10-",
      "bytes=+1-2",
      "bytes=-0x1",
      "bytes=1.5-2",
      "items=0-10",
      "bytes 0-10",
      "bytes=0-1,2-3",
      "bytes=-1,0-0,999999999999-",
      `bytes=${"0-,".repeat(1000)}0-`,
      "bytes=0-1\u0000",
      `bytes=${"9".repeat(250)}-`,
    ]) {
      expect(parseRangeHeader(header), String(header)).toBeNull();
    }
  });

  it("resolves against the size: cut at the end, unsatisfiable past it", () => {
    const size = 1000;
    expect(resolveRange({ start: 0, end: 99 }, size)).toEqual({ start: 0, end: 99 });
    expect(resolveRange({ start: 900, end: 5000 }, size)).toEqual({ start: 900, end: 999 });
    expect(resolveRange({ start: 10, end: null }, size)).toEqual({ start: 10, end: 999 });
    expect(resolveRange({ suffixLength: 100 }, size)).toEqual({ start: 900, end: 999 });
    expect(resolveRange({ suffixLength: 5000 }, size)).toEqual({ start: 0, end: 999 });
    expect(resolveRange({ start: 1000, end: null }, size)).toBeNull();
    expect(resolveRange({ start: 1000, end: 2000 }, size)).toBeNull();
    expect(resolveRange({ suffixLength: 0 }, size)).toBeNull();
    expect(resolveRange({ start: 0, end: null }, 0)).toBeNull();
  });

  it("treats positions beyond any file as such, without overflowing", () => {
    const huge = parseRangeHeader("bytes=99999999999999999999999-");
    expect(huge).not.toBeNull();
    expect(resolveRange(huge!, 1000)).toBeNull();
    expect(resolveRange(parseRangeHeader("bytes=0-99999999999999999999999")!, 1000)).toEqual({ start: 0, end: 999 });
    expect(resolveRange(parseRangeHeader("bytes=-99999999999999999999999")!, 1000)).toEqual({ start: 0, end: 999 });
  });

  it("writes and reads Content-Range, and passes a range on unchanged", () => {
    expect(contentRange({ start: 0, end: 99 }, 1000)).toBe("bytes 0-99/1000");
    expect(parseContentRange("bytes 0-99/1000")).toEqual({ range: { start: 0, end: 99 }, size: 1000 });
    expect(parseContentRange("bytes */1000")).toEqual({ range: null, size: 1000 });
    expect(parseContentRange("bytes 5-2/1000")).toBeNull();
    expect(parseContentRange("bytes 0-1000/1000")).toBeNull();
    expect(parseContentRange("nonsense")).toBeNull();
    expect(rangeHeaderValue({ start: 5, end: null })).toBe("bytes=5-");
    expect(rangeHeaderValue({ suffixLength: 9 })).toBe("bytes=-9");
  });

  it("honours a range under If-Range only for this version", () => {
    const etag = '"abc"';
    const modified = new Date("2026-03-01T10:00:00Z");
    expect(ifRangeAllows(null, etag, modified)).toBe(true);
    expect(ifRangeAllows('"abc"', etag, modified)).toBe(true);
    expect(ifRangeAllows('"other"', etag, modified)).toBe(false);
    expect(ifRangeAllows('W/"abc"', etag, modified)).toBe(false);
    expect(ifRangeAllows(modified.toUTCString(), etag, modified)).toBe(true);
    expect(ifRangeAllows("Sun, 01 Mar 2026 10:00:01 GMT", etag, modified)).toBe(false);
    expect(ifRangeAllows("not a date", etag, modified)).toBe(false);
  });

  it("matches If-None-Match by tag, weak or strong, or *", () => {
    expect(matchesIfNoneMatch('"x", "abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('W/"abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch("*", '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('"abd"', '"abc"')).toBe(false);
    expect(matchesIfNoneMatch(null, '"abc"')).toBe(false);
  });
});
