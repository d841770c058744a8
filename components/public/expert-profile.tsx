import { EventTeasers } from "@/components/public/event-teasers";
import { titleLine } from "@/components/public/expert-card";
import { Portrait, type PortraitSource } from "@/components/public/portrait";
import { getUpcomingEventsOfSpeaker } from "@/lib/data/event-teasers";
import { expertsHref } from "@/lib/validations/experts";

type Profile = PortraitSource & {
  id: number;
  title: string;
  affiliation: string;
  isExpert: boolean;
  languages: string[];
  availableForMedia: boolean;
  pressContact: string;
  expertise: Array<{ category: { slug: string; name: string } }>;
};

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Under an author's name: portrait and title line. */
export function ProfileHeader({ author }: { author: Profile }) {
  return (
    <div className="mt-4 flex items-center gap-5">
      <Portrait person={author} size={128} eager />
      {titleLine(author) && <p className="text-lg text-muted">{titleLine(author)}</p>}
    </div>
  );
}

/** An expert's directory profile and upcoming events, between the biography and their publications. */
export async function ProfileDetails({ author }: { author: Profile }) {
  const events = await getUpcomingEventsOfSpeaker(author.id);
  const facts =
    author.isExpert && (author.expertise.length > 0 || author.languages.length > 0 || author.availableForMedia);
  if (!facts && events.length === 0) return null;
  return (
    <div className="mt-8 grid gap-8 border-y border-rule py-8 md:grid-cols-2">
      {facts && (
        <dl className="space-y-4">
          {author.expertise.length > 0 && (
            <div>
              <dt className="text-xs font-semibold uppercase tracking-widest text-muted">Expertise</dt>
              <dd className="mt-1">
                <ul className="flex flex-wrap gap-2">
                  {author.expertise.map(({ category }) => (
                    <li key={category.slug}>
                      <a
                        href={expertsHref({ topic: category.slug })}
                        className="inline-block rounded-full bg-gray-100 px-3 py-1 text-sm text-ink hover:underline"
                      >
                        {category.name}
                      </a>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
          {author.languages.length > 0 && (
            <div>
              <dt className="text-xs font-semibold uppercase tracking-widest text-muted">Languages</dt>
              <dd className="mt-1">{author.languages.join(", ")}</dd>
            </div>
          )}
          {author.availableForMedia && (
            <div>
              <dt className="text-xs font-semibold uppercase tracking-widest text-muted">Available for media</dt>
              <dd className="mt-1">
                Press contact:{" "}
                {EMAIL.test(author.pressContact) ? (
                  <a href={`mailto:${author.pressContact}`} className="text-accent underline">
                    {author.pressContact}
                  </a>
                ) : (
                  author.pressContact || "the press office"
                )}
              </dd>
            </div>
          )}
        </dl>
      )}
      {events.length > 0 && (
        <section aria-labelledby="profile-events-heading">
          <h2 id="profile-events-heading" className="mb-4 font-serif text-xl font-bold">
            Upcoming events
          </h2>
          <EventTeasers events={events} />
        </section>
      )}
    </div>
  );
}
