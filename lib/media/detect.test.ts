import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { claimedKind, detectFileType, looksLikeSvg } from "./detect";

const image = sharp({ create: { width: 16, height: 16, channels: 3, background: "#3a86c8" } });

describe("detectFileType", () => {
  it("recognises each accepted format by its bytes", async () => {
    const samples = {
      "image/jpeg": await image.clone().jpeg().toBuffer(),
      "image/png": await image.clone().png().toBuffer(),
      "image/gif": await image.clone().gif().toBuffer(),
      "image/webp": await image.clone().webp().toBuffer(),
      "image/avif": await image.clone().avif().toBuffer(),
      "application/pdf": Buffer.from("%PDF-1.7\n%%EOF\n"),
    };
    for (const [mimeType, bytes] of Object.entries(samples))
      expect(detectFileType(bytes)?.mimeType, mimeType).toBe(mimeType);
  });

  it("recognises nothing else", async () => {
    for (const bytes of [
      Buffer.from("plain text"),
      Buffer.from(""),
      Buffer.from([0xff, 0xd8]),
      Buffer.from("RIFF\0\0\0\0WAVEfmt "),
      Buffer.from("\0\0\0\x18ftypheic\0\0\0\0mif1heic"),
      Buffer.from("<html>%PDF-1.4</html>"),
      await image.clone().tiff().toBuffer(),
    ]) {
      expect(detectFileType(bytes)).toBeNull();
    }
  });
});

describe("looksLikeSvg", () => {
  it("spots SVG with or without an XML declaration", () => {
    expect(looksLikeSvg(Buffer.from('\uFEFF  <svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe(true);
    expect(looksLikeSvg(Buffer.from('<?xml version="1.0"?>\n<svg/>'))).toBe(true);
    expect(looksLikeSvg(Buffer.from("<html></html>"))).toBe(false);
  });
});

describe("claimedKind", () => {
  it("reads the declared type first, then the extension", () => {
    expect(claimedKind("image/png", "report.pdf")).toBe("IMAGE");
    expect(claimedKind("", "report.PDF")).toBe("PDF");
    expect(claimedKind("application/octet-stream", "photo.jpeg")).toBe("IMAGE");
    expect(claimedKind("", "notes")).toBeNull();
  });
});
