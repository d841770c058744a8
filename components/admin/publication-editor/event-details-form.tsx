"use client";

import type { JSONContent } from "@tiptap/react";
import { useState, type ReactNode } from "react";
import { MediaPicker } from "@/components/admin/media-picker";
import { FieldError, labelClass, TextField } from "@/components/ui/text-field";
import { saveEventDetailsAction } from "@/lib/actions/events/save-event-details";
import type { EventEditorFields, EventEditorState, SpeakerRow } from "@/lib/events/editor-state";
import type { MediaItem } from "@/lib/media/types";
import type { Refusal } from "@/lib/result";
import { RichTextEditor } from "./rich-text-editor";

type Props = {
  initial: EventEditorState;
  authors: ReadonlyArray<{ id: number; name: string }>;
  /**
   * Saves the publication's own unsaved changes first (its type among them: event details
   * belong to a saved Event); its id, or null if that failed.
   */
  saveParent: () => Promise<number | null>;
};

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="mt-4 rounded border border-rule p-3">
      <legend className="px-1 text-sm font-semibold">{title}</legend>
      <div className="space-y-3">{children}</div>
    </fieldset>
  );
}

function Checkbox({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="flex items-center gap-2 text-sm">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/**
 * The editor's "Event details" panel, shown when the type is Event: date and time in the
 * event's own time zone, place, online access, registration, speakers, and what follows
 * the event (recording, audio, transcript, slides). Saved with its own button.
 */
export function EventDetailsForm({ initial, authors, saveParent }: Props) {
  const [fields, setFields] = useState<EventEditorFields>(initial.fields);
  const [transcript, setTranscript] = useState<JSONContent | null>(null);
  const [audio, setAudio] = useState(initial.audio);
  const [slides, setSlides] = useState(initial.slides);
  // Which picker is open: the slides' (PDFs) or the audio's.
  const [picker, setPicker] = useState<"PDF" | "AUDIO" | null>(null);
  const [addAuthorId, setAddAuthorId] = useState("");
  const [guest, setGuest] = useState({ name: "", title: "", affiliation: "" });
  const [status, setStatus] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [errors, setErrors] = useState<Refusal["fieldErrors"] & {}>({});
  const [saving, setSaving] = useState(false);

  const update = (patch: Partial<EventEditorFields>) => {
    setFields((current) => ({ ...current, ...patch }));
    setStatus(null);
  };
  const setSpeakers = (speakers: SpeakerRow[]) => update({ speakers });
  const moveSpeaker = (index: number, by: -1 | 1) => {
    const speakers = [...fields.speakers];
    const [moved] = speakers.splice(index, 1);
    if (!moved) return;
    speakers.splice(index + by, 0, moved);
    setSpeakers(speakers);
  };

  async function save() {
    if (saving) return;
    setSaving(true);
    setStatus(null);
    try {
      const publicationId = await saveParent();
      if (publicationId === null) {
        setStatus({ tone: "error", text: "Save the publication first (it needs a title)." });
        return;
      }
      const capacity = fields.capacity.trim();
      const result = await saveEventDetailsAction({
        publicationId,
        fields: {
          ...fields,
          capacity: capacity === "" ? null : Number(capacity),
          speakers: fields.speakers.map((speaker) =>
            "authorId" in speaker ? { authorId: speaker.authorId, role: speaker.role } : speaker,
          ),
          // Only a transcript edited here is sent; without one, the stored transcript stays as it is.
          ...(transcript !== null && { transcriptJson: JSON.parse(JSON.stringify(transcript)) }),
        },
      });
      if (result.ok) {
        setErrors({});
        setStatus({ tone: "ok", text: result.message });
      } else {
        setErrors(result.fieldErrors ?? {});
        setStatus({ tone: "error", text: result.message });
      }
    } catch {
      setStatus({ tone: "error", text: "Could not reach the server. Your changes are kept here; try again." });
    } finally {
      setSaving(false);
    }
  }

  const unlisted = authors.filter(
    (author) => !fields.speakers.some((speaker) => "authorId" in speaker && speaker.authorId === author.id),
  );

  return (
    <section aria-labelledby="event-details-heading" className="mt-8 rounded border border-accent p-4">
      <h2 id="event-details-heading" className="text-lg font-bold">
        Event details
      </h2>
      <p className="text-sm text-muted">Times are entered and shown in the event&apos;s own time zone.</p>

      <Group title="When">
        <TextField
          as="select"
          id="event-time-zone"
          label="Time zone"
          value={fields.timeZone}
          error={errors.timeZone}
          onChange={(event) => update({ timeZone: event.target.value })}
        >
          {initial.timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </TextField>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            id="event-starts-at"
            label="Starts"
            type="datetime-local"
            value={fields.startsAt}
            error={errors.startsAt}
            onChange={(event) => update({ startsAt: event.target.value })}
          />
          <TextField
            id="event-ends-at"
            label="Ends"
            type="datetime-local"
            value={fields.endsAt}
            error={errors.endsAt}
            onChange={(event) => update({ endsAt: event.target.value })}
          />
        </div>
        <TextField
          as="select"
          id="event-state"
          label="State"
          value={fields.state}
          onChange={(event) => update({ state: event.target.value as EventEditorFields["state"] })}
        >
          <option value="SCHEDULED">Scheduled</option>
          <option value="POSTPONED">Postponed</option>
          <option value="CANCELLED">Cancelled</option>
        </TextField>
      </Group>

      <Group title="Where">
        <Checkbox
          id="event-in-person"
          label="In person"
          checked={fields.inPerson}
          onChange={(inPerson) => update({ inPerson })}
        />
        <FieldError id="inPerson-error" message={errors.inPerson} />
        {fields.inPerson ? (
          <>
            <TextField
              id="event-venue"
              label="Venue"
              value={fields.venueName}
              maxLength={300}
              error={errors.venueName}
              onChange={(event) => update({ venueName: event.target.value })}
            />
            <TextField
              as="textarea"
              id="event-address"
              label="Address"
              rows={2}
              value={fields.address}
              maxLength={1000}
              error={errors.address}
              onChange={(event) => update({ address: event.target.value })}
            />
            <TextField
              id="event-map-url"
              label="Map link"
              hint="An https:// address"
              value={fields.mapUrl}
              error={errors.mapUrl}
              onChange={(event) => update({ mapUrl: event.target.value })}
            />
          </>
        ) : null}
        <Checkbox id="event-online" label="Online" checked={fields.online} onChange={(online) => update({ online })} />
        {fields.online ? (
          <>
            <TextField
              id="event-livestream-url"
              label="Livestream link"
              hint="An https:// address"
              value={fields.livestreamUrl}
              error={errors.livestreamUrl}
              onChange={(event) => update({ livestreamUrl: event.target.value })}
            />
            <TextField
              as="select"
              id="event-livestream-access"
              label="Who gets the livestream link"
              value={fields.livestreamAccess}
              onChange={(event) =>
                update({ livestreamAccess: event.target.value as EventEditorFields["livestreamAccess"] })
              }
            >
              <option value="PUBLIC">Everyone: shown on the event page</option>
              <option value="REGISTRANTS">Registrants only: sent by email, never on the page</option>
            </TextField>
          </>
        ) : null}
      </Group>

      <Group title="Registration">
        <TextField
          as="select"
          id="event-registration-mode"
          label="How people register"
          value={fields.registrationMode}
          onChange={(event) =>
            update({ registrationMode: event.target.value as EventEditorFields["registrationMode"] })
          }
        >
          <option value="NONE">None</option>
          <option value="BUILT_IN">On this site</option>
          <option value="EXTERNAL">Elsewhere (a link)</option>
        </TextField>
        {fields.registrationMode === "EXTERNAL" ? (
          <TextField
            id="event-external-registration"
            label="Registration link"
            hint="An https:// address"
            value={fields.externalRegistrationUrl}
            error={errors.externalRegistrationUrl}
            onChange={(event) => update({ externalRegistrationUrl: event.target.value })}
          />
        ) : null}
        {fields.registrationMode === "BUILT_IN" ? (
          <>
            <TextField
              id="event-capacity"
              label="Capacity"
              hint="Seats; empty for no limit. Past it, people join the waitlist."
              type="number"
              min={1}
              inputMode="numeric"
              value={fields.capacity}
              error={errors.capacity}
              onChange={(event) => update({ capacity: event.target.value })}
            />
            <TextField
              id="event-registration-deadline"
              label="Registration deadline"
              hint="Empty: registration closes when the event starts."
              type="datetime-local"
              value={fields.registrationDeadline}
              error={errors.registrationDeadline}
              onChange={(event) => update({ registrationDeadline: event.target.value })}
            />
          </>
        ) : null}
      </Group>

      <Group title="Speakers">
        <ol className="space-y-1 text-sm">
          {fields.speakers.map((speaker, index) => (
            <li
              key={"authorId" in speaker ? `author-${speaker.authorId}` : `guest-${index}-${speaker.name}`}
              className="flex flex-wrap items-center gap-1"
            >
              <span className="min-w-0 flex-1">
                {speaker.name}
                {"authorId" in speaker ? "" : ` (${[speaker.title, speaker.affiliation].filter(Boolean).join(", ")})`}
              </span>
              <label className="sr-only" htmlFor={`event-speaker-role-${index}`}>
                Role of {speaker.name}
              </label>
              <select
                id={`event-speaker-role-${index}`}
                value={speaker.role}
                onChange={(event) =>
                  setSpeakers(
                    fields.speakers.map((row, position) =>
                      position === index ? { ...row, role: event.target.value as SpeakerRow["role"] } : row,
                    ),
                  )
                }
                className="rounded border border-gray-500 px-1 py-0.5"
              >
                <option value="SPEAKER">Speaker</option>
                <option value="MODERATOR">Moderator</option>
              </select>
              <button
                type="button"
                aria-label={`Move ${speaker.name} up`}
                disabled={index === 0}
                onClick={() => moveSpeaker(index, -1)}
                className="rounded border border-gray-400 px-1 disabled:opacity-40"
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`Move ${speaker.name} down`}
                disabled={index === fields.speakers.length - 1}
                onClick={() => moveSpeaker(index, 1)}
                className="rounded border border-gray-400 px-1 disabled:opacity-40"
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={`Remove ${speaker.name}`}
                onClick={() => setSpeakers(fields.speakers.filter((_, position) => position !== index))}
                className="rounded border border-gray-400 px-1"
              >
                ×
              </button>
            </li>
          ))}
        </ol>
        <FieldError id="speakers-error" message={errors.speakers} />
        <div className="flex items-end gap-1">
          <TextField
            as="select"
            id="event-add-speaker"
            label="Add an author as speaker"
            className="min-w-0 flex-1"
            value={addAuthorId}
            onChange={(event) => setAddAuthorId(event.target.value)}
          >
            <option value="">Choose…</option>
            {unlisted.map((author) => (
              <option key={author.id} value={author.id}>
                {author.name}
              </option>
            ))}
          </TextField>
          <button
            type="button"
            onClick={() => {
              const author = authors.find((candidate) => String(candidate.id) === addAuthorId);
              if (author)
                setSpeakers([...fields.speakers, { authorId: author.id, name: author.name, role: "SPEAKER" }]);
              setAddAuthorId("");
            }}
            className="rounded border border-gray-500 px-2 py-2 text-sm"
          >
            Add speaker
          </button>
        </div>
        <div className="rounded border border-dashed border-gray-400 p-2">
          <p className={labelClass}>An outside speaker</p>
          <div className="mt-2 grid gap-2 sm:grid-cols-3">
            <TextField
              id="event-guest-name"
              label="Name"
              value={guest.name}
              maxLength={200}
              onChange={(event) => setGuest({ ...guest, name: event.target.value })}
            />
            <TextField
              id="event-guest-title"
              label="Title"
              value={guest.title}
              maxLength={300}
              onChange={(event) => setGuest({ ...guest, title: event.target.value })}
            />
            <TextField
              id="event-guest-affiliation"
              label="Affiliation"
              value={guest.affiliation}
              maxLength={300}
              onChange={(event) => setGuest({ ...guest, affiliation: event.target.value })}
            />
          </div>
          <button
            type="button"
            onClick={() => {
              if (guest.name.trim().length < 2) return;
              setSpeakers([...fields.speakers, { ...guest, name: guest.name.trim(), role: "SPEAKER" }]);
              setGuest({ name: "", title: "", affiliation: "" });
            }}
            className="mt-2 rounded border border-gray-500 px-2 py-1 text-sm"
          >
            Add outside speaker
          </button>
        </div>
      </Group>

      <Group title="After the event">
        <TextField
          id="event-recording-url"
          label="Recording"
          hint="A YouTube or Vimeo address"
          value={fields.recordingUrl}
          error={errors.recordingUrl}
          onChange={(event) => update({ recordingUrl: event.target.value })}
        />
        <div className="text-sm">
          <p className={labelClass}>Audio (MP3, M4A, Ogg or WAV)</p>
          <p data-event-audio>{audio ? audio.filename : <span className="text-muted">None.</span>}</p>
          <div className="mt-1 flex gap-2">
            <button
              type="button"
              onClick={() => setPicker("AUDIO")}
              className="rounded border border-gray-500 px-2 py-1"
            >
              Choose audio
            </button>
            {audio ? (
              <button
                type="button"
                onClick={() => {
                  setAudio(null);
                  update({ audioId: null });
                }}
                className="rounded border border-gray-500 px-2 py-1"
              >
                Remove audio
              </button>
            ) : null}
          </div>
          <FieldError id="audioId-error" message={errors.audioId} />
        </div>
        <div className="text-sm">
          <p className={labelClass}>Slides (PDF)</p>
          <p>{slides ? slides.filename : <span className="text-muted">None.</span>}</p>
          <div className="mt-1 flex gap-2">
            <button type="button" onClick={() => setPicker("PDF")} className="rounded border border-gray-500 px-2 py-1">
              Choose slides
            </button>
            {slides ? (
              <button
                type="button"
                onClick={() => {
                  setSlides(null);
                  update({ slidesId: null });
                }}
                className="rounded border border-gray-500 px-2 py-1"
              >
                Remove slides
              </button>
            ) : null}
          </div>
          <FieldError id="slidesId-error" message={errors.slidesId} />
        </div>
        <div>
          <p id="event-transcript-label" className={`${labelClass} mb-1`}>
            Transcript
          </p>
          <RichTextEditor
            initialContent={initial.transcriptHtml || ""}
            labelledBy="event-transcript-label"
            onChange={(document) => setTranscript(document)}
          />
          <FieldError id="transcriptJson-error" message={errors.transcriptJson} />
        </div>
      </Group>

      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={() => void save()}
          disabled={saving}
          className="rounded bg-accent px-4 py-2 font-semibold text-white disabled:opacity-60"
        >
          Save event details
        </button>
        <p
          role="status"
          aria-live="polite"
          className={`text-sm font-semibold ${status?.tone === "error" ? "text-red-800" : ""}`}
          data-event-save-status={status?.tone ?? ""}
        >
          {status?.text ?? ""}
        </p>
      </div>

      <MediaPicker
        open={picker !== null}
        kind={picker ?? "PDF"}
        onClose={() => setPicker(null)}
        onSelect={(item: MediaItem) => {
          if (item.kind === "AUDIO") {
            setAudio({ filename: item.filename, url: item.url });
            update({ audioId: item.id });
          } else {
            setSlides({ filename: item.filename, url: item.url });
            update({ slidesId: item.id });
          }
          setPicker(null);
        }}
      />
    </section>
  );
}
