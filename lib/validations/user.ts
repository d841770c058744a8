import { z } from "zod";
import { isCommonPassword } from "./password-policy";

export const ROLES = ["ADMIN", "EDITOR", "AUTHOR"] as const;

export const MIN_PASSWORD_LENGTH = 12;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email is too long")
  .pipe(z.email("Enter a valid email address"));

const COMMON_PASSWORD_MESSAGE = "This password is too common: choose one that is harder to guess";

/** Every new password, wherever it is set: the CLI, the first admin, a reset, an invitation. */
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, "Password is too long")
  .refine((password) => !isCommonPassword(password), COMMON_PASSWORD_MESSAGE);

export const newUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(200).default(""),
  role: z.enum(ROLES, { error: `Role must be one of ${ROLES.join(", ")}` }),
  password: passwordSchema,
});

export type NewUser = z.infer<typeof newUserSchema>;

export const forgotPasswordSchema = z.object({ email: emailSchema });

/** The /login/reset form: a new password typed twice, and the link's token. */
export const setPasswordSchema = z
  .object({
    token: z.string().max(200),
    password: passwordSchema,
    confirm: z.string().max(1024),
  })
  .refine((input) => input.password === input.confirm, {
    path: ["confirm"],
    message: "The two passwords do not match",
  });

export const userIdSchema = z.coerce.number().int().positive().max(2_147_483_647);

export const inviteUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "Enter the person's name").max(200, "Name is too long"),
  role: z.enum(ROLES, { error: "Choose a role" }),
});

export const changeRoleSchema = z.object({ userId: userIdSchema, role: z.enum(ROLES, { error: "Choose a role" }) });

export const userTargetSchema = z.object({ userId: userIdSchema });
