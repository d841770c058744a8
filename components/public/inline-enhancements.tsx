import { attachCopyButton } from "@/components/enhancements/copy-button";
import { attachSearchCombobox } from "@/components/enhancements/search-combobox";
import { attachSignupForm } from "@/components/enhancements/signup-form";
import { allowInlineScript } from "@/lib/http/inline-scripts.mjs";

/**
 * The behaviours React pages attach in effects (search suggestions, copy buttons, the
 * signup answered in place), for pages served without React in the browser (pages/).
 * Each function is self-contained, so its compiled source runs on its own: one small
 * inline script instead of a framework runtime. Registered, so the Content-Security-Policy
 * allows exactly this script by its hash (lib/http/content-security-policy.mjs).
 */
const SCRIPT = allowInlineScript(
  `(() => {
const attachSearchCombobox = ${attachSearchCombobox.toString()};
const attachCopyButton = ${attachCopyButton.toString()};
const attachSignupForm = ${attachSignupForm.toString()};
for (const form of document.querySelectorAll("form[data-search-combobox]")) attachSearchCombobox(form);
for (const button of document.querySelectorAll("button[data-copy-text]")) attachCopyButton(button);
for (const form of document.querySelectorAll("form[data-signup-form]")) attachSignupForm(form);
})();`.replace(/<\/script/gi, "<\\/script"),
);

/** Render last in the body, after the elements it enhances. */
export function InlineEnhancements() {
  return <script dangerouslySetInnerHTML={{ __html: SCRIPT }} />;
}
