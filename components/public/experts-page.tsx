import { ExpertsDirectory, describeResults } from "@/components/public/experts-directory";
import { PlainPage } from "@/components/public/plain-page";
import type { ExpertsPageData } from "@/lib/data/experts";
import { expertsHref } from "@/lib/validations/experts";

/** /experts, cached per filter set (pages/experts/view/[query].tsx) or rendered for a name search (pages/experts/index.tsx). */
export function ExpertsPage({ directory, chrome }: ExpertsPageData) {
  const filtered = Boolean(directory.query.topic || directory.query.language || directory.query.q);
  return (
    <PlainPage
      // The count leads the title, so a screen reader hears it as each search's page loads.
      title={filtered ? `Experts: ${describeResults(directory)}` : "Experts"}
      description="The institute's experts by topic and language, with whom to contact for media requests."
      path={directory.query.q ? "/experts" : expertsHref(directory.query)}
      chrome={chrome}
    >
      <ExpertsDirectory directory={directory} />
    </PlainPage>
  );
}
