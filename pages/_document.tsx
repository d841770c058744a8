import { Head, Html, Main, NextScript } from "next/document";
import { BODY_CLASS } from "@/components/document/body-class";

/**
 * The document of the pages served without React in the browser (README, "The
 * publication page ships no framework JavaScript"); app/layout.tsx is its App Router twin.
 */
export default function Document() {
  return (
    <Html lang="en">
      <Head />
      <body className={BODY_CLASS}>
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
