import { describe, expect, it } from "vitest";
import { cleanPastedHtml } from "./paste";

describe("cleanPastedHtml", () => {
  it("strips Word's markup and keeps the structure", () => {
    const word = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"><style>p.MsoNormal{mso-style-parent:"";}</style></head>
<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->
<p class="MsoNormal" style="mso-margin-top-alt:auto"><span style="font-size:12.0pt;mso-bidi-font-family:Arial">Sanctions <b>tightened</b></span><o:p></o:p></p>
<h2 class="MsoHeading2"><span lang="EN-US">Background</span></h2><img src="file:///C:/clip_image001.png">`;
    const cleaned = cleanPastedHtml(word);
    expect(cleaned).not.toMatch(/mso-|class=|style=|<span|<o:p|<xml|<style|<img|<meta/i);
    expect(cleaned).toContain("<p>Sanctions <b>tightened</b></p>");
    expect(cleaned).toContain("<h2>Background</h2>");
  });

  it("unwraps Google Docs' bold wrapper", () => {
    const docs = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1234"><p dir="ltr" style="line-height:1.38"><span style="font-weight:700">Bold</span><span> text</span></p></b>`;
    expect(cleanPastedHtml(docs)).toBe("<p>Bold text</p>");
  });
});
