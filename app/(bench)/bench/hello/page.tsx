// The framework's floor for bench/reader.ts: the smallest static page `next start` serves.
export const dynamic = "force-static";

export default function Hello() {
  return <p>Hello</p>;
}
