import { taxonomyListPage } from "@/components/admin/taxonomy/taxonomy-pages";

const page = taxonomyListPage("series");

export const metadata = page.metadata;
export default page.Page;
