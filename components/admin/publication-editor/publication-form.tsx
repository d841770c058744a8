"use client";

import type { JSONContent } from "@tiptap/react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { MediaPicker } from "@/components/admin/media-picker";
import { editorHeartbeatAction, previewLinkAction } from "@/lib/actions/publications/editor-session";
import { savePublicationAction } from "@/lib/actions/publications/save-publication";
import { transitionPublicationAction } from "@/lib/actions/publications/transition-publication";
import { can } from "@/lib/auth/permissions";
import type { EventEditorState } from "@/lib/events/editor-state";
import { EVENT_TYPE_SLUG } from "@/lib/format/paths";
import { slugify } from "@/lib/format/slug";
import type { PublicationStatus, Role } from "@/lib/generated/prisma/client";
import type { MediaItem } from "@/lib/media/types";
import type { EditorOptions } from "@/lib/publications/editor-state";
import { PRESENCE_HEARTBEAT_MS } from "@/lib/publications/presence";
import type { Saved } from "@/lib/publications/save";
import { availableActions, STATUS_LABELS } from "@/lib/publications/workflow-rules";
import type { Refusal, Result } from "@/lib/result";
import type { PublicationFields, WorkflowAction } from "@/lib/validations/publication";
import { FieldError, labelClass, TextField } from "@/components/ui/text-field";
import { EventDetailsForm } from "./event-details-form";
import { RevisionsPanel } from "./revisions-panel";
import { RichTextEditor } from "./rich-text-editor";

/** Saves this long after the last keystroke. */
export const AUTOSAVE_DELAY_MS = 2000;
/** Browsers cap the bodies of requests that outlive the page (fetch keepalive) at 64 KiB. */
const KEEPALIVE_MAX_BYTES = 60_000;

type Credit = { id: number; name: string } | { name: string };
type FormFields = Omit<PublicationFields, "authors" | "bodyJson"> & { authors: Credit[]; bodyJson: JSONContent };
type SaveStatus = "saved" | "saving" | "unsaved" | "conflict" | "error";
type Conflict = { message: string; currentVersion: number };

export type PublicationFormProps = {
  user: { id: number; role: Role };
  publication: {
    id: number;
    status: PublicationStatus;
    version: number;
    createdById: number | null;
    authorUserIds: number[];
    previewUrl: string;
    featuredImage: { url: string; alt: string } | null;
    pdf: { filename: string } | null;
  } | null;
  fields: FormFields;
  options: EditorOptions;
  /** The event's particulars, edited in their own panel while the type is Event. */
  event: EventEditorState;
};

const noSubscription = () => () => {};
/** True once running in the browser: local times and time zones are only known there. */
function useInBrowser() {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

function timeZoneLabel(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offset = -new Date().getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "−";
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0");
  const minutes = String(Math.abs(offset) % 60).padStart(2, "0");
  return `${zone}, UTC${sign}${hours}:${minutes}`;
}

function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * What a save sends. The body goes through JSON: ProseMirror's attribute objects are not
 * plain objects, and React would pass them to the server action as references, not data.
 */
function requestFields(fields: FormFields): PublicationFields {
  return {
    ...fields,
    bodyJson: JSON.parse(JSON.stringify(fields.bodyJson)),
    authors: fields.authors.map((credit) => ("id" in credit ? { id: credit.id } : { name: credit.name })),
  };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="mt-6 rounded border border-rule p-4">
      <legend className="px-1 font-semibold">{title}</legend>
      {children}
    </fieldset>
  );
}

export function PublicationForm({ user, publication, fields: initialFields, options, event }: PublicationFormProps) {
  const router = useRouter();
  const inBrowser = useInBrowser();
  const [fields, setFields] = useState<FormFields>(initialFields);
  const [id, setId] = useState<number | null>(publication?.id ?? null);
  const [status, setStatus] = useState<PublicationStatus>(publication?.status ?? "DRAFT");
  const [version, setVersion] = useState(publication?.version ?? 0);
  const [saveStatus, setSaveStatus] = useState<SaveStatus>("saved");
  const [message, setMessage] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Refusal["fieldErrors"] & {}>({});
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [others, setOthers] = useState<string[]>([]);
  const [previewUrl, setPreviewUrl] = useState(publication?.previewUrl ?? "");
  const [featuredImage, setFeaturedImage] = useState(publication?.featuredImage ?? null);
  const [pdf, setPdf] = useState(publication?.pdf ?? null);
  const [picker, setPicker] = useState<"featured" | "pdf" | null>(null);
  const [showRevisions, setShowRevisions] = useState(false);
  const [slugEdited, setSlugEdited] = useState(publication !== null);
  const [addAuthorId, setAddAuthorId] = useState("");
  const [newAuthorName, setNewAuthorName] = useState("");
  const [changes, setChanges] = useState(0);

  // The latest values for callbacks that outlive a render (timers, page-hide handlers).
  const latest = useRef({ fields, id, version, changes, saved: 0, sent: 0, saving: false, conflict: false });
  useLayoutEffect(() => {
    Object.assign(latest.current, { fields, id, version, changes, conflict: conflict !== null });
  });

  const update = useCallback((patch: Partial<FormFields>) => {
    setFields((current) => ({ ...current, ...patch }));
    setChanges((count) => count + 1);
    setSaveStatus((current) => (current === "conflict" ? current : "unsaved"));
  }, []);

  const applySaveResult = useCallback((result: Result<Saved>, savedChanges: number) => {
    if (result.ok) {
      latest.current.saved = savedChanges;
      latest.current.version = result.version;
      setVersion(result.version);
      setFieldErrors({});
      setMessage("");
      setConflict(null);
      setFields((current) => (current.slug === result.slug ? current : { ...current, slug: result.slug }));
      if (latest.current.id === null) {
        latest.current.id = result.id;
        setId(result.id);
        window.history.replaceState(null, "", `/admin/publications/${result.id}`);
        void previewLinkAction(result.id).then((answer) => answer.ok && setPreviewUrl(answer.url));
      }
      setSaveStatus(latest.current.changes === savedChanges ? "saved" : "unsaved");
      return true;
    }
    latest.current.sent = latest.current.saved; // what failed must be sent again
    if (result.status === 409 && result.conflict) {
      setConflict({ message: result.message, currentVersion: result.conflict.currentVersion });
      setSaveStatus("conflict");
    } else {
      setSaveStatus("error");
      setMessage(result.status === 401 ? `${result.message} Your changes are kept in this tab.` : result.message);
      setFieldErrors(result.fieldErrors ?? {});
    }
    return false;
  }, []);

  const save = useCallback(
    async (overwriteVersion?: number): Promise<boolean> => {
      const state = latest.current;
      if (state.saving) return false;
      if (!state.fields.title.trim()) {
        setSaveStatus("error");
        setMessage("Give the publication a title to save it.");
        setFieldErrors({ title: "Title is required" });
        return false;
      }
      state.saving = true;
      const savedChanges = state.changes;
      state.sent = savedChanges;
      setSaveStatus("saving");
      try {
        const result = await savePublicationAction({
          id: state.id,
          expectedVersion: overwriteVersion ?? state.version,
          fields: requestFields(state.fields),
        });
        return applySaveResult(result, savedChanges);
      } catch {
        setSaveStatus("error");
        setMessage("Could not reach the server. Your changes are kept here; saving again shortly.");
        return false;
      } finally {
        latest.current.saving = false;
      }
    },
    [applySaveResult],
  );

  // Autosave a moment after typing stops; never over a conflict.
  useEffect(() => {
    if (changes === 0 || changes === latest.current.saved || conflict) return;
    const timer = window.setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [changes, conflict, save, saveStatus]);

  // Leaving or hiding the page: send what is unsaved with a request that outlives the page.
  useEffect(() => {
    /** `leaving`: the page is going away, so a save still in flight cannot be waited for. */
    function flush(leaving: boolean) {
      const state = latest.current;
      if (
        state.id === null ||
        state.conflict ||
        state.changes === state.saved ||
        state.changes === state.sent ||
        !state.fields.title.trim()
      )
        return;
      if (state.saving && !leaving) return; // the page stays: the next autosave follows the one in flight
      const body = JSON.stringify({
        expectedVersion: state.version,
        afterOwnPendingSave: state.saving,
        fields: requestFields(state.fields),
      });
      if (new Blob([body]).size > KEEPALIVE_MAX_BYTES) return; // browsers refuse larger keepalive bodies; beforeunload warns instead
      state.saving = true;
      const savedChanges = state.changes;
      state.sent = savedChanges;
      fetch(`/api/admin/publications/${state.id}/autosave`, {
        method: "POST",
        keepalive: true,
        headers: { "content-type": "application/json" },
        body,
      })
        .then(async (response) => {
          // The route answers a Result as JSON, its status beside it (lib/http/respond.ts).
          const answer = await response.json();
          applySaveResult(response.ok ? answer : { ...answer, status: response.status }, savedChanges);
        })
        .catch(() => setSaveStatus("unsaved"))
        .finally(() => {
          latest.current.saving = false;
        });
    }
    const onVisibility = () => document.visibilityState === "hidden" && flush(false);
    const onPageHide = () => flush(true);
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      const state = latest.current;
      if (state.changes === state.saved) return;
      const tooLargeToSendOnLeaving = new Blob([JSON.stringify(state.fields)]).size > KEEPALIVE_MAX_BYTES;
      if (state.id === null || state.conflict || tooLargeToSendOnLeaving) event.preventDefault();
    };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", onPageHide);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [applySaveResult]);

  // Presence: a heartbeat while open; others' names shown.
  useEffect(() => {
    if (id === null) return;
    let active = true;
    const beat = () =>
      editorHeartbeatAction(id)
        .then((answer) => active && answer.ok && setOthers(answer.others))
        .catch(() => {});
    void beat();
    const timer = window.setInterval(beat, PRESENCE_HEARTBEAT_MS);
    return () => {
      active = false;
      window.clearInterval(timer);
    };
  }, [id]);

  const subject = {
    status,
    createdById: publication?.createdById ?? user.id,
    authorUserIds: publication?.authorUserIds ?? [],
    deletedAt: null,
  };
  const actions = new Set<WorkflowAction>(availableActions(user, subject));
  const canPublish = can(user.role, "content.publish");

  async function runAction(action: WorkflowAction) {
    if (latest.current.changes !== latest.current.saved || latest.current.id === null) {
      if (!(await save())) return;
    }
    const publicationId = latest.current.id;
    if (publicationId === null) return;
    if (action === "trash" && !window.confirm("Move this publication to the trash? It can be restored for 30 days."))
      return;
    setMessage("");
    const result = await transitionPublicationAction({ id: publicationId, action, publishAt: fields.publishAt });
    if (!result.ok) {
      setSaveStatus("error");
      setMessage(result.message);
      setFieldErrors(result.fieldErrors ?? {});
      return;
    }
    if (action === "trash") {
      router.push("/admin/publications");
      return;
    }
    setStatus(result.status);
    setMessage(`${STATUS_LABELS[result.status]}.`);
  }

  function overwrite() {
    if (conflict) void save(conflict.currentVersion);
  }

  function reloadDiscarding() {
    latest.current.saved = latest.current.changes;
    window.location.reload();
  }

  function moveAuthor(index: number, by: -1 | 1) {
    const authors = [...fields.authors];
    const [moved] = authors.splice(index, 1);
    if (!moved) return;
    authors.splice(index + by, 0, moved);
    update({ authors });
  }

  const creditName = (credit: Credit) => credit.name;
  const statusText: Record<SaveStatus, string> = {
    saved: "Saved",
    saving: "Saving…",
    unsaved: "Unsaved changes",
    conflict: "Conflict",
    error: "Not saved",
  };

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div>
        <TextField
          id="publication-title"
          label="Title"
          value={fields.title}
          maxLength={300}
          required
          error={fieldErrors.title}
          onChange={(event) =>
            update({ title: event.target.value, ...(slugEdited ? {} : { slug: slugify(event.target.value) }) })
          }
          controlClassName="w-full font-serif text-2xl font-bold"
        />
        <TextField
          as="textarea"
          id="publication-summary"
          label="Summary"
          className="mt-4"
          value={fields.summary}
          maxLength={2000}
          rows={3}
          error={fieldErrors.summary}
          onChange={(event) => update({ summary: event.target.value })}
        />

        <p id="publication-body-label" className={`${labelClass} mt-4 mb-1`}>
          Body
        </p>
        <RichTextEditor
          initialContent={initialFields.bodyJson}
          labelledBy="publication-body-label"
          onChange={(bodyJson) => update({ bodyJson })}
        />
        <FieldError id="bodyJson-error" message={fieldErrors.bodyJson} />

        {options.types.find((type) => type.id === fields.typeId)?.slug === EVENT_TYPE_SLUG ? (
          <EventDetailsForm
            initial={event}
            authors={options.authors}
            saveParent={async () => {
              const saved = latest.current.id !== null && latest.current.changes === latest.current.saved;
              return saved || (await save()) ? latest.current.id : null;
            }}
          />
        ) : null}

        {showRevisions && id !== null ? (
          <RevisionsPanel
            publicationId={id}
            version={version}
            beforeRestore={() =>
              latest.current.changes === latest.current.saved ||
              window.confirm("Restoring replaces your unsaved changes. Continue?")
            }
            onRestored={(result) => {
              if (result.ok) reloadDiscarding();
              else if (result.status === 409 && result.conflict)
                setConflict({ message: result.message, currentVersion: result.conflict.currentVersion });
            }}
          />
        ) : null}
      </div>

      <aside aria-label="Publishing" className="space-y-2">
        <p className="text-sm">
          Status: <strong>{STATUS_LABELS[status]}</strong>
          {id !== null ? <span className="text-muted"> · version {version}</span> : null}
        </p>
        <p role="status" aria-live="polite" className="text-sm font-semibold" data-save-status={saveStatus}>
          {statusText[saveStatus]}
        </p>
        {others.length > 0 ? (
          <p className="rounded bg-amber-50 px-2 py-1 text-sm" role="note">
            Also editing: {others.join(", ")}
          </p>
        ) : null}
        {message ? (
          <p role="alert" className="text-sm text-red-800">
            {message}
          </p>
        ) : null}
        {conflict ? (
          <div role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-sm">
            <p>{conflict.message}</p>
            <div className="mt-2 flex flex-wrap gap-2">
              <button
                type="button"
                onClick={reloadDiscarding}
                className="rounded border border-gray-500 bg-white px-3 py-1"
              >
                Reload their version
              </button>
              <button
                type="button"
                onClick={overwrite}
                className="rounded bg-red-800 px-3 py-1 font-semibold text-white"
              >
                Overwrite with mine
              </button>
            </div>
          </div>
        ) : null}

        <div className="flex flex-wrap gap-2 pt-2">
          <button
            type="button"
            onClick={() => void save()}
            className="rounded border border-accent px-4 py-2 font-semibold text-accent"
          >
            Save
          </button>
          {canPublish && (actions.has("publish") || id === null) && status !== "PUBLISHED" ? (
            <button
              type="button"
              onClick={() => void runAction("publish")}
              className="rounded bg-accent px-4 py-2 font-semibold text-white"
            >
              Publish
            </button>
          ) : null}
          {!canPublish && (actions.has("submit") || id === null) ? (
            <button
              type="button"
              onClick={() => void runAction("submit")}
              className="rounded bg-accent px-4 py-2 font-semibold text-white"
            >
              Submit for review
            </button>
          ) : null}
          {canPublish && actions.has("schedule") ? (
            <button
              type="button"
              onClick={() => void runAction("schedule")}
              className="rounded border border-accent px-4 py-2 font-semibold text-accent"
              aria-describedby="publish-at-help"
            >
              Schedule
            </button>
          ) : null}
          {actions.has("unpublish") ? (
            <button
              type="button"
              onClick={() => void runAction("unpublish")}
              className="rounded border border-gray-500 px-4 py-2"
            >
              Unpublish
            </button>
          ) : null}
          {actions.has("archive") ? (
            <button
              type="button"
              onClick={() => void runAction("archive")}
              className="rounded border border-gray-500 px-4 py-2"
            >
              Archive
            </button>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-3 text-sm">
          {previewUrl ? (
            <a href={previewUrl} target="_blank" rel="noopener" className="text-accent underline">
              Preview
            </a>
          ) : null}
          {id !== null ? (
            <button
              type="button"
              aria-expanded={showRevisions}
              onClick={() => setShowRevisions((shown) => !shown)}
              className="text-accent underline"
            >
              Revisions
            </button>
          ) : null}
          {actions.has("trash") ? (
            <button type="button" onClick={() => void runAction("trash")} className="text-red-800 underline">
              Move to trash
            </button>
          ) : null}
        </div>

        <Section title="Details">
          <TextField
            id="publication-slug"
            label="Slug"
            hint={
              <>
                /publications/{fields.slug || "…"}
                {status === "PUBLISHED" ? " · the old address will redirect here" : ""}
              </>
            }
            value={fields.slug}
            maxLength={200}
            error={fieldErrors.slug}
            onChange={(event) => {
              setSlugEdited(true);
              update({ slug: event.target.value.toLowerCase() });
            }}
          />
          <TextField
            as="select"
            id="publication-type"
            label="Type"
            className="mt-3"
            value={fields.typeId}
            onChange={(event) => update({ typeId: Number(event.target.value) })}
          >
            {options.types.map((type) => (
              <option key={type.id} value={type.id}>
                {type.name}
              </option>
            ))}
          </TextField>
          <TextField
            as="select"
            id="publication-series"
            label="Series"
            className="mt-3"
            value={fields.seriesId ?? ""}
            onChange={(event) => update({ seriesId: event.target.value ? Number(event.target.value) : null })}
          >
            <option value="">None</option>
            {options.series.map((series) => (
              <option key={series.id} value={series.id}>
                {series.name}
              </option>
            ))}
          </TextField>
          <TextField
            id="publication-publish-at"
            label="Publish date and time"
            className="mt-3"
            hint={`Time zone: ${inBrowser ? timeZoneLabel() : "your local time"}. A future time can be scheduled.`}
            type="datetime-local"
            step={1}
            value={inBrowser ? toLocalInput(fields.publishAt) : ""}
            error={fieldErrors.publishAt}
            onChange={(event) =>
              update({ publishAt: event.target.value ? new Date(event.target.value).toISOString() : null })
            }
          />
        </Section>

        <Section title="Categories">
          <div className="max-h-48 space-y-1 overflow-y-auto">
            {options.categories.map((category) => (
              <label key={category.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={fields.categoryIds.includes(category.id)}
                  onChange={(event) =>
                    update({
                      categoryIds: event.target.checked
                        ? [...fields.categoryIds, category.id]
                        : fields.categoryIds.filter((categoryId) => categoryId !== category.id),
                    })
                  }
                />
                {category.name}
              </label>
            ))}
          </div>
        </Section>

        <Section title="Authors">
          <ol className="space-y-1 text-sm">
            {fields.authors.map((credit, index) => (
              <li key={"id" in credit ? `id-${credit.id}` : `new-${credit.name}`} className="flex items-center gap-1">
                <span className="flex-1">
                  {creditName(credit)}
                  {"id" in credit ? "" : " (new)"}
                </span>
                <button
                  type="button"
                  aria-label={`Move ${credit.name} up`}
                  disabled={index === 0}
                  onClick={() => moveAuthor(index, -1)}
                  className="rounded border border-gray-400 px-1 disabled:opacity-40"
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move ${credit.name} down`}
                  disabled={index === fields.authors.length - 1}
                  onClick={() => moveAuthor(index, 1)}
                  className="rounded border border-gray-400 px-1 disabled:opacity-40"
                >
                  ↓
                </button>
                <button
                  type="button"
                  aria-label={`Remove ${credit.name}`}
                  onClick={() => update({ authors: fields.authors.filter((_, position) => position !== index) })}
                  className="rounded border border-gray-400 px-1"
                >
                  ×
                </button>
              </li>
            ))}
          </ol>
          <FieldError id="authors-error" message={fieldErrors.authors} />
          <div className="mt-3 flex items-end gap-1">
            <TextField
              as="select"
              id="publication-add-author"
              label="Add an existing author"
              className="min-w-0 flex-1"
              value={addAuthorId}
              onChange={(event) => setAddAuthorId(event.target.value)}
            >
              <option value="">Choose…</option>
              {options.authors
                .filter((author) => !fields.authors.some((credit) => "id" in credit && credit.id === author.id))
                .map((author) => (
                  <option key={author.id} value={author.id}>
                    {author.name}
                  </option>
                ))}
            </TextField>
            <button
              type="button"
              onClick={() => {
                const author = options.authors.find((candidate) => String(candidate.id) === addAuthorId);
                if (author) update({ authors: [...fields.authors, { id: author.id, name: author.name }] });
                setAddAuthorId("");
              }}
              className="rounded border border-gray-500 px-2 py-2"
            >
              Add author
            </button>
          </div>
          <div className="mt-3 flex items-end gap-1">
            <TextField
              id="publication-new-author"
              label="New author name"
              className="min-w-0 flex-1"
              value={newAuthorName}
              maxLength={200}
              onChange={(event) => setNewAuthorName(event.target.value)}
            />
            <button
              type="button"
              onClick={() => {
                const name = newAuthorName.trim();
                if (name.length >= 2) update({ authors: [...fields.authors, { name }] });
                setNewAuthorName("");
              }}
              className="rounded border border-gray-500 px-2 py-2"
            >
              Create author
            </button>
          </div>
        </Section>

        <Section title="Featured image">
          {featuredImage ? (
            // eslint-disable-next-line @next/next/no-img-element -- a library image of any size
            <img src={featuredImage.url} alt={featuredImage.alt} className="mb-2 h-auto w-full" />
          ) : (
            <p className="text-sm text-muted">None chosen.</p>
          )}
          <div className="flex gap-2">
            <button
              type="button"
              onClick={() => setPicker("featured")}
              className="rounded border border-gray-500 px-3 py-1 text-sm"
            >
              Choose featured image
            </button>
            {featuredImage ? (
              <button
                type="button"
                onClick={() => {
                  setFeaturedImage(null);
                  update({ featuredImageId: null });
                }}
                className="rounded border border-gray-500 px-3 py-1 text-sm"
              >
                Remove featured image
              </button>
            ) : null}
          </div>
          <TextField
            id="publication-featured-caption"
            label="Caption"
            className="mt-3"
            value={fields.featuredImageCaption}
            maxLength={1000}
            onChange={(event) => update({ featuredImageCaption: event.target.value })}
          />
          <TextField
            id="publication-featured-credit"
            label="Credit"
            className="mt-3"
            value={fields.featuredImageCredit}
            maxLength={300}
            onChange={(event) => update({ featuredImageCredit: event.target.value })}
          />
          <FieldError id="featuredImageId-error" message={fieldErrors.featuredImageId} />
        </Section>

        <Section title="PDF attachment">
          <p className="text-sm">{pdf ? pdf.filename : <span className="text-muted">None attached.</span>}</p>
          <div className="mt-2 flex gap-2">
            <button
              type="button"
              onClick={() => setPicker("pdf")}
              className="rounded border border-gray-500 px-3 py-1 text-sm"
            >
              Choose PDF
            </button>
            {pdf ? (
              <button
                type="button"
                onClick={() => {
                  setPdf(null);
                  update({ pdfId: null });
                }}
                className="rounded border border-gray-500 px-3 py-1 text-sm"
              >
                Remove PDF
              </button>
            ) : null}
          </div>
          <FieldError id="pdfId-error" message={fieldErrors.pdfId} />
        </Section>

        <Section title="Search and sharing">
          <TextField
            id="publication-seo-title"
            label="Headline for search engines"
            value={fields.seoTitle ?? ""}
            maxLength={300}
            onChange={(event) => update({ seoTitle: event.target.value || null })}
          />
          <TextField
            as="textarea"
            id="publication-seo-description"
            label="Description for search engines"
            className="mt-3"
            value={fields.seoDescription ?? ""}
            maxLength={500}
            rows={3}
            onChange={(event) => update({ seoDescription: event.target.value || null })}
          />
          <TextField
            id="publication-seo-image"
            label="Sharing image address"
            className="mt-3"
            value={fields.seoImageUrl ?? ""}
            maxLength={2000}
            error={fieldErrors.seoImageUrl}
            onChange={(event) => update({ seoImageUrl: event.target.value || null })}
          />
        </Section>
      </aside>

      <MediaPicker
        open={picker !== null}
        kind={picker === "pdf" ? "PDF" : "IMAGE"}
        onClose={() => setPicker(null)}
        onSelect={(item: MediaItem) => {
          if (picker === "pdf") {
            setPdf({ filename: item.filename });
            update({ pdfId: item.id });
          } else {
            setFeaturedImage({ url: item.url, alt: item.alt });
            update({
              featuredImageId: item.id,
              featuredImageCaption: fields.featuredImageCaption || item.caption,
              featuredImageCredit: fields.featuredImageCredit || item.credit,
            });
          }
          setPicker(null);
        }}
      />
    </div>
  );
}
