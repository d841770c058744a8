import type { ReactNode } from "react";
import { SiteChrome } from "@/components/public/site-chrome";

export default function PublicLayout({ children }: { children: ReactNode }) {
  return <SiteChrome>{children}</SiteChrome>;
}
