import type { Metadata } from "next";

export type TokenPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The `token` query parameter as one string (the first when repeated), "" when absent. */
export async function tokenFrom(props: TokenPageProps): Promise<string> {
  const value = (await props.searchParams).token;
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/**
 * Pages opened from an email's signed link: kept out of search engines, and no Referer,
 * so the token in the address never travels to another site.
 */
export const tokenPageMetadata = (title: string): Metadata => ({
  title,
  robots: { index: false, follow: false },
  referrer: "no-referrer",
});
