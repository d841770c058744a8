import Head from "next/head";
import { env } from "@/lib/env";

/** The <head> of a Pages Router page other than a publication's: title, description, canonical address. */
export function PageHead({ title, description, path }: { title: string | null; description: string; path: string }) {
  const fullTitle = title ? `${title} | ${env.SITE_NAME}` : env.SITE_NAME;
  const url = new URL(path, env.SITE_URL).toString();
  return (
    <Head>
      <title>{fullTitle}</title>
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="description" content={description} />
      <link rel="canonical" href={url} />
      <meta property="og:type" content="website" />
      <meta property="og:title" content={title ?? env.SITE_NAME} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={url} />
      <meta property="og:site_name" content={env.SITE_NAME} />
      <link rel="alternate" type="application/rss+xml" title={`${env.SITE_NAME} (RSS)`} href="/feed.xml" />
    </Head>
  );
}
