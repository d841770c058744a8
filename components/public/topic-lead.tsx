import { LeadStory } from "@/components/public/home-sections";
import { getTopicLead } from "@/lib/data/teasers";

/** A topic page leads with its newest featured item (lib/data/teasers.ts, readTopicLead). */
export async function TopicLead({ slug }: { slug: string }) {
  const lead = await getTopicLead(slug);
  if (!lead) return null;
  return (
    <section aria-label="Lead story" className="mt-8 border-y border-rule py-8">
      <LeadStory lead={lead} />
    </section>
  );
}
