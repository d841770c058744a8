"use client";

import { useState } from "react";
import { ActionMessage, fieldError, SubmitButton } from "@/components/admin/form-controls";
import { MediaPicker } from "@/components/admin/media-picker";
import { useFormAction } from "@/components/admin/use-form-action";
import { labelClass, TextField } from "@/components/ui/text-field";
import { saveExpertProfileAction } from "@/lib/actions/taxonomy/save-expert-profile";

type Values = {
  authorId: number;
  photo: { id: number; url: string; alt: string } | null;
  isExpert: boolean;
  languages: string[];
  availableForMedia: boolean;
  pressContact: string;
  expertise: number[];
  directoryRank: number | null;
};

/** An author's entry in the experts directory (/experts) and on their profile page. */
export function ExpertProfileForm({ values, topics }: { values: Values; topics: Array<{ id: number; name: string }> }) {
  const { state, pending, formProps } = useFormAction(saveExpertProfileAction, null);
  const [photo, setPhoto] = useState(values.photo);
  const [picking, setPicking] = useState(false);
  const error = (field: string) => fieldError(state, field);
  const expertiseError = error("expertise");
  return (
    <>
      <form {...formProps} noValidate className="max-w-2xl space-y-5">
        <ActionMessage state={state} />
        <input type="hidden" name="authorId" value={values.authorId} />
        <input type="hidden" name="photoId" value={photo?.id ?? ""} />

        <div className="flex items-center gap-2">
          <input id="profile-is-expert" type="checkbox" name="isExpert" defaultChecked={values.isExpert} />
          <label htmlFor="profile-is-expert" className="text-sm">
            List in the experts directory and on the home page
          </label>
        </div>

        <fieldset>
          <legend className={labelClass}>Photo</legend>
          <div className="mt-2 flex items-center gap-4">
            {photo ? (
              // eslint-disable-next-line @next/next/no-img-element -- a library image of any size
              <img src={photo.url} alt={photo.alt} width={80} height={80} className="rounded-full object-cover" />
            ) : (
              <p className="text-sm text-muted">None chosen.</p>
            )}
            <button
              type="button"
              onClick={() => setPicking(true)}
              className="rounded border border-gray-500 px-3 py-1 text-sm"
            >
              Choose photo
            </button>
            {photo && (
              <button
                type="button"
                onClick={() => setPhoto(null)}
                className="rounded border border-gray-500 px-3 py-1 text-sm"
              >
                Remove photo
              </button>
            )}
          </div>
          {error("photoId") && <p className="mt-1 text-sm text-red-800">{error("photoId")}</p>}
        </fieldset>

        <fieldset aria-describedby={expertiseError ? "profile-expertise-error" : undefined}>
          <legend className={labelClass}>Expertise</legend>
          <ul className="mt-2 grid gap-2 sm:grid-cols-2">
            {topics.map((topic) => (
              <li key={topic.id} className="flex items-center gap-2">
                <input
                  id={`profile-topic-${topic.id}`}
                  type="checkbox"
                  name="expertise"
                  value={topic.id}
                  defaultChecked={values.expertise.includes(topic.id)}
                />
                <label htmlFor={`profile-topic-${topic.id}`} className="text-sm">
                  {topic.name}
                </label>
              </li>
            ))}
          </ul>
          {expertiseError && (
            <p id="profile-expertise-error" className="mt-1 text-sm text-red-800">
              {expertiseError}
            </p>
          )}
        </fieldset>

        <TextField
          id="profile-languages"
          name="languages"
          label="Languages"
          defaultValue={values.languages.join(", ")}
          maxLength={600}
          hint="Separated by commas, for example: English, Korean"
          error={error("languages")}
        />

        <div className="flex items-center gap-2">
          <input
            id="profile-available"
            type="checkbox"
            name="availableForMedia"
            defaultChecked={values.availableForMedia}
          />
          <label htmlFor="profile-available" className="text-sm">
            Available for media
          </label>
        </div>

        <TextField
          id="profile-press-contact"
          name="pressContact"
          label="Press contact"
          defaultValue={values.pressContact}
          maxLength={200}
          hint="An email address or a line of text for journalists; empty: the press office."
          error={error("pressContact")}
        />

        <TextField
          id="profile-rank"
          name="directoryRank"
          label="Order in the directory"
          type="number"
          inputMode="numeric"
          min={0}
          max={9999}
          defaultValue={values.directoryRank ?? ""}
          hint="Lowest first; empty lists them after the ranked ones, by name."
          error={error("directoryRank")}
          controlClassName="w-32"
        />

        <SubmitButton pending={pending}>Save profile</SubmitButton>
      </form>
      {/* Outside the form: the picker holds its own upload form. */}
      <MediaPicker
        open={picking}
        kind="IMAGE"
        onSelect={(item) => setPhoto({ id: item.id, url: item.url, alt: item.alt })}
        onClose={() => setPicking(false)}
      />
    </>
  );
}
