import { newTermPage } from "@/components/admin/taxonomy/taxonomy-pages";

const page = newTermPage("series");

export const metadata = page.metadata;
export default page.Page;
