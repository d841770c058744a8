/** Staff input for digests: the compose form, picks and sending. */
import { z } from "zod";
import { databaseIdSchema } from "./common";

const CONTROL_CHARACTERS_EXCEPT_NEWLINES = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/;

const DIGEST_MODES = ["new", "picked"] as const;
export type DigestMode = (typeof DIGEST_MODES)[number];

export const digestDraftSchema = z.object({
  subject: z
    .string({ error: "Enter a subject" })
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { message: "Subject must be one line", abort: true })
    .trim()
    .min(1, "Enter a subject")
    .max(200, "Subject is too long (200 characters at most)"),
  intro: z
    .string()
    .refine((value) => !CONTROL_CHARACTERS_EXCEPT_NEWLINES.test(value), "Intro contains characters that cannot be sent")
    .trim()
    .max(5000, "Intro is too long (5,000 characters at most)")
    .default(""),
  mode: z.enum(DIGEST_MODES, { error: "Choose what the digest contains" }),
});

export const digestPickSchema = z.object({
  digestId: databaseIdSchema,
  publicationId: databaseIdSchema,
  change: z.enum(["add", "remove"], { error: "Choose to add or remove" }),
});

export const digestSendSchema = z.object({
  digestId: databaseIdSchema,
  confirm: z.literal("yes", { error: "Tick the box to confirm sending to every subscriber" }),
});
