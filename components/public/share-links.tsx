/** Plain links to each network's share page: no third-party scripts, no tracking. */
export function ShareLinks({ url, title }: { url: string; title: string }) {
  const encodedUrl = encodeURIComponent(url);
  const encodedTitle = encodeURIComponent(title);
  const targets = [
    { name: "Email", href: `mailto:?subject=${encodedTitle}&body=${encodedUrl}` },
    { name: "LinkedIn", href: `https://www.linkedin.com/sharing/share-offsite/?url=${encodedUrl}` },
    { name: "X", href: `https://x.com/intent/post?url=${encodedUrl}&text=${encodedTitle}` },
    { name: "Facebook", href: `https://www.facebook.com/sharer/sharer.php?u=${encodedUrl}` },
    { name: "Bluesky", href: `https://bsky.app/intent/compose?text=${encodedTitle}%20${encodedUrl}` },
  ];
  return (
    <nav aria-label="Share" className="share-links mt-6 flex flex-wrap items-center gap-3 text-sm">
      <span className="font-semibold">Share:</span>
      {targets.map((target) => (
        <a
          key={target.name}
          href={target.href}
          className="text-accent underline"
          rel="noopener noreferrer"
          target={target.name === "Email" ? undefined : "_blank"}
        >
          {target.name}
        </a>
      ))}
    </nav>
  );
}
