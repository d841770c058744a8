import { mediaUrl } from "@/lib/format/paths";
import { imageSrcSet } from "@/lib/media/variants";

export type PortraitSource = {
  name: string;
  photoUrl: string | null;
  photo: { storageKey: string; alt: string; width: number | null; height: number | null; variants: unknown } | null;
};

/**
 * A person's portrait at a fixed square size: the media library's photo (its alt text, its
 * renditions), else an outside address, else their initials on a tint (decorative: the
 * name is always printed beside it).
 */
export function Portrait({ person, size, eager = false }: { person: PortraitSource; size: number; eager?: boolean }) {
  const className = "shrink-0 rounded-full bg-gray-100 object-cover";
  const style = { width: size, height: size };
  if (person.photo) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- stored media with renditions; no image optimizer runs here
      <img
        src={mediaUrl(person.photo.storageKey)}
        srcSet={imageSrcSet(person.photo)}
        sizes={`${size}px`}
        alt={person.photo.alt || `Portrait of ${person.name}`}
        width={size}
        height={size}
        loading={eager ? "eager" : "lazy"}
        className={className}
        style={style}
      />
    );
  }
  if (person.photoUrl) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- an outside or imported portrait
      <img
        src={person.photoUrl}
        alt={`Portrait of ${person.name}`}
        width={size}
        height={size}
        loading={eager ? "eager" : "lazy"}
        className={className}
        style={style}
      />
    );
  }
  const initials = person.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join("");
  return (
    <span
      aria-hidden="true"
      className="flex shrink-0 items-center justify-center rounded-full bg-slate-200 font-serif font-bold text-slate-700"
      style={{ ...style, fontSize: size / 3 }}
    >
      {initials}
    </span>
  );
}
