import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/ui/data-table";
import { TextField } from "@/components/ui/text-field";
import { FormMessage } from "@/components/public/signup-fields";
import { requirePermission } from "@/lib/auth/session";
import { getTerm, listTerms } from "@/lib/taxonomy/admin";
import { db } from "@/lib/db";
import { capitalize, TAXONOMY, type TaxonomyKind } from "@/lib/taxonomy/kinds";
import { taxonomySearchSchema } from "@/lib/validations/taxonomy";
import { userIdSchema } from "@/lib/validations/user";
import { getExpertProfile } from "@/lib/taxonomy/expert-profile";
import { mediaUrl } from "@/lib/format/paths";
import { ExpertProfileForm } from "./expert-profile-form";
import { DeleteTermForm, MergeTermForm } from "./merge-delete-forms";
import { TermForm } from "./term-form";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const numberFormat = new Intl.NumberFormat("en-US");
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const requireTaxonomyRole = (path: string) => requirePermission("taxonomy.manage", path);

function BackToList({ kind }: { kind: TaxonomyKind }) {
  const info = TAXONOMY[kind];
  return (
    <p className="text-sm">
      <Link href={info.adminPath} className="text-accent underline">
        ← {capitalize(info.plural)}
      </Link>
    </p>
  );
}

/** /admin/authors, /admin/categories, /admin/series: the list with counts and a search box. */
export function taxonomyListPage(kind: TaxonomyKind) {
  const info = TAXONOMY[kind];
  const title = capitalize(info.plural);
  const metadata: Metadata = { title };
  async function Page({ searchParams }: { searchParams: SearchParams }) {
    const params = await searchParams;
    const query = taxonomySearchSchema.parse(first(params.q) ?? "");
    await requireTaxonomyRole(query ? `${info.adminPath}?q=${encodeURIComponent(query)}` : info.adminPath);
    const terms = await listTerms(db, kind, query);
    return (
      <>
        <div className="flex flex-wrap items-center justify-between gap-4">
          <h1 className="text-2xl font-bold">{title}</h1>
          <Link
            href={`${info.adminPath}/new`}
            className="rounded bg-accent px-4 py-2 font-semibold text-white no-underline"
          >
            New {info.singular}
          </Link>
        </div>
        {first(params.deleted) && (
          <div className="mt-4">
            <FormMessage tone="success">Deleted.</FormMessage>
          </div>
        )}
        <form method="get" action={info.adminPath} role="search" className="mt-6 flex flex-wrap items-end gap-4">
          <TextField
            id="taxonomy-q"
            name="q"
            label={`Search ${info.plural}`}
            type="search"
            defaultValue={query}
            maxLength={200}
            controlClassName="w-72"
          />
          <button type="submit" className="rounded border border-gray-500 px-4 py-2 font-semibold">
            Search
          </button>
        </form>
        <p className="mt-4 text-muted" aria-live="polite">
          {numberFormat.format(terms.length)} {terms.length === 1 ? info.singular : info.plural}
        </p>
        <DataTable
          caption={`${title} with the number of publications of each`}
          className="mt-2"
          rows={terms}
          rowKey={(term) => term.id}
          columns={[
            {
              header: "Name",
              cell: (term) => (
                <Link href={`${info.adminPath}/${term.id}`} className="text-accent underline">
                  {term.name}
                </Link>
              ),
            },
            { header: "Slug", className: "font-mono", cell: (term) => term.slug },
            { header: "Publications", align: "right", cell: (term) => numberFormat.format(term.publications) },
            {
              header: "Public page",
              cell: (term) => (
                <a
                  href={`${info.publicPath}/${term.slug}`}
                  className="text-accent underline"
                  aria-label={`View ${term.name} on the site`}
                >
                  View
                </a>
              ),
            },
          ]}
        />
      </>
    );
  }
  return { metadata, Page };
}

/** /admin/<kind>/new */
export function newTermPage(kind: TaxonomyKind) {
  const info = TAXONOMY[kind];
  const metadata: Metadata = { title: `New ${info.singular}` };
  async function Page() {
    await requireTaxonomyRole(`${info.adminPath}/new`);
    return (
      <>
        <BackToList kind={kind} />
        <h1 className="mt-2 mb-6 text-2xl font-bold">New {info.singular}</h1>
        <TermForm
          kind={kind}
          singular={info.singular}
          values={{
            name: "",
            slug: "",
            description: "",
            imageUrl: "",
            title: "",
            affiliation: "",
            familyNameFirst: false,
            featured: false,
          }}
        />
      </>
    );
  }
  return { metadata, Page };
}

/** /admin/<kind>/[id]: edit, merge into another, delete. */
export function editTermPage(kind: TaxonomyKind) {
  const info = TAXONOMY[kind];
  const metadata: Metadata = { title: `Edit ${info.singular}` };
  async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
    const { id: rawId } = await params;
    await requireTaxonomyRole(`${info.adminPath}/${encodeURIComponent(rawId)}`);
    const id = userIdSchema.safeParse(rawId);
    const term = id.success ? await getTerm(db, kind, id.data) : null;
    if (!term) notFound();
    const query = await searchParams;
    const others = (await listTerms(db, kind)).filter((other) => other.id !== term.id);
    const notice = first(query.created)
      ? `Created ${term.name}.`
      : first(query.merged)
        ? "Merged: the publications are now here."
        : null;
    return (
      <>
        <BackToList kind={kind} />
        <h1 className="mt-2 text-2xl font-bold">{term.name}</h1>
        <p className="mt-1 mb-6 text-sm">
          <a href={`${info.publicPath}/${term.slug}`} className="text-accent underline">
            View on the site
          </a>
        </p>
        {notice && (
          <div className="mb-4">
            <FormMessage tone="success">{notice}</FormMessage>
          </div>
        )}
        <TermForm kind={kind} singular={info.singular} values={term} />
        {kind === "author" && <ExpertProfileSection authorId={term.id} />}
        <section aria-labelledby="merge-heading" className="mt-12 border-t border-rule pt-6">
          <h2 id="merge-heading" className="text-xl font-bold">
            Merge
          </h2>
          <p className="mb-4 text-muted">
            Moves every publication of {term.name} to the {info.singular} you choose, then deletes {term.name}. Its
            address redirects there.
          </p>
          <MergeTermForm kind={kind} id={term.id} name={term.name} singular={info.singular} others={others} />
        </section>
        <section aria-labelledby="delete-heading" className="mt-12 border-t border-rule pt-6">
          <h2 id="delete-heading" className="text-xl font-bold">
            Delete
          </h2>
          <p className="mb-4 text-muted">Deletes {term.name}. Choose where its publications go first.</p>
          <DeleteTermForm kind={kind} id={term.id} name={term.name} singular={info.singular} others={others} />
        </section>
      </>
    );
  }
  return { metadata, Page };
}

/** An author's entry in the experts directory, on their edit page. */
async function ExpertProfileSection({ authorId }: { authorId: number }) {
  const profile = await getExpertProfile(db, authorId);
  if (!profile) return null;
  const { author, topics } = profile;
  return (
    <section aria-labelledby="profile-heading" className="mt-12 border-t border-rule pt-6">
      <h2 id="profile-heading" className="text-xl font-bold">
        Experts directory
      </h2>
      <p className="mb-4 text-muted">How {author.name} appears at /experts, on the home page and on their profile.</p>
      <ExpertProfileForm
        topics={topics}
        values={{
          authorId: author.id,
          photo: author.photo && { id: author.photo.id, url: mediaUrl(author.photo.storageKey), alt: author.photo.alt },
          isExpert: author.isExpert,
          languages: author.languages,
          availableForMedia: author.availableForMedia,
          pressContact: author.pressContact,
          expertise: author.expertise.map((entry) => entry.categoryId),
          directoryRank: author.directoryRank,
        }}
      />
    </section>
  );
}
