import { editTermPage } from "@/components/admin/taxonomy/taxonomy-pages";

const page = editTermPage("author");

export const metadata = page.metadata;
export default page.Page;
