import { env } from "@/lib/env";
import { getSignupTopics } from "@/lib/data/taxonomy";
import { SignupForm } from "./signup-form";
import { STAY_INFORMED_HEADING_ID, StayInformed } from "./stay-informed";

/** The "Stay Informed" box on React pages: reads the topics itself and signs up through the server action. */
export async function SignupBox() {
  const topics = await getSignupTopics();
  return (
    <StayInformed>
      <SignupForm topics={topics} siteName={env.SITE_NAME} labelledBy={STAY_INFORMED_HEADING_ID} />
    </StayInformed>
  );
}
