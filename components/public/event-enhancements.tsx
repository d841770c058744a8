import { attachLocalTime } from "@/components/enhancements/local-time";
import { allowInlineScript } from "@/lib/http/inline-scripts.mjs";

/**
 * The event page's own behaviour, beside InlineEnhancements: the reader's local time.
 * One small inline script, allowed by its hash (lib/http/inline-scripts.mjs).
 */
const SCRIPT = allowInlineScript(
  `(() => {
const attachLocalTime = ${attachLocalTime.toString()};
for (const element of document.querySelectorAll("[data-local-time]")) attachLocalTime(element);
})();`.replace(/<\/script/gi, "<\\/script"),
);

/** Render last in the body, after the elements it enhances. */
export function EventEnhancements() {
  return <script dangerouslySetInnerHTML={{ __html: SCRIPT }} />;
}
