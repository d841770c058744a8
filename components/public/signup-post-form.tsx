import { useId } from "react";
import { env } from "@/lib/env";
import { INITIAL_SIGNUP_STATE } from "@/lib/validations/subscriber-forms";
import { FormMessage, SignupFields } from "./signup-fields";
import { STAY_INFORMED_HEADING_ID, StayInformed } from "./stay-informed";

type Props = {
  topics: Array<{ slug: string; name: string }>;
  siteName: string;
  /** The id of the heading that names this form. */
  labelledBy: string;
};

/**
 * The mailing-list signup on pages without React: a plain POST to /api/subscribe. The
 * inline script (enhancements/signup-form.ts) sends it in the background and shows the
 * answer in place; without JavaScript the endpoint sends the browser on to /subscribe.
 */
export function SignupPostForm({ topics, siteName, labelledBy }: Props) {
  const id = useId();
  return (
    <div className="mt-3">
      <div aria-live="polite">
        <FormMessage tone="success" slot="success" />
      </div>
      <form
        action="/api/subscribe"
        method="post"
        aria-labelledby={labelledBy}
        noValidate
        data-signup-form=""
        className="space-y-4"
      >
        <FormMessage tone="error" slot="error" />
        <SignupFields id={id} topics={topics} siteName={siteName} state={INITIAL_SIGNUP_STATE} reserveErrors />
      </form>
    </div>
  );
}

/** The "Stay Informed" box on pages without React; the topics come with the page's data. */
export function SignupPostBox({ topics }: { topics: Props["topics"] }) {
  return (
    <StayInformed>
      <SignupPostForm topics={topics} siteName={env.SITE_NAME} labelledBy={STAY_INFORMED_HEADING_ID} />
    </StayInformed>
  );
}
