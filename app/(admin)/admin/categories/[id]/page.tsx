import { editTermPage } from "@/components/admin/taxonomy/taxonomy-pages";

const page = editTermPage("category");

export const metadata = page.metadata;
export default page.Page;
