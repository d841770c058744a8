import type { MetadataRoute } from "next";
import { absoluteUrl } from "@/lib/feeds/query";

// Per request, so the addresses follow SITE_URL at run time rather than at build time.
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/admin", "/api/", "/login", "/bench/"] },
    sitemap: absoluteUrl("/sitemap.xml"),
    host: new URL(absoluteUrl("/")).origin,
  };
}
