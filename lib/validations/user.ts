import { z } from "zod";

export const ROLES = ["ADMIN", "EDITOR", "AUTHOR"] as const;

export const MIN_PASSWORD_LENGTH = 12;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email is too long")
  .pipe(z.email("Enter a valid email address"));

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, "Password is too long");

export const newUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(200).default(""),
  role: z.enum(ROLES, { error: `Role must be one of ${ROLES.join(", ")}` }),
  password: passwordSchema,
});

export type NewUser = z.infer<typeof newUserSchema>;
