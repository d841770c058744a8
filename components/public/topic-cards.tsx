import type { CategoryWithCount } from "@/lib/data/taxonomy";
import { pluralize } from "@/lib/format/numbers";

/**
 * Topics as cards: image (decorative: the name says what it is), name, description and how
 * many publications; the topic index shows every description, the home page a short grid.
 */
export function TopicCards({
  topics,
  headingLevel = 2,
  showDescription = true,
}: {
  topics: CategoryWithCount[];
  headingLevel?: 2 | 3;
  showDescription?: boolean;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="grid gap-x-8 gap-y-10 sm:grid-cols-2 lg:grid-cols-4">
      {topics.map((topic) => (
        <li key={topic.slug}>
          <article className="flex h-full flex-col">
            {topic.imageUrl && (
              // eslint-disable-next-line @next/next/no-img-element -- staff's image for the topic, decorative
              <img
                src={topic.imageUrl}
                alt=""
                width={480}
                height={270}
                loading="lazy"
                className="aspect-[16/9] h-auto w-full bg-gray-100 object-cover"
              />
            )}
            <Heading className={`${topic.imageUrl ? "mt-3" : ""} font-serif text-xl font-bold leading-snug`}>
              <a href={`/categories/${topic.slug}`} className="hover:underline">
                {topic.name}
              </a>
            </Heading>
            <p className="mt-1 text-sm text-muted">{pluralize(topic.count, "publication")}</p>
            {showDescription && topic.description && (
              <p className="mt-2 text-sm leading-relaxed">{topic.description}</p>
            )}
          </article>
        </li>
      ))}
    </ul>
  );
}
