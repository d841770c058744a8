/**
 * /categories: every topic with its description, image and count of public publications.
 * Rendered once, then served from the page cache until content changes; no framework
 * JavaScript in the browser (as pages/publications/[slug].tsx).
 */
import type { GetStaticProps } from "next";
import { PlainPage, type PlainPageChrome } from "@/components/public/plain-page";
import { TopicCards } from "@/components/public/topic-cards";
import { PUBLIC_REVALIDATE_SECONDS } from "@/lib/cache/tags.mjs";
import { readPageChrome } from "@/lib/data/page-chrome";
import { readCategoriesWithCounts, type CategoryWithCount } from "@/lib/data/taxonomy";
import { db } from "@/lib/db";
import { pluralize } from "@/lib/format/numbers";

export const config = { unstable_runtimeJS: false };

type Props = { topics: CategoryWithCount[]; chrome: PlainPageChrome };

export const getStaticProps: GetStaticProps<Props> = async () => {
  const [topics, chrome] = await Promise.all([readCategoriesWithCounts(db), readPageChrome(db)]);
  return { props: JSON.parse(JSON.stringify({ topics, chrome })) as Props, revalidate: PUBLIC_REVALIDATE_SECONDS };
};

export default function TopicsPage({ topics, chrome }: Props) {
  return (
    <PlainPage
      title="Topics"
      description="The topics of the institute's research and commentary."
      path="/categories"
      chrome={chrome}
    >
      <header className="max-w-3xl">
        <p className="text-xs font-semibold uppercase tracking-widest text-muted">Research</p>
        <h1 className="mt-1 font-serif text-4xl font-bold leading-tight">Topics</h1>
        <p className="mt-3 text-lg leading-relaxed text-muted">
          {pluralize(topics.length, "topic")}. Each topic page lists its publications, newest first, with a feed to
          follow.
        </p>
      </header>
      <div className="mt-10">
        <TopicCards topics={topics} />
      </div>
    </PlainPage>
  );
}
