"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useEffect, useRef } from "react";
import { attachSearchCombobox } from "@/components/enhancements/search-combobox";
import { isPublicationPage } from "./publication-link";
import { SearchForm } from "./search-form";

/** The header's search box on React pages: the search form, with suggestions and client-side navigation. */
export function SearchBox() {
  // Reading the URL needs a Suspense boundary on statically rendered pages.
  return (
    <Suspense fallback={<SearchCombobox initialQuery="" />}>
      <SearchBoxFromUrl />
    </Suspense>
  );
}

/** On the results page the box shows the current query. */
function SearchBoxFromUrl() {
  const pathname = usePathname();
  const params = useSearchParams();
  const query = pathname === "/search" ? (params?.get("q") ?? "") : "";
  return <SearchCombobox key={query} initialQuery={query} />;
}

function SearchCombobox({ initialQuery }: { initialQuery: string }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // Publication pages are served without React: the browser opens them, not the router.
    const navigate = (href: string) => (isPublicationPage(href) ? window.location.assign(href) : router.push(href));
    return attachSearchCombobox(form.current!, navigate);
  }, [router]);
  return <SearchForm ref={form} initialQuery={initialQuery} />;
}
