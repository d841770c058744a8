/** Shared classes of staff pages (form controls come from components/ui/text-field.tsx). */
export const linkClass = "text-accent underline-offset-4 hover:underline";
