import type { PublicationTeaser } from "@/lib/data/teasers";
import { mediaUrl } from "@/lib/format/paths";
import { imageSrcSet } from "@/lib/media/variants";

/**
 * A publication's featured image with its caption and credit, as front pages show it.
 * `sizes` says how wide it is drawn, so browsers fetch the smallest rendition that fills it.
 */
export function TeaserFigure({
  teaser,
  sizes,
  eager = false,
  showCaption = true,
}: {
  teaser: PublicationTeaser;
  sizes: string;
  eager?: boolean;
  showCaption?: boolean;
}) {
  const image = teaser.featuredImage;
  if (!image) return null;
  const caption = teaser.featuredImageCaption;
  const credit = teaser.featuredImageCredit;
  return (
    <figure>
      {/* eslint-disable-next-line @next/next/no-img-element -- stored media with renditions; no image optimizer runs here */}
      <img
        src={mediaUrl(image.storageKey)}
        srcSet={imageSrcSet(image)}
        sizes={sizes}
        alt={image.alt}
        width={image.width ?? undefined}
        height={image.height ?? undefined}
        loading={eager ? "eager" : "lazy"}
        fetchPriority={eager ? "high" : undefined}
        className="aspect-[16/9] h-auto w-full bg-gray-100 object-cover"
      />
      {showCaption && (caption || credit) && (
        <figcaption className="mt-2 text-sm leading-snug text-muted">
          {caption}
          {caption && credit && " "}
          {credit && <span className="italic">{credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}
