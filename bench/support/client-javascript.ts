import { gzipSync } from "node:zlib";

/**
 * The JavaScript a current browser runs for a page: script files (those marked noModule,
 * polyfills, are for old browsers only) and inline scripts, gzipped. JSON-LD and other
 * data blocks are not JavaScript.
 */
export async function clientJavaScriptGzipped(base: string, html: string): Promise<number> {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map(
    ([, attributes = "", body = ""]) => ({ attributes, body }),
  );
  const executable = scripts.filter(
    ({ attributes }) =>
      !/\snomodule\b/i.test(attributes) && !/\stype="(?!module|text\/javascript)[^"]*"/i.test(attributes),
  );
  const sources = [
    ...new Set(
      executable
        .map(({ attributes }) => attributes.match(/\ssrc="([^"]+)"/)?.[1])
        .filter((source): source is string => Boolean(source)),
    ),
  ];
  let total = gzipSync(
    executable
      .filter(({ attributes }) => !/\ssrc=/.test(attributes))
      .map(({ body }) => body)
      .join("\n"),
  ).length;
  for (const source of sources)
    total += gzipSync(Buffer.from(await (await fetch(new URL(source, base))).arrayBuffer())).length;
  return total;
}
