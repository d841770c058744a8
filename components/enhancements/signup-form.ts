/**
 * Sends a plain signup form (components/public/signup-post-form.tsx) in the background
 * and shows /api/subscribe's answer in place: the success message instead of the form,
 * or the error above it and each field's error under the field (aria-invalid, described
 * by the message), keeping what was typed.
 *
 * Self-contained on purpose (see search-combobox.ts). Returns a function that detaches it.
 */
export function attachSignupForm(form: HTMLFormElement): () => void {
  const container = form.parentElement;
  const success = container?.querySelector<HTMLElement>('[data-message="success"]');
  const error = form.querySelector<HTMLElement>('[data-message="error"]');
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (!success || !error || !button) return () => {};

  type Answer = { ok: boolean; message: string; fieldErrors?: Record<string, string> };

  function answerIn(body: unknown): Answer | null {
    const answer = body as Partial<Answer> | null;
    return typeof answer?.ok === "boolean" && typeof answer.message === "string" ? (answer as Answer) : null;
  }

  /** What a field's error describes: its input, or the fieldset around a group of checkboxes. */
  function describedElement(field: string): HTMLElement | null {
    const input = form.querySelector<HTMLInputElement>(`input[name="${field}"]`);
    return input?.type === "checkbox" ? input.closest("fieldset") : input;
  }

  function showFieldErrors(fieldErrors: Record<string, string>) {
    for (const slot of form.querySelectorAll<HTMLElement>("[data-error-for]")) {
      slot.hidden = true;
      slot.textContent = "";
      describedElement(slot.dataset.errorFor ?? "")?.removeAttribute("aria-invalid");
    }
    for (const [field, message] of Object.entries(fieldErrors)) {
      const slot = form.querySelector<HTMLElement>(`[data-error-for="${field}"]`);
      const element = describedElement(field);
      if (!slot || !element) continue;
      slot.textContent = message;
      slot.hidden = false;
      if (element.tagName === "INPUT") element.setAttribute("aria-invalid", "true");
      const describedBy = new Set((element.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean));
      describedBy.add(slot.id);
      element.setAttribute("aria-describedby", [...describedBy].join(" "));
    }
  }

  function showError(message: string, fieldErrors: Record<string, string> = {}) {
    error!.textContent = message;
    error!.hidden = false;
    showFieldErrors(fieldErrors);
  }

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    button!.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { accept: "application/json" },
      });
      const answer = answerIn(await response.json().catch(() => null));
      if (!answer) {
        showError("The signup could not be completed just now. Please try again in a moment.");
      } else if (answer.ok) {
        error!.hidden = true;
        showFieldErrors({});
        success!.textContent = answer.message;
        success!.hidden = false;
        form.hidden = true;
      } else {
        showError(answer.message, answer.fieldErrors);
      }
    } catch {
      showError("The signup could not be sent. Check your connection and try again.");
    } finally {
      button!.disabled = false;
    }
  }

  form.addEventListener("submit", onSubmit);
  return () => form.removeEventListener("submit", onSubmit);
}
