import { labelClass, TextField } from "@/components/ui/text-field";

type Props = { subject?: string; intro?: string; mode?: "new" | "picked" };

/** Subject, intro and what the digest contains: the fields of "New digest" and of a draft. */
export function DigestFields({ subject = "", intro = "", mode = "new" }: Props) {
  return (
    <>
      <TextField id="subject" name="subject" label="Subject" required maxLength={200} defaultValue={subject} />
      <TextField as="textarea" id="intro" name="intro" label="Intro" rows={5} maxLength={5000} defaultValue={intro} />
      <fieldset>
        <legend className={labelClass}>Contents</legend>
        <div className="mt-1 space-y-1">
          <label className="flex items-center gap-2">
            <input type="radio" name="mode" value="new" defaultChecked={mode === "new"} /> New since the last digest,
            per subscriber’s topics
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="mode" value="picked" defaultChecked={mode === "picked"} /> Hand-picked
            publications
          </label>
        </div>
      </fieldset>
    </>
  );
}
