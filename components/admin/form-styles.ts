/** Shared classes of staff form controls. */
export const inputClass = "mt-1 w-full rounded border border-gray-500 bg-white px-3 py-2";
export const labelClass = "block text-sm font-semibold";
export const linkClass = "text-accent underline-offset-4 hover:underline";
