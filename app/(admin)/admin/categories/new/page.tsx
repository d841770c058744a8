import { newTermPage } from "@/components/admin/taxonomy/taxonomy-pages";

const page = newTermPage("category");

export const metadata = page.metadata;
export default page.Page;
