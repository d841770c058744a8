import { Portrait } from "@/components/public/portrait";
import type { ExpertCard as ExpertCardData } from "@/lib/data/experts";
import { expertsHref } from "@/lib/validations/experts";

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** How the press reaches an expert available for media: their contact (linked when an address), else the press office. */
function PressContact({ contact }: { contact: string }) {
  if (!contact) return <>the press office</>;
  if (EMAIL.test(contact))
    return (
      <a href={`mailto:${contact}`} className="text-accent underline">
        {contact}
      </a>
    );
  return <>{contact}</>;
}

/** "Non-Resident Fellow at Quire Institute", as author lines have always read. */
export const titleLine = (person: { title: string; affiliation: string }) =>
  [person.title, person.affiliation].filter(Boolean).join(" at ");

/** One person in the experts directory: portrait, name, title, topics, languages, media availability. */
export function ExpertCard({ expert, headingLevel = 2 }: { expert: ExpertCardData; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `expert-${expert.slug}`;
  return (
    <article aria-labelledby={headingId} className="flex gap-4">
      <Portrait person={expert} size={88} />
      <div className="min-w-0">
        <Heading id={headingId} className="font-serif text-xl font-bold leading-snug">
          <a href={`/authors/${expert.slug}`} className="hover:underline">
            {expert.name}
          </a>
        </Heading>
        {titleLine(expert) && <p className="mt-0.5 text-sm text-muted">{titleLine(expert)}</p>}
        {expert.expertise.length > 0 && (
          <p className="mt-2 text-sm">
            <span className="font-semibold">Expertise: </span>
            {expert.expertise.map(({ category }, index) => (
              <span key={category.slug}>
                {index > 0 && ", "}
                <a href={expertsHref({ topic: category.slug })} className="text-accent underline underline-offset-2">
                  {category.name}
                </a>
              </span>
            ))}
          </p>
        )}
        {expert.languages.length > 0 && (
          <p className="mt-1 text-sm">
            <span className="font-semibold">Languages: </span>
            {expert.languages.join(", ")}
          </p>
        )}
        {expert.availableForMedia && (
          <p className="mt-2 text-sm">
            <span className="inline-block rounded-sm bg-emerald-50 px-2 py-0.5 font-semibold text-emerald-900 ring-1 ring-emerald-700/30">
              Available for media
            </span>{" "}
            <span className="text-muted">
              Press contact: <PressContact contact={expert.pressContact} />
            </span>
          </p>
        )}
      </div>
    </article>
  );
}
