import { z } from "zod";
import { mediaUrl } from "@/lib/format/paths";

/** Media.variants as stored: [{ width, height, storageKey }] (WebP renditions, lib/media/upload.ts). */
const storedVariantsSchema = z.array(
  z.object({ width: z.number().int(), height: z.number().int(), storageKey: z.string() }),
);
export type StoredVariant = z.infer<typeof storedVariantsSchema>[number];

/** The stored variants, narrowest first; none when the column holds anything else. */
export function storedVariants(value: unknown): StoredVariant[] {
  const parsed = storedVariantsSchema.safeParse(value);
  return parsed.success ? [...parsed.data].sort((a, b) => a.width - b.width) : [];
}

/**
 * An image's srcset: its renditions and the original, each with its width, so browsers
 * fetch the smallest that fills the space. Undefined when there is nothing to choose from.
 */
export function imageSrcSet(image: {
  storageKey: string;
  width: number | null;
  variants: unknown;
}): string | undefined {
  const variants = storedVariants(image.variants).filter(
    (variant) => image.width === null || variant.width < image.width,
  );
  if (variants.length === 0 || image.width === null) return undefined;
  return [
    ...variants.map((variant) => `${mediaUrl(variant.storageKey)} ${variant.width}w`),
    `${mediaUrl(image.storageKey)} ${image.width}w`,
  ].join(", ");
}
