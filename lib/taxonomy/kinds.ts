/** Authors, categories (topics) and series: what the staff area and the public site call each. */
import type { TaxonomyKind } from "@/lib/validations/taxonomy";

export type { TaxonomyKind };

export type TaxonomyKindInfo = {
  /** Public listing pages live at `${publicPath}/[slug]`. */
  publicPath: string;
  adminPath: string;
  singular: string;
  plural: string;
  /** The database table, for the few queries written in SQL. */
  table: "Author" | "Category" | "Series";
};

export const TAXONOMY: Record<TaxonomyKind, TaxonomyKindInfo> = {
  author: {
    publicPath: "/authors",
    adminPath: "/admin/authors",
    singular: "author",
    plural: "authors",
    table: "Author",
  },
  category: {
    publicPath: "/categories",
    adminPath: "/admin/categories",
    singular: "category",
    plural: "categories",
    table: "Category",
  },
  series: { publicPath: "/series", adminPath: "/admin/series", singular: "series", plural: "series", table: "Series" },
};

export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
