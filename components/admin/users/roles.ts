/** The roles as staff read them, for selects; the server validates against lib/validations/user.ts. */
export const ROLE_OPTIONS = [
  { value: "AUTHOR", label: "Author" },
  { value: "EDITOR", label: "Editor" },
  { value: "ADMIN", label: "Admin" },
] as const;

export const ROLE_LABELS: Record<string, string> = Object.fromEntries(
  ROLE_OPTIONS.map((option) => [option.value, option.label]),
);
